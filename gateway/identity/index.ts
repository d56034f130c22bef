export { DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE, developmentKeyFiles, loadOrCreateDevelopmentKey, type DevelopmentKey } from './developmentKeys.ts';
export { mintToken, parseTtl, type CallerClaims } from './tokens.ts';
export { CallerRejected, createCallerVerifier, type CallerVerifier, type CallerVerifierOptions } from './callerVerifier.ts';
