/**
 * `npm run audit:verify -- [--data-dir data] [--file export.jsonl] [--jwks file] [--department id] [--seal-jwks file]
 * [--anchors file]`: verifies the audit trail of the platform store (PostgreSQL when DATABASE_URL is set, else
 * GOVGRAPH_PLATFORM_DB, default <data-dir>/platform.sqlite), or an exported file (the chain inside it, its first
 * record taken as given), checking seals against the gateway JWKS (<data-dir>/keys; with a sealing key of its own,
 * pass its public set with --jwks) and that none is missing, and a store's seals against their copies in the
 * anchor file (--anchors, default GOVGRAPH_SEAL_ANCHOR_FILE or <data-dir>/audit-anchors.jsonl when it exists).
 * With `--department`, that department's own access log instead (schema department_<id> of DATABASE_URL, else
 * <data-dir>/departments/<id>.access.sqlite), its seals (against --seal-jwks, default the department's JWKS) and
 * every report in it checked against the department's JWKS (<data-dir>/keys/departments/<id>-jwks.json).
 * Exits 0 when intact, 1 naming the first broken record and why, 2 when it could not verify at all.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { JWK } from 'jose';
import type { AuditRecord, VerifyResult } from '../platform/index.ts';
import type { AnchoredSeal } from '../platform/audit/anchors.ts';
import { parseCommandLine } from './commandLine.ts';

const { values: flags } = parseCommandLine({
  usage: 'npm run audit:verify -- [--file export.jsonl] [--department <id>] [--data-dir data] [--jwks file] [--seal-jwks file] [--anchors file]',
  summary: 'Verifies the audit trail (every record\'s hash, the chain, the signed seals, that none is missing, and their anchored copies) of the platform store, or of an export.',
  options: {
    'data-dir': { type: 'string' },
    file: { type: 'string' },
    jwks: { type: 'string' },
    department: { type: 'string' },
    'seal-jwks': { type: 'string' },
    anchors: { type: 'string' },
  },
  help: {
    department: 'verify this department\'s own access log instead (its chain, its seals and every signed report, against its JWKS <data-dir>/keys/departments/<id>-jwks.json)',
    file: 'verify this export (npm run audit:export) instead of the store; its first record is taken as given',
    'data-dir': 'where platform.sqlite and keys/ are (default GOVGRAPH_DATA_DIR, else ./data)',
    jwks: 'the public key set to check seals with (default <data-dir>/keys/gateway-jwks.json; with a sealing key of its own, its public set)',
    'seal-jwks': 'with --department: the key set its seals are checked with (default the department\'s JWKS)',
    anchors: 'the anchor file the store\'s seals are compared with (default GOVGRAPH_SEAL_ANCHOR_FILE, else <data-dir>/audit-anchors.jsonl when it exists)',
  },
  notes: [
    'The store: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'A department\'s log: schema department_<id> of DATABASE_URL, else <data-dir>/departments/<id>.access.sqlite.',
    'Exit 0 intact, 1 broken (naming the first broken record and why), 2 when it could not verify at all.',
  ],
});
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');
const department = flags.department;

const [{ openPlatformStore, verifyTrail }, { unverifiedReports }, { grantKeyFiles }, { departmentKeyFiles, departmentPublicKeys }, { accessLogFile }, { anchorTrailName, readAnchors }, { anchorFileFromEnv }, { default: Database }] =
  await Promise.all([
    import('../platform/index.ts'),
    import('../platform/audit/reconcile.ts'),
    import('../sharing/grantKeys.ts'),
    import('../sharing/departmentKeys.ts'),
    import('../subgraphs/kit/reporting/index.ts'),
    import('../platform/audit/anchors.ts'),
    import('./sealingConfig.ts'),
    import('better-sqlite3'),
  ]);
try {
  const jwksFile = flags.jwks ? resolve(flags.jwks) : department ? departmentKeyFiles(dataDir, department).jwks : grantKeyFiles(dataDir).jwks;
  const jwks = readJwks(jwksFile, flags.jwks !== undefined || department !== undefined);
  const sealJwks = flags['seal-jwks'] ? readJwks(resolve(flags['seal-jwks']), true) : jwks;
  const anchors = flags.file ? null : readAnchorFile(department ?? null, flags.anchors);
  const { what, result } = flags.file
    ? await verifyFile(resolve(flags.file), jwks)
    : department
      ? await verifyDepartmentLog(department, jwks, sealJwks, anchors)
      : await verifyStore(jwks, anchors!);
  if (result.ok) {
    const range = result.last ? `up to record ${result.last.sequence}, head ${result.last.hash.slice(0, 12)}…` : 'empty';
    const anchored = anchors === null ? '' : anchors.seals
      ? ` ${result.anchored} seal${result.anchored === 1 ? '' : 's'} of ${anchors.file} found as anchored.`
      : ` No anchor file at ${anchors.file}: seals not compared with anchored copies (--anchors).`;
    console.log(`${what}: intact. ${result.records} records (${range}), ${result.seals} seal${result.seals === 1 ? '' : 's'} verified.${anchored}`);
  } else {
    console.log(`${what}: BROKEN at record ${result.sequence}: ${result.reason}`);
    console.log(`Keep this copy as evidence; records before ${result.sequence} verified intact.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Could not verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}

/** The trail's anchored seals: from --anchors (which must exist), else the configured anchor file when there is one. */
function readAnchorFile(id: string | null, given: string | undefined): { file: string; seals: AnchoredSeal[] | null } {
  const file = given ? resolve(given) : anchorFileFromEnv(process.env, dataDir);
  if (!given && !existsSync(file)) return { file, seals: null };
  return { file, seals: readAnchors(file, anchorTrailName(id)) };
}

