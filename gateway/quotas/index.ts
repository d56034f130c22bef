/** Quotas: per-application rate limits (per replica) and per-agreement daily records (shared, in the platform store). */
export { PlatformAgreementUsage, quotaDay, type AgreementUsage } from './agreementUsage.ts';
export { createRateLimiter, type RateDecision, type RateLimiter } from './rateLimiter.ts';
