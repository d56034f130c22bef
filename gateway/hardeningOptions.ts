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
import { z } from 'zod';
import { byName, check, expecting, positiveInteger } from './optionChecks.ts';

const milliseconds = expecting<number>('a positive integer of milliseconds', (value) => Number.isInteger(value) && (value as number) >= 1);

const HARDENING = z.object({
  maxRequestBytes: expecting<number>('an integer of at least 1024', (value) => Number.isInteger(value) && (value as number) >= 1024),
  subgraphResilience: z.object({
    timeoutMs: milliseconds,
    timeouts: byName(milliseconds),
    retries: expecting<number>('an integer from 0 to 3', (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3),
    maxPending: positiveInteger.nullable(),
    breaker: z.object({ failureThreshold: positiveInteger, cooldownMs: positiveInteger }, { error: 'must be { failureThreshold: positive integer, cooldownMs: positive integer } or null' }).nullable(),
  }),
});

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
  check(HARDENING, resolved, 'Gateway option');
  return resolved;
}