async function verifyStore(jwks: { keys: JWK[] }, anchors: { seals: AnchoredSeal[] | null }): Promise<{ what: string; result: VerifyResult }> {
  const options = { jwks, ...(anchors.seals && { anchors: anchors.seals }) };
  if (process.env.DATABASE_URL) {
    // PostgreSQL: verified in one repeatable-read transaction, so replicas may go on appending meanwhile.
    const store = await openPlatformStore({ databaseUrl: process.env.DATABASE_URL });
    try {
      return { what: `Audit trail of ${store.location}`, result: await store.verifyAudit(options) };
    } finally {
      await store.close();
    }
  }
  const file = resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(dataDir, 'platform.sqlite'));
  if (!existsSync(file)) throw new Error(`no platform store at ${file}; pass --data-dir, or --file for an export.`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return { what: `Audit trail of ${file}`, result: await verifyTrail(db, options) };
  } finally {
    db.close();
  }
}

/** A department's access log: its chain, seals (and their anchored copies), then the signature of every report it holds. */
async function verifyDepartmentLog(id: string, jwks: { keys: JWK[] }, sealJwks: { keys: JWK[] }, anchors: { seals: AnchoredSeal[] | null } | null): Promise<{ what: string; result: VerifyResult }> {
  const file = accessLogFile(dataDir, id);
  if (!process.env.DATABASE_URL && !existsSync(file)) throw new Error(`no access log of ${id} at ${file}; pass --data-dir.`);
  const store = await openPlatformStore(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, schema: `department_${id.replace(/-/g, '_')}` } : { file });
  try {
    const what = `Access log of ${id} (${store.location})`;
    const result = await store.verifyAudit({ jwks: sealJwks, ...(anchors?.seals && { anchors: anchors.seals }) });
    if (!result.ok) return { what, result };
    const reports = await unverifiedReports(id, recordsOf(store), departmentPublicKeys(id, jwks).signing);
    if (reports.failed.length > 0) {
      return { what, result: { ok: false, sequence: reports.failed[0]!, reason: `its report does not verify against ${id}'s keys (${reports.failed.length} of ${reports.checked} reports fail)` } };
    }
    return { what: `${what}, ${reports.checked} signed reports`, result };
  } finally {
    await store.close();
  }
}

async function* recordsOf(store: Awaited<ReturnType<typeof openPlatformStore>>): AsyncIterable<AuditRecord> {
  for await (const line of store.audit.export({ from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' })) {
    if (!line.startsWith('{"seal":')) yield JSON.parse(line) as AuditRecord;
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
