/**
 * Admission: what is checked once the caller is known and before anything runs for it — its rate limit, the batch,
 * persisted and trusted documents, the operation limits before parsing (admission.ts), then, once Apollo has
 * validated the operation, malformed identifiers, its cost and the application's operations in flight. The limits
 * and the per-application policy they come from live here too.
 */
export { createApplicationPolicy, readApplicationPolicyFile, type ApplicationPolicy, type ApplicationPolicyConfig } from './applicationPolicy.ts';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operationLimits.ts';
export { estimateCost } from './estimateCost.ts';
export { lexicalCheck } from './lexicalCheck.ts';
export { measureDocument } from './measureDocument.ts';
export { createRateLimiter } from './rateLimiter.ts';
