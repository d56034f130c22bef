export {
  DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE, developmentKeyFiles, developmentResidentKeyFiles, loadOrCreateDevelopmentKey, loadOrCreateDevelopmentResidentKey,
  type DevelopmentKey,
} from './developmentKeys.ts';
export { mintResidentToken, mintToken, parseTtl, type CallerClaims } from './tokens.ts';
export { CallerRejected, createCallerVerifier, type CallerVerifier, type CallerVerifierOptions } from './callerVerifier.ts';
export { createResidentVerifier, type ResidentVerifier, type ResidentVerifierOptions } from './residentVerifier.ts';
export { createIdentityVerifier } from './identityVerifier.ts';
