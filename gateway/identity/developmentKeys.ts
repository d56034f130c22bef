/**
 * The embedded default's development signing key: an ES256 key pair generated on first use into the data
 * directory (private JWK) with its public JWKS beside it. For development and tests only; production keys come
 * from a JWKS URL (see docs/DEPLOYMENT.md when it exists).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const DEVELOPMENT_ISSUER = 'govgraph-development';
export const GATEWAY_AUDIENCE = 'govgraph';

export interface DevelopmentKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public key set to verify tokens with. */
  jwks: { keys: JWK[] };
}

export function developmentKeyFiles(dataDir: string): { privateKey: string; jwks: string } {
  return { privateKey: join(dataDir, 'keys', 'development-signing-key.json'), jwks: join(dataDir, 'keys', 'jwks.json') };
}

/** Reads the development key, generating and saving it first when there is none. */
export async function loadOrCreateDevelopmentKey(dataDir: string): Promise<DevelopmentKey> {
  const files = developmentKeyFiles(dataDir);
  if (!existsSync(files.privateKey)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    mkdirSync(dirname(files.privateKey), { recursive: true });
    writeAtomically(files.jwks, JSON.stringify({ keys: [publicJwk] }, null, 2) + '\n');
    writeAtomically(files.privateKey, JSON.stringify(privateJwk, null, 2) + '\n', 0o600);
  }
  const privateJwk = JSON.parse(readFileSync(files.privateKey, 'utf8')) as JWK & { kid: string };
  const jwks = JSON.parse(readFileSync(files.jwks, 'utf8')) as { keys: JWK[] };
  return { kid: privateJwk.kid, privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, jwks };
}

function writeAtomically(file: string, content: string, mode = 0o644): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}
