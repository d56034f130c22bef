/**
 * The key audit seals are signed with, and where it may be kept. A seal is worth only as much as its key is out of
 * reach of whoever can rewrite the trail: a key in the same directory as the database lets them rewrite the chain
 * and sign new seals over it. So a production deployment seals with a key of its own (`GOVGRAPH_SEAL_KEY_FILE`),
 * kept outside the data directory and every database file's folder and readable by its owner only, and refuses
 * to start otherwise, naming the setting. The embedded default seals with the gateway's grant key (a department with
 * its own key), in the data directory: for development only.
 *
 * The file is a private ES256 JWK with a `kid` (as `loadOrCreateSigningKey` writes one); it is only read, never
 * written, so it may sit on a read-only secret mount.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { importJWK, type CryptoKey, type JWK } from 'jose';

export const SEAL_KEY_SETTING = 'GOVGRAPH_SEAL_KEY_FILE';

export interface SealKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half, to verify the seals with (`npm run audit:verify -- --jwks`). */
  jwks: { keys: JWK[] };
  /** The file it was read from. */
  file: string;
}

/** Reads the sealing key in `file`; throws naming the setting when it is missing or not a private ES256 JWK. */
export async function readSealKey(file: string, setting = SEAL_KEY_SETTING): Promise<SealKey> {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`${setting}: no sealing key at ${path}. Create it (docs/DEPLOYMENT.md, "The sealing key") or correct the path.`);
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } catch (error) {
    throw new Error(`${setting}: ${path} is not a JSON key file (${(error as Error).message}).`);
  }
  const { kty, crv, x, y, d, kid } = jwk;
  if (kty !== 'EC' || crv !== 'P-256' || typeof d !== 'string' || typeof kid !== 'string' || kid === '') {
    throw new Error(`${setting}: ${path} is not a private ES256 key with a kid ({ "kty": "EC", "crv": "P-256", "d": …, "kid": … }).`);
  }
  const privateKey = (await importJWK({ kty, crv, x, y, d }, 'ES256')) as CryptoKey;
  return { kid, privateKey, jwks: { keys: [{ kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }] }, file: path };
}

/** A folder the sealing key must stay out of, and the setting that names it. */
export interface GuardedDirectory {
  path: string;
  setting: string;
}

/**
 * Why `keyFile` may not seal a production trail, or null: it lies inside one of `guarded` (the data directory, a
 * database file's folder), or other users may read it. Symbolic links are followed, so a link out of the data
 * directory to a key inside it is refused too.
 */
export function sealKeyPlacementProblem(keyFile: string, guarded: readonly GuardedDirectory[], setting = SEAL_KEY_SETTING): string | null {
  const key = real(keyFile);
  for (const { path, setting: where } of guarded) {
    const folder = real(path);
    const inside = relative(folder, key);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      return `${setting} (${key}) is inside ${folder} (${where}): whoever can rewrite the trail there could read the key and sign new seals ` +
        'over a rewritten chain. Keep the sealing key apart from the data directory and the databases (another volume or a secret mount), readable by the gateway\'s user only.';
    }
  }
  const mode = statSync(key).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    return `${setting} (${key}) can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): chmod 600 it, owned by the user the process runs as.`;
  }
  return null;
}

/** The database folders of a file-backed store: its own folder. */
export function folderOf(file: string, setting: string): GuardedDirectory {
  return { path: dirname(resolve(file)), setting };
}

function real(path: string): string {
  try {
    return realpathSync(resolve(path));
  } catch {
    return resolve(path);
  }
}
