/**
 * `npm run audit:verify -- [--data-dir data] [--file export.jsonl] [--jwks file]`: verifies the audit trail of
 * the platform store (PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, default
 * <data-dir>/platform.sqlite), or an exported file (the chain
 * inside it, its first record taken as given), checking seals against the gateway JWKS (<data-dir>/keys).
 * Exits 0 when intact, 1 naming the first broken record and why, 2 when it could not verify at all.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { JWK } from 'jose';
import type { VerifyResult } from '../platform/index.ts';
import { parseCommandLine } from './commandLine.ts';

const { values: flags } = parseCommandLine({
  usage: 'npm run audit:verify -- [--file export.jsonl] [--data-dir data] [--jwks file]',
  summary: 'Verifies the audit trail (every record\'s hash, the chain, and the signed seals) of the platform store, or of an export.',
  options: { 'data-dir': { type: 'string' }, file: { type: 'string' }, jwks: { type: 'string' } },
  help: {
    file: 'verify this export (npm run audit:export) instead of the store; its first record is taken as given',
    'data-dir': 'where platform.sqlite and keys/ are (default GOVGRAPH_DATA_DIR, else ./data)',
    jwks: 'the gateway\'s public key set to check seals with (default <data-dir>/keys/gateway-jwks.json)',
  },
  notes: [
    'The store: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'Exit 0 intact, 1 broken (naming the first broken record and why), 2 when it could not verify at all.',
  ],
});
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');

const [{ openPlatformStore, verifyTrail }, { grantKeyFiles }, { default: Database }] = await Promise.all([
  import('../platform/index.ts'),
  import('../sharing/grantKeys.ts'),
  import('better-sqlite3'),
]);
try {
  const jwks = readJwks(flags.jwks ? resolve(flags.jwks) : grantKeyFiles(dataDir).jwks, flags.jwks !== undefined);
  const { what, result } = flags.file ? await verifyFile(resolve(flags.file), jwks) : await verifyStore(jwks);
  if (result.ok) {
    const range = result.last ? `up to record ${result.last.sequence}, head ${result.last.hash.slice(0, 12)}…` : 'empty';
    console.log(`${what}: intact. ${result.records} records (${range}), ${result.seals} seal${result.seals === 1 ? '' : 's'} verified.`);
  } else {
    console.log(`${what}: BROKEN at record ${result.sequence}: ${result.reason}`);
    console.log(`Keep this copy as evidence; records before ${result.sequence} verified intact.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Could not verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}

async function verifyStore(jwks: { keys: JWK[] }): Promise<{ what: string; result: VerifyResult }> {
  if (process.env.DATABASE_URL) {
    // PostgreSQL: verified in one repeatable-read transaction, so replicas may go on appending meanwhile.
    const store = await openPlatformStore({ databaseUrl: process.env.DATABASE_URL });
    try {
      return { what: `Audit trail of ${store.location}`, result: await store.verifyAudit({ jwks }) };
    } finally {
      await store.close();
    }
  }
  const file = resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(dataDir, 'platform.sqlite'));
  if (!existsSync(file)) throw new Error(`no platform store at ${file}; pass --data-dir, or --file for an export.`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return { what: `Audit trail of ${file}`, result: await verifyTrail(db, { jwks }) };
  } finally {
    db.close();
  }
}

async function verifyFile(file: string, jwks: { keys: JWK[] }): Promise<{ what: string; result: VerifyResult }> {
  if (!existsSync(file)) throw new Error(`no export at ${file}.`);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  return { what: `Audit export ${file}`, result: await verifyTrail(lines, { jwks }) };
}

/** Without a JWKS every seal fails to verify (fail closed); say so up front rather than leave a puzzle. */
function readJwks(file: string, required: boolean): { keys: JWK[] } {
  if (!existsSync(file)) {
    if (required) throw new Error(`no JWKS at ${file}.`);
    console.error(`No gateway JWKS at ${file}: seals cannot be checked, and any seal will be reported as not verifying.`);
    return { keys: [] };
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown };
  if (!Array.isArray(parsed.keys)) throw new Error(`${file} is not a JWKS ({ "keys": [...] }).`);
  return parsed as { keys: JWK[] };
}
