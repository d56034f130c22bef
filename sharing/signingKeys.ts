/**
 * An ES256 signing key kept in a data directory: the private JWK (mode 0600) and its public JWKS beside it.
 * Generated on first use. Safe when several processes start at once: the private key is created with an
 * exclusive link, so exactly one key wins and the losers read it; the JWKS is always derived from that private
 * key, so the two files cannot disagree (a half-written or stale JWKS is rewritten from the private key).
 * Used for the development caller key and the gateway's grant key.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public key set to verify with. */
  jwks: { keys: JWK[] };
}

export interface SigningKeyFiles {
  privateKey: string;
  jwks: string;
}

/** Reads the key in `files`, generating and saving it first when there is none; `kidPrefix` names new keys. */
export async function loadOrCreateSigningKey(files: SigningKeyFiles, kidPrefix: string): Promise<SigningKey> {
  if (!existsSync(files.privateKey)) await createPrivateKey(files.privateKey, kidPrefix);
  const privateJwk = JSON.parse(readFileSync(files.privateKey, 'utf8')) as JWK & { kid: string };
  const jwks = { keys: [publicJwkOf(privateJwk)] };
  if (!sameJwks(readJwksIfAny(files.jwks), jwks)) writeAtomically(files.jwks, JSON.stringify(jwks, null, 2) + '\n');
  return { kid: privateJwk.kid, privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, jwks };
}

/** The public key set in `file`, or null when it is missing or not a JWKS. */
export function readJwksIfAny(file: string): { keys: JWK[] } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? (parsed as { keys: JWK[] }) : null;
  } catch {
    return null;
  }
}

async function createPrivateKey(file: string, kidPrefix: string): Promise<void> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${kidPrefix}-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(temporary, JSON.stringify(privateJwk, null, 2) + '\n', { mode: 0o600 });
  try {
    linkSync(temporary, file); // fails with EEXIST when another process created the key first: theirs wins
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function publicJwkOf(privateJwk: JWK & { kid: string }): JWK {
  const { kty, crv, x, y, kid } = privateJwk;
  return { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' };
}

function sameJwks(a: { keys: JWK[] } | null, b: { keys: JWK[] }): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

function writeAtomically(file: string, content: string, mode = 0o644): void {
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}
