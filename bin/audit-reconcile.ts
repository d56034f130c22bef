/**
 * `npm run audit:reconcile -- --from ISO --to ISO [--data-dir data] [--department id]... [--json]`: compares the
 * gateway's audit trail with each department's own access log for the period (platform/audit/reconcile.ts) and
 * names every access recorded on one side only, every report whose digest or signature does not match, and the
 * requests departments refused (a replayed binding). The gateway trail is PostgreSQL when DATABASE_URL is set, else
 * GOVGRAPH_PLATFORM_DB (default <data-dir>/platform.sqlite); each department's log is schema department_<id> of
 * DATABASE_URL, else <data-dir>/departments/<id>.access.sqlite; its public keys <data-dir>/keys/departments/<id>-jwks.json.
 * Exits 0 when both sides agree, 1 naming every discrepancy, 2 when it could not reconcile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuditRecord, PlatformStore } from '../platform/index.ts';
import type { DepartmentLog, Discrepancy } from '../platform/audit/reconcile.ts';
import { parseCommandLine, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run audit:reconcile -- --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z [--data-dir data] [--department <id>]... [--json]',
  summary: "Compares the gateway's audit trail with each department's own access log and names every access recorded on one side only.",
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    'data-dir': { type: 'string' },
    department: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  help: {
    from: 'start of the period (ISO 8601, inclusive)',
    to: 'end of the period (ISO 8601, exclusive)',
    'data-dir': 'where platform.sqlite, departments/ and keys/ are (default GOVGRAPH_DATA_DIR, else ./data)',
    department: 'reconcile only this department (repeatable; default every registered department)',
    json: 'print the result as JSON',
  },
  notes: [
    "The trail: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite; a department's log: schema department_<id> of DATABASE_URL, else <data-dir>/departments/<id>.access.sqlite.",
    'Exit 0 when both sides agree, 1 naming every discrepancy, 2 when it could not reconcile.',
  ],
} as const;
/** A department's record of a request may start a little after the gateway's: read its log this much wider. */
const MARGIN_MS = 5 * 60_000;

const { values: flags } = parseCommandLine(spec);
const [{ openPlatformStore }, { reconcile }, { departmentKeyFiles, departmentPublicKeys }, { departments }, { accessLogFile }] = await Promise.all([
  import('../platform/index.ts'),
  import('../platform/audit/reconcile.ts'),
  import('../sharing/departmentKeys.ts'),
  import('../subgraphs/departments.ts'),
  import('../subgraphs/kit/reporting/index.ts'),
]);
const from = instant(flags.from, '--from');
const to = instant(flags.to, '--to');
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');
const databaseUrl = process.env.DATABASE_URL || undefined;
const known = departments.map((d) => d.definition.id);
for (const id of flags.department ?? []) if (!known.includes(id)) fail(`unknown department "${id}"; known: ${known.join(', ')}.`);

