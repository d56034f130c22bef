/** Identification: who is calling (tokens, development keys), refusals before that is known, the request's context. */
export {
  DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE, developmentKeyFiles, developmentResidentKeyFiles, loadOrCreateDevelopmentKey, loadOrCreateDevelopmentResidentKey,
  type DevelopmentKey,
} from './developmentKeys.ts';
export { mintResidentToken, mintToken, parseTtl, type CallerClaims } from './tokens.ts';
export { CallerRejected, createCallerVerifier, type CallerVerifier, type CallerVerifierOptions } from './callerVerifier.ts';
export { createResidentVerifier, type ResidentVerifier, type ResidentVerifierOptions } from './residentVerifier.ts';
export { createIdentityVerifier } from './identityVerifier.ts';
export { createRefusalGuard, DEFAULT_REFUSALS, resolveRefusalOptions, type RefusalGuard, type RefusalOptions, type ResolvedRefusalOptions } from './refusalGuard.ts';
