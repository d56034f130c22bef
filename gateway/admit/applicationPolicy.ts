/**
 * What the gateway allows each application, beyond the sharing rules: operation limits, whether it may send only
 * trusted (registered) documents, its rate limit; and each agreement's daily quota of records. One default for
 * every application, overridden per application id (the token's `sub`) and per agreement id. Validated once at
 * start with a message naming the bad key; read from a JSON file in deployments (`readApplicationPolicyFile`).
 */
import { readFileSync } from 'node:fs';
import type { Caller } from '../../sharing/types.ts';
import { byName, check, expecting, only, positiveInteger } from '../optionChecks.ts';
import { DEFAULT_OPERATION_LIMITS, OPERATION_LIMITS_SCHEMA, type OperationLimits } from './operationLimits.ts';

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

/**
 * Whose share of the limits an operation spends: its application's, and for a signed-in resident their own (each
 * resident has the resident application's settings to themselves: one resident cannot spend every resident's share).
 * `key` names the bucket and the operations in flight; `who` is how the refusal names the holder.
 */
export function limitHolder(caller: Pick<Caller, 'application' | 'resident'>): { key: string; who: string } {
  if (caller.resident) return { key: `${caller.application}\u0000${caller.resident}`, who: `This resident's sign-in (application ${caller.application}, limits per resident)` };
  return { key: caller.application, who: `Application ${caller.application}` };
}

/** A ceiling against runaway client loops, never reached by a well-behaved one; set real ones per application. */
export const DEFAULT_RATE_LIMIT: RateLimit = { requestsPerSecond: 1_000, burst: 2_000 };

export const BUILT_IN_SETTINGS: ApplicationSettings = {
  limits: { ...DEFAULT_OPERATION_LIMITS },
  trustedDocuments: false,
  rateLimit: DEFAULT_RATE_LIMIT,
};

const OVERRIDE = only({
  limits: OPERATION_LIMITS_SCHEMA.optional(),
  trustedDocuments: expecting<boolean>('true or false', (value) => typeof value === 'boolean').optional(),
  rateLimit: only({
    requestsPerSecond: expecting<number>('a positive number', (value) => typeof value === 'number' && value > 0),
    burst: positiveInteger,
  }).nullable().optional(),
});

const POLICY = only({
  defaults: OVERRIDE.optional(),
  applications: byName(OVERRIDE).optional(),
  agreements: byName(only({ dailyRecords: expecting<number>('a non-negative integer', (value) => Number.isInteger(value) && (value as number) >= 0) })).optional(),
});

/** `where` names the configuration in every problem found: the policy file, or the option it was given in. */
export function createApplicationPolicy(config: ApplicationPolicyConfig = {}, where = 'applicationPolicy'): ApplicationPolicy {
  check(POLICY, config, where);
  const defaults = merge(BUILT_IN_SETTINGS, config.defaults ?? {});
  const perApplication = new Map<string, ApplicationSettings>();
  for (const [application, override] of Object.entries(config.applications ?? {})) perApplication.set(application, merge(defaults, override));
  const quotas = new Map(Object.entries(config.agreements ?? {}).map(([agreement, quota]) => [agreement, quota.dailyRecords]));
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

/** Reads the application policy from a JSON file (`GOVGRAPH_APPLICATION_POLICY`), naming the file in every error. */
export function readApplicationPolicyFile(file: string): ApplicationPolicy {
  let config: ApplicationPolicyConfig;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as ApplicationPolicyConfig;
  } catch (error) {
    throw new Error(`Application policy file ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  return createApplicationPolicy(config, file);
}
