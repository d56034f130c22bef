/** Identification: who is calling (tokens, development keys), refusals before that is known, the request's context. */
export { DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE, developmentKeyFiles, loadOrCreateDevelopmentKey, type DevelopmentKey } from './developmentKeys.ts';
export { mintToken, parseTtl, type CallerClaims } from './tokens.ts';
export { CallerRejected, createCallerVerifier, type CallerVerifier, type CallerVerifierOptions } from './callerVerifier.ts';
export { createRefusalGuard, DEFAULT_REFUSALS, resolveRefusalOptions, type RefusalGuard, type RefusalOptions, type ResolvedRefusalOptions } from './refusalGuard.ts';
