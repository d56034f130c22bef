/**
 * What the gateway allows each application, beyond the sharing rules: operation limits, whether it may send only
 * trusted (registered) documents, its rate limit; and each agreement's daily quota of records. One default for
 * every application, overridden per application id (the token's `sub`) and per agreement id. Validated once at
 * start with a message naming the bad key; read from a JSON file in deployments (`readApplicationPolicyFile`).
 */
import { DEFAULT_OPERATION_LIMITS, validateLimits, type OperationLimits } from './operationLimits.ts';

export interface RateLimit {
  /** Tokens added to the application's bucket per second (its sustained request rate), per gateway replica. */
  requestsPerSecond: number;
  /** Bucket size: requests it may send at once after being idle. */
  burst: number;
}

export interface ApplicationSettings {
  limits: OperationLimits;
  /** Only documents registered for the application are executed. */
  trustedDocuments: boolean;
  /** Null: no rate limit. */
  rateLimit: RateLimit | null;
}

export interface ApplicationSettingsOverride {
  limits?: Partial<OperationLimits>;
  trustedDocuments?: boolean;
  rateLimit?: RateLimit | null;
}

export interface ApplicationPolicyConfig {
  /** Applied to every application (on top of the built-in defaults). */
  defaults?: ApplicationSettingsOverride;
  /** Application id -> its overrides (on top of `defaults`). */
  applications?: Record<string, ApplicationSettingsOverride>;
  /** Agreement id -> records the consumer may receive under it per day. */
  agreements?: Record<string, { dailyRecords: number }>;
}

export interface ApplicationPolicy {
  settingsFor(application: string): ApplicationSettings;
  /** Records per day an agreement allows; null when it has no quota. */
  dailyRecordsFor(agreementId: string): number | null;
  /** The largest batch any application may send (to let Apollo accept arrays at all). */
  largestBatch: number;
  /** The largest token limit of any application (Apollo's own parser ceiling). */
  largestTokenLimit: number;
  /** Some agreement has a daily quota (so the gateway needs somewhere to count usage). */
  hasAgreementQuotas: boolean;
}

/** A ceiling against runaway client loops, never reached by a well-behaved one; set real ones per application. */
export const DEFAULT_RATE_LIMIT: RateLimit = { requestsPerSecond: 1_000, burst: 2_000 };

export const BUILT_IN_SETTINGS: ApplicationSettings = {
  limits: { ...DEFAULT_OPERATION_LIMITS },
  trustedDocuments: false,
  rateLimit: DEFAULT_RATE_LIMIT,
};

export function createApplicationPolicy(config: ApplicationPolicyConfig = {}, where = 'applicationPolicy'): ApplicationPolicy {
  checkKeys(config, ['defaults', 'applications', 'agreements'], where);
  const defaults = merge(BUILT_IN_SETTINGS, checkOverride(config.defaults ?? {}, `${where}.defaults`));
  const perApplication = new Map<string, ApplicationSettings>();
  for (const [application, override] of Object.entries(config.applications ?? {})) {
    perApplication.set(application, merge(defaults, checkOverride(override, `${where}.applications.${application}`)));
  }
  const quotas = new Map<string, number>();
  for (const [agreement, quota] of Object.entries(config.agreements ?? {})) {
    checkKeys(quota, ['dailyRecords'], `${where}.agreements.${agreement}`);
    if (!Number.isInteger(quota.dailyRecords) || quota.dailyRecords < 0) {
      throw new Error(`${where}.agreements.${agreement}.dailyRecords must be a non-negative integer, got ${JSON.stringify(quota.dailyRecords)}.`);
    }
    quotas.set(agreement, quota.dailyRecords);
  }
  const all = [defaults, ...perApplication.values()];
  return {
    settingsFor: (application) => perApplication.get(application) ?? defaults,
    dailyRecordsFor: (agreementId) => quotas.get(agreementId) ?? null,
    largestBatch: Math.max(...all.map((s) => s.limits.maxBatchOperations)),
    largestTokenLimit: Math.max(...all.map((s) => s.limits.maxTokens)),
    hasAgreementQuotas: quotas.size > 0,
  };
}

function merge(base: ApplicationSettings, override: ApplicationSettingsOverride): ApplicationSettings {
  return {
    limits: { ...base.limits, ...override.limits },
    trustedDocuments: override.trustedDocuments ?? base.trustedDocuments,
    rateLimit: override.rateLimit === undefined ? base.rateLimit : override.rateLimit,
  };
}

function checkOverride(override: ApplicationSettingsOverride, where: string): ApplicationSettingsOverride {
  checkKeys(override, ['limits', 'trustedDocuments', 'rateLimit'], where);
  if (override.limits !== undefined) validateLimits(override.limits, `${where}.limits`);
  if (override.trustedDocuments !== undefined && typeof override.trustedDocuments !== 'boolean') {
    throw new Error(`${where}.trustedDocuments must be true or false, got ${JSON.stringify(override.trustedDocuments)}.`);
  }
  const rate = override.rateLimit;
  if (rate !== undefined && rate !== null) {
    checkKeys(rate, ['requestsPerSecond', 'burst'], `${where}.rateLimit`);
    if (!(typeof rate.requestsPerSecond === 'number' && rate.requestsPerSecond > 0)) {
      throw new Error(`${where}.rateLimit.requestsPerSecond must be a positive number, got ${JSON.stringify(rate.requestsPerSecond)}.`);
    }
    if (!Number.isInteger(rate.burst) || rate.burst < 1) {
      throw new Error(`${where}.rateLimit.burst must be a positive integer, got ${JSON.stringify(rate.burst)}.`);
    }
  }
  return override;
}

function checkKeys(value: unknown, known: string[], where: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object.`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new Error(`${where}.${key} is not a setting; known: ${known.join(', ')}.`);
  }
}
