/**
 * A department's own keys, kept in the data directory like the gateway's: an ES256 key that signs what the
 * department reports it served (so the gateway cannot invent a report and the department cannot later deny one)
 * and seals its access log, and an ECDH P-256 key from which the department and the gateway derive the secret that
 * binds each request to one grant (sharing/binding.ts). The department publishes the public halves at
 * `/.well-known/jwks.json`; the private file is mode 0600 and never leaves the department's host.
 *
 * Operations run on node:crypto KeyObjects (synchronous and several times cheaper per call than WebCrypto); jose
 * only generates and exports the keys.
 */
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface DepartmentKeys {
  department: string;
  /** Signs reports and seals the access log (ES256). */
  signing: { kid: string; privateKey: KeyObject; publicKey: KeyObject };
  /** Key agreement with the gateway's per-process key (ECDH P-256). */
  agreement: { kid: string; privateKey: KeyObject; publicKey: KeyObject };
  /** Both public keys, as published: `use: sig` (ES256) and `use: enc` (ECDH-ES). */
  jwks: { keys: JWK[] };
}

/** The public half the gateway and an auditor work with. */
export interface DepartmentPublicKeys {
  department: string;
  /** kid -> ES256 public key (several during a rotation). */
  signing: ReadonlyMap<string, KeyObject>;
  /** The ECDH public key bindings are derived with (the first `use: enc` key of the set). */
  agreement: { kid: string; publicKey: KeyObject };
}

export function departmentKeyFiles(dataDir: string, department: string): { privateKeys: string; jwks: string } {
  return {
    privateKeys: join(dataDir, 'keys', 'departments', `${department}.json`),
    jwks: join(dataDir, 'keys', 'departments', `${department}-jwks.json`),
  };
}

/** Reads the department's keys, generating and saving them first when there are none (one winner if several processes race). */
export async function loadOrCreateDepartmentKeys(dataDir: string, department: string): Promise<DepartmentKeys> {
  const files = departmentKeyFiles(dataDir, department);
  if (!existsSync(files.privateKeys)) await createKeyFile(files.privateKeys, department);
  const stored = JSON.parse(readFileSync(files.privateKeys, 'utf8')) as { signing: JWK & { kid: string }; agreement: JWK & { kid: string } };
  const keys = departmentKeysFromJwks(department, stored.signing, stored.agreement);
  const published = JSON.stringify(keys.jwks, null, 2) + '\n';
  if (!existsSync(files.jwks) || readFileSync(files.jwks, 'utf8') !== published) writeAtomically(files.jwks, published);
  return keys;
}

/** Fresh keys held in memory only (tests, and departments whose log is kept elsewhere). */
export async function generateDepartmentKeys(department: string): Promise<DepartmentKeys> {
  const { signing, agreement } = await generatePrivateJwks(department);
  return departmentKeysFromJwks(department, signing, agreement);
}

/** The public keys of a published JWKS; throws naming what is missing. */
export function departmentPublicKeys(department: string, jwks: { keys?: unknown }): DepartmentPublicKeys {
  const keys = Array.isArray(jwks?.keys) ? (jwks.keys as (JWK & { kid?: string })[]) : [];
  const signing = new Map<string, KeyObject>();
  let agreement: DepartmentPublicKeys['agreement'] | null = null;
  for (const jwk of keys) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.kid !== 'string') continue;
    const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x!, y: jwk.y! }, format: 'jwk' });
    if (jwk.use === 'sig' && jwk.alg === 'ES256') signing.set(jwk.kid, publicKey);
    if (jwk.use === 'enc' && jwk.alg === 'ECDH-ES' && !agreement) agreement = { kid: jwk.kid, publicKey };
  }
  if (signing.size === 0 || !agreement) {
    throw new Error(`The key set of ${department} needs an ES256 signing key (use "sig") and an ECDH-ES P-256 key (use "enc"); it has ${signing.size} and ${agreement ? 1 : 0}.`);
  }
  return { department, signing, agreement };
}

function departmentKeysFromJwks(department: string, signingJwk: JWK & { kid: string }, agreementJwk: JWK & { kid: string }): DepartmentKeys {
  const signingKey = createPrivateKey({ key: signingJwk as never, format: 'jwk' });
  const agreementKey = createPrivateKey({ key: agreementJwk as never, format: 'jwk' });
  const publicOf = (jwk: JWK & { kid: string }, use: 'sig' | 'enc', alg: string): JWK => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, use, alg });
  return {
    department,
    signing: { kid: signingJwk.kid, privateKey: signingKey, publicKey: createPublicKey(signingKey) },
    agreement: { kid: agreementJwk.kid, privateKey: agreementKey, publicKey: createPublicKey(agreementKey) },
    jwks: { keys: [publicOf(signingJwk, 'sig', 'ES256'), publicOf(agreementJwk, 'enc', 'ECDH-ES')] },
  };
}

async function generatePrivateJwks(department: string): Promise<{ signing: JWK & { kid: string }; agreement: JWK & { kid: string } }> {
  const day = new Date().toISOString().slice(0, 10);
  const signing = (await generateKeyPair('ES256', { extractable: true })).privateKey;
  const agreement = (await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true })).privateKey;
  return {
    signing: { ...(await exportJWK(signing)), kid: `${department}-sig-${day}-${randomUUID().slice(0, 8)}`, alg: 'ES256', use: 'sig' },
    agreement: { ...(await exportJWK(agreement)), kid: `${department}-enc-${day}-${randomUUID().slice(0, 8)}`, alg: 'ECDH-ES', use: 'enc' },
  };
}

async function createKeyFile(file: string, department: string): Promise<void> {
  const content = JSON.stringify(await generatePrivateJwks(department), null, 2) + '\n';
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    linkSync(temporary, file); // EEXIST when another process created the keys first: theirs win
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(temporary, content, { mode: 0o644 });
  renameSync(temporary, file);
}
