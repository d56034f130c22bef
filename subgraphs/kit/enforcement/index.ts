/** Each department enforces its own sharing scope: grant and binding authentication, shield rules from @share, masking. */
export { createDepartmentDecisions, type DepartmentDecisions, type DepartmentDecisionsOptions } from './departmentDecisions.ts';
export { enforceSharing, type SharingEnforcement, type SharingEnforcementOptions } from './enforceSharing.ts';
export { authenticateGrant, authenticateRequest, BoundRequestRefused, type AuthenticatedRequest, type RequestCredentials } from './grantAuthentication.ts';
export { denialError, sharingShield, UNAUTHORIZED_FIELD_OR_TYPE, type SharingShieldOptions } from './shieldRules.ts';
