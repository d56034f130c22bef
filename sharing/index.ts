/** The sharing rules' shared vocabulary and catalogue reader, used by the gateway, the kit and the platform. */
export { readSharingCatalogue, type ReadCatalogueOptions, type SharingCatalogue } from './catalogue.ts';
export {
  GATEWAY_GRANT_ISSUER,
  SHARE_LEVELS,
  type Agreement,
  type AgreementStatus,
  type Caller,
  type ConfirmationKey,
  type Decision,
  type DenyDecision,
  type GrantClaims,
  type ItemPolicy,
  type ShareLevel,
} from './types.ts';
export { decide, purposeMatches, unknownPurpose, type AgreementNotInForce, type DecideOptions, type DecisionRequest } from './decide.ts';
export { loadOrCreateGrantKey, grantKeyFiles, readGatewayJwks, type GrantKey } from './grantKeys.ts';
export { createGrantSigner, createGrantVerifier, GrantRejected, type GrantSigner, type GrantVerifier } from './grantToken.ts';
export { maskValue } from './masking.ts';
