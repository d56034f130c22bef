/**
 * The gateway's grant signing key: an ES256 key pair generated on first use into the data directory (private JWK,
 * mode 0600) with its public JWKS beside it, which every department verifies grant tokens against. Departments
 * read only the public half (`readGatewayJwks`); the gateway alone holds the private key.
 *
 * Safe when several processes start at once: the private key is created with an exclusive link, so exactly one
 * key wins and the losers read it; the JWKS is always derived from that private key, so the two files cannot
 * disagree (a half-written or stale JWKS is rewritten from the private key).
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface GrantKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public key set departments verify grant tokens with. */
  jwks: { keys: JWK[] };
}

export function grantKeyFiles(dataDir: string): { privateKey: string; jwks: string } {
  return {
    privateKey: join(dataDir, 'keys', 'gateway-grant-key.json'),
    jwks: join(dataDir, 'keys', 'gateway-jwks.json'),
  };
}

/** Reads the gateway's grant key, generating and saving it first when there is none. */
export async function loadOrCreateGrantKey(dataDir: string): Promise<GrantKey> {
  const files = grantKeyFiles(dataDir);
  if (!existsSync(files.privateKey)) await createPrivateKey(files.privateKey);
  const privateJwk = JSON.parse(readFileSync(files.privateKey, 'utf8')) as JWK & { kid: string };
  const jwks = { keys: [publicJwkOf(privateJwk)] };
  if (!sameJwks(readJwksIfAny(files.jwks), jwks)) writeAtomically(files.jwks, JSON.stringify(jwks, null, 2) + '\n');
  return { kid: privateJwk.kid, privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, jwks };
}

/**
 * The public JWKS a department verifies grants with, as the gateway published it in `dataDir`. Throws a message
 * naming the file when the gateway has not created its key yet (start the gateway, or `loadOrCreateGrantKey`, first).
 */
export function readGatewayJwks(dataDir: string): { keys: JWK[] } {
  const file = grantKeyFiles(dataDir).jwks;
  const jwks = readJwksIfAny(file);
  if (!jwks) {
    throw new Error(
      `No gateway grant keys at ${file}: create them with loadOrCreateGrantKey("${dataDir}") (the gateway does on start) before starting a department.`,
    );
  }
  return jwks;
}

async function createPrivateKey(file: string): Promise<void> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `grant-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
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

function readJwksIfAny(file: string): { keys: JWK[] } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? (parsed as { keys: JWK[] }) : null;
  } catch {
    return null;
  }
}

function sameJwks(a: { keys: JWK[] } | null, b: { keys: JWK[] }): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

function writeAtomically(file: string, content: string, mode = 0o644): void {
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}
