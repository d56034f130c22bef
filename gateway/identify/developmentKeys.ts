/**
 * The embedded default's development signing key: an ES256 key pair generated on first use into the data
 * directory (private JWK) with its public JWKS beside it. For development and tests only; production keys come
 * from a JWKS URL (see docs/DEPLOYMENT.md when it exists).
 */
import { join } from 'node:path';
import { loadOrCreateSigningKey, type SigningKey } from '../../sharing/signingKeys.ts';

export const DEVELOPMENT_ISSUER = 'govgraph-development';
export const GATEWAY_AUDIENCE = 'govgraph';

export type DevelopmentKey = SigningKey;

export function developmentKeyFiles(dataDir: string): { privateKey: string; jwks: string } {
  return { privateKey: join(dataDir, 'keys', 'development-signing-key.json'), jwks: join(dataDir, 'keys', 'jwks.json') };
}

/** Reads the development key, generating and saving it first when there is none. */
export function loadOrCreateDevelopmentKey(dataDir: string): Promise<DevelopmentKey> {
  return loadOrCreateSigningKey(developmentKeyFiles(dataDir), 'dev');
}

/** The embedded default's development key for residents' tokens: a key of its own, as a resident's identity provider is not the departments'. */
export function developmentResidentKeyFiles(dataDir: string): { privateKey: string; jwks: string } {
  return { privateKey: join(dataDir, 'keys', 'resident-development-signing-key.json'), jwks: join(dataDir, 'keys', 'resident-jwks.json') };
}

/** Reads the development resident key, generating and saving it first when there is none. */
export function loadOrCreateDevelopmentResidentKey(dataDir: string): Promise<DevelopmentKey> {
  return loadOrCreateSigningKey(developmentResidentKeyFiles(dataDir), 'dev-resident');
}
