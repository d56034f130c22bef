/**
 * The gateway options that protect the platform from careless or hostile callers and from failing departments:
 * per-application limits, trusted documents, quotas, the request body limit and how departments' failures are
 * contained. Part of GatewayOptions; resolved and validated here, with a message naming the bad option.
 */
import { createApplicationPolicy, type ApplicationPolicy, type ApplicationPolicyConfig } from './admit/applicationPolicy.ts';
import type { AgreementUsage } from './quotas/agreementUsage.ts';
import { DEFAULT_BREAKER } from './fetch/circuitBreaker.ts';
import type { SubgraphResilience } from './fetch/subgraphClient.ts';
import type { TrustedDocumentStore } from './trusted/trustedDocumentStore.ts';

export interface HardeningOptions {
  /**
   * Operation limits, trusted mode and rate limit per application, daily record quotas per agreement
   * (gateway/admit/). Default: the built-in limits and a 1,000 requests/s rate limit per application.
   */
  applicationPolicy?: ApplicationPolicy | ApplicationPolicyConfig;
  /** Documents registered per application (trusted mode, persisted queries). Default none. */
  trustedDocuments?: TrustedDocumentStore | null;
  /** Where records served per agreement per day are counted; required when a daily quota is configured. */
  agreementUsage?: AgreementUsage | null;
  /** Largest request body, in bytes (413 beyond). Default 1 MiB. */
  maxRequestBytes?: number;
  /** How failing departments are contained (deadline, retries, pending bound, circuit breaker). */
  subgraphResilience?: Partial<SubgraphResilience>;
}

export interface ResolvedHardeningOptions {
  applicationPolicy: ApplicationPolicy;
  trustedDocuments: TrustedDocumentStore | null;
  agreementUsage: AgreementUsage | null;
  maxRequestBytes: number;
  subgraphResilience: SubgraphResilience;
}

export function resolveHardeningOptions(options: HardeningOptions): ResolvedHardeningOptions {
  const policy = options.applicationPolicy;
  const resilience: SubgraphResilience = {
    timeoutMs: 10_000,
    timeouts: {},
    retries: 1,
    maxPending: null,
    breaker: DEFAULT_BREAKER,
    ...options.subgraphResilience,
  };
  const resolved: ResolvedHardeningOptions = {
    applicationPolicy: policy && 'settingsFor' in policy ? policy : createApplicationPolicy(policy ?? {}, 'Gateway option `applicationPolicy`'),
    trustedDocuments: options.trustedDocuments ?? null,
    agreementUsage: options.agreementUsage ?? null,
    maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024,
    subgraphResilience: resilience,
  };
  if (resolved.applicationPolicy.hasAgreementQuotas && !resolved.agreementUsage) {
    throw new Error('The application policy sets daily quotas for agreements, but no `agreementUsage` store was given to count them in.');
  }
  if (!Number.isInteger(resolved.maxRequestBytes) || resolved.maxRequestBytes < 1024) {
    throw new Error(`Gateway option \`maxRequestBytes\` must be an integer of at least 1024, got ${String(options.maxRequestBytes)}.`);
  }
  for (const [name, ms] of [['timeoutMs', resilience.timeoutMs], ...Object.entries(resilience.timeouts).map(([k, v]) => [`timeouts.${k}`, v])] as const) {
    if (!Number.isInteger(ms) || (ms as number) < 1) {
      throw new Error(`Gateway option \`subgraphResilience.${name}\` must be a positive integer of milliseconds, got ${String(ms)}.`);
    }
  }
  if (!Number.isInteger(resilience.retries) || resilience.retries < 0 || resilience.retries > 3) {
    throw new Error(`Gateway option \`subgraphResilience.retries\` must be an integer from 0 to 3, got ${String(resilience.retries)}.`);
  }
  if (resilience.maxPending !== null && (!Number.isInteger(resilience.maxPending) || resilience.maxPending < 1)) {
    throw new Error(`Gateway option \`subgraphResilience.maxPending\` must be a positive integer, got ${String(resilience.maxPending)}.`);
  }
  const breaker = resilience.breaker;
  if (breaker && (!Number.isInteger(breaker.failureThreshold) || breaker.failureThreshold < 1 || !Number.isInteger(breaker.cooldownMs) || breaker.cooldownMs < 1)) {
    throw new Error('Gateway option `subgraphResilience.breaker` must be { failureThreshold: positive integer, cooldownMs: positive integer } or null.');
  }
  return resolved;
}
