/**
 * Admission: what is checked once the caller is known and before anything runs for it — its rate limit, the batch,
 * persisted and trusted documents, the operation limits before parsing (admission.ts), then, once Apollo has
 * validated the operation, malformed identifiers, its cost and the application's operations in flight. The limits
 * and the per-application policy they come from live here too.
 */
export { createAdmission, sha256, type Admission, type AdmissionOptions } from './admission.ts';
export {
  BUILT_IN_SETTINGS,
  DEFAULT_RATE_LIMIT,
  createApplicationPolicy,
  type ApplicationPolicy,
  type ApplicationPolicyConfig,
  type ApplicationSettings,
  type ApplicationSettingsOverride,
  type RateLimit,
} from './applicationPolicy.ts';
export { readApplicationPolicyFile } from './readApplicationPolicyFile.ts';
export { createDocumentLimits, type DocumentLimits } from './documentLimits.ts';
export { estimateCost } from './estimateCost.ts';
export { lexicalCheck } from './lexicalCheck.ts';
export { measureDocument, type DocumentMeasure, type OperationMeasure } from './measureDocument.ts';
export { DEFAULT_OPERATION_LIMITS, LIMIT_CODES, OPERATION_LIMITS_SCHEMA, limitExceeded, type LimitName, type OperationLimits } from './operationLimits.ts';
export { createRateLimiter, type RateDecision, type RateLimiter } from './rateLimiter.ts';