const opened: PlatformStore[] = [];
try {
  const gatewayFile = resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(dataDir, 'platform.sqlite'));
  if (!databaseUrl && !existsSync(gatewayFile)) fail(`no platform store at ${gatewayFile}; pass --data-dir, or set DATABASE_URL.`);
  const gateway = await open(databaseUrl ? { databaseUrl } : { file: gatewayFile });
  const logs: DepartmentLog[] = [];
  const missing: string[] = [];
  for (const id of flags.department ?? known) {
    const file = accessLogFile(dataDir, id);
    if (!databaseUrl && !existsSync(file)) {
      missing.push(id);
      continue;
    }
    const store = await open(databaseUrl ? { databaseUrl, schema: `department_${id.replace(/-/g, '_')}` } : { file });
    const jwksFile = departmentKeyFiles(dataDir, id).jwks;
    const signingKeys = existsSync(jwksFile) ? departmentPublicKeys(id, JSON.parse(readFileSync(jwksFile, 'utf8'))).signing : null;
    logs.push({ department: id, records: records(store, shift(from, -MARGIN_MS), shift(to, MARGIN_MS)), signingKeys });
  }
  const result = await reconcile({ gateway: records(gateway, from, to), departments: logs, from, to });
  if (flags.json) {
    console.log(JSON.stringify({ from, to, missingLogs: missing, ...result }, null, 2));
  } else {
    console.log(`Reconciled ${from} to ${to}: ${result.checked.gatewayReports} reports in the gateway trail, ${result.checked.departmentAccesses} accesses in ${logs.length} department logs.`);
    if (missing.length > 0) console.log(`No access log for: ${missing.join(', ')} (never started here, or kept elsewhere).`);
    for (const discrepancy of result.discrepancies) console.log(`- ${describe(discrepancy)}`);
    for (const refusal of result.refusals) {
      console.log(`- refused by ${refusal.department} (record ${refusal.departmentSequence}): request ${refusal.requestId} from ${refusal.application ?? '?'}@${refusal.consumer ?? '?'}: ${refusal.reason ?? ''}`);
    }
    for (const empty of result.nothingServed) {
      console.log(`- read nothing from ${empty.department} (record ${empty.departmentSequence}): request ${empty.requestId} from ${empty.application ?? '?'}@${empty.consumer ?? '?'}, not through the gateway (a publish's live check reads the SDL so)`);
    }
    console.log(result.discrepancies.length === 0 ? 'Both sides agree.' : `${result.discrepancies.length} discrepanc${result.discrepancies.length === 1 ? 'y' : 'ies'}: keep both stores as evidence.`);
  }
  process.exitCode = result.discrepancies.length === 0 ? 0 : 1;
} catch (error) {
  console.error(`Could not reconcile: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  for (const store of opened) await store.close();
}

async function open(options: { file: string } | { databaseUrl: string; schema?: string }): Promise<PlatformStore> {
  const store = await openPlatformStore(options);
  opened.push(store);
  return store;
}

async function* records(store: PlatformStore, start: string, end: string): AsyncIterable<AuditRecord> {
  for await (const line of store.audit.export({ from: start, to: end })) {
    if (!line.startsWith('{"seal":')) yield JSON.parse(line) as AuditRecord;
  }
}

function describe(d: Discrepancy): string {
  switch (d.kind) {
    case 'gateway-only':
      return `gateway only: request ${d.requestId} (trail record ${d.gatewaySequence}) names a report of ${d.department} (binding ${d.grant}) that ${d.department} does not have: ${d.why}`;
    case 'department-only':
      return `${d.department} only: it served request ${d.requestId} (binding ${d.grant}, log record ${d.departmentSequence}) for ${d.application ?? '?'}@${d.consumer ?? '?'}, which the gateway never recorded`;
    case 'digest-mismatch':
      return `report mismatch: request ${d.requestId}, ${d.department} binding ${d.grant}: trail record ${d.gatewaySequence} and log record ${d.departmentSequence} hold different reports`;
    case 'bad-signature':
      return `bad signature: ${d.department}'s log record ${d.departmentSequence} (request ${d.requestId}) does not verify against its published keys`;
    case 'subjects-mismatch':
      return `subjects differ for request ${d.requestId} at ${d.department}: only in the trail ${JSON.stringify(d.onlyGateway)}, only in its log ${JSON.stringify(d.onlyDepartment)}`;
    case 'binding-reused':
      return `binding ${d.grant} honoured ${d.departmentSequences.length} times by ${d.department} (log records ${d.departmentSequences.join(', ')}): a replay`;
  }
}

function instant(value: string | undefined, flag: string): string {
  if (!value) usageError(spec, `${flag} is required.`);
  const time = new Date(value!);
  if (Number.isNaN(time.getTime())) fail(`${flag} must be an ISO 8601 instant, got "${value}".`);
  return time.toISOString();
}

function shift(iso: string, ms: number): string {
  return new Date(new Date(iso).getTime() + ms).toISOString();
}

function fail(message: string): never {
  console.error(`Could not reconcile: ${message}`);
  process.exit(2);
}
