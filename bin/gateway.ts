/**
 * Runs the gateway: node --import tsx bin/gateway.ts [--port 4000] [--host 127.0.0.1] [--supergraph file|url|store]
 *   [--subgraph-url name=url]... [--data-dir data] [--development-identities] [--example-resident <id>]
 * `--development-identities` (set by `npm start` only) lets the explorer hand out development tokens for any
 * department and role; `--example-resident` is the resident ID the OneStop example opens with.
 * Identity, agreements and grant signing of the embedded default come from the data directory (development
 * keys, platform.sqlite, or PostgreSQL when DATABASE_URL is set); production settings come from the environment
 * (README, Configuration).
 */
import { join, resolve } from 'node:path';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey } from '../gateway/identify/index.ts';
import { residentsFromEnv } from './residentsConfig.ts';
import { startGateway } from '../gateway/index.ts';
import { openWorkerAuditSink } from '../platform/audit/worker/workerAuditSink.ts';
import { tracingFromEnv } from '../observability/index.ts';
import { openPlatformStore } from '../platform/index.ts';
import { loadOrCreateGrantKey } from '../sharing/grantKeys.ts';
import { loadOrCreateMaskingKey, maskingKeyFile } from '../sharing/masking.ts';
import type { ShareLevel } from '../sharing/index.ts';
import { reportReady, runAsChild } from './children.ts';
import { blockedPortWarning } from '../http/ports.ts';
import { exitBrieflyOnError, parseCommandLine } from './commandLine.ts';
import { hardeningFromEnv } from './hardeningConfig.ts';
import { metricsFromEnv, refusalsFromEnv } from './networkConfig.ts';
import { sealingFromEnv } from './sealingConfig.ts';
import { disputePartiesFrom } from '../subgraphs/platform/configuration.ts';

const { values: flags } = parseCommandLine({
  usage: 'node --import tsx bin/gateway.ts [--port 4000] [--host 127.0.0.1] [--supergraph file|url|store] [--subgraph-url name=url]... [--data-dir data]',
  summary: 'Runs the gateway over a supergraph (npm start runs one over the embedded departments).',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    supergraph: { type: 'string' },
    'subgraph-url': { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
    'development-identities': { type: 'boolean' },
    'example-resident': { type: 'string' },
  },
  help: {
    port: 'port (default GOVGRAPH_PORT, else 4000; 0 picks a free one)',
    host: 'interface (default GOVGRAPH_HOST, else 127.0.0.1)',
    supergraph: 'a supergraph file (watched), an http(s) URL (polled), or store (default GOVGRAPH_SUPERGRAPH, else schema/supergraph.graphql)',
    'subgraph-url': 'where a department really is, overriding the supergraph\'s URL; repeat per department',
    'data-dir': 'development keys and platform.sqlite (default GOVGRAPH_DATA_DIR, else ./data)',
    'development-identities': 'let the explorer hand out development tokens (npm start sets it; never in production)',
    'example-resident': 'the resident ID the OneStop example opens with',
  },
  notes: ['Production settings (keys, issuers, PostgreSQL, limits) come from the environment: README, Configuration.'],
});
// A refusal at start (a bad option, a store that cannot be opened) is its message, not a stack trace.
exitBrieflyOnError();
const env = process.env;
const subgraphUrls: Record<string, string> = {};
for (const pair of flags['subgraph-url'] ?? []) {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--subgraph-url expects name=url, got "${pair}".`);
  subgraphUrls[pair.slice(0, at)] = pair.slice(at + 1);
}
const dataDir = resolve(flags['data-dir'] ?? env.GOVGRAPH_DATA_DIR ?? 'data');
if (flags['development-identities'] && env.GOVGRAPH_JWKS_URL) {
  throw new Error('--development-identities hands out tokens signed with the development key; it cannot be combined with GOVGRAPH_JWKS_URL.');
}
const developmentKey = env.GOVGRAPH_JWKS_URL ? null : await loadOrCreateDevelopmentKey(dataDir);
const jwks = developmentKey ? developmentKey.jwks : new URL(env.GOVGRAPH_JWKS_URL!);
const issuers = env.GOVGRAPH_ISSUERS ? env.GOVGRAPH_ISSUERS.split(',').map((s) => s.trim()) : [DEVELOPMENT_ISSUER];
// Residents' sign-in: the operator's identity provider (GOVGRAPH_RESIDENT_*), else the development resident key of the embedded default.
const residents = await residentsFromEnv(env, { dataDir, development: developmentKey !== null });
const anonymous = env.GOVGRAPH_ANONYMOUS ? parseAnonymous(env.GOVGRAPH_ANONYMOUS) : null;
// Subgraphs that are not govgraph departments (they bind no request and report nothing): `all`, or names.
const foreign = env.GOVGRAPH_FOREIGN_SUBGRAPHS === 'all' ? 'all' : (env.GOVGRAPH_FOREIGN_SUBGRAPHS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const grantKey = await loadOrCreateGrantKey(dataDir);
// Resident IDs are shown to each department as its own keyed pseudonym; every replica must read the same key.
const maskingKey = loadOrCreateMaskingKey(env.GOVGRAPH_MASKING_KEY_FILE ? resolve(env.GOVGRAPH_MASKING_KEY_FILE) : maskingKeyFile(dataDir));
const platformFile = resolve(env.GOVGRAPH_PLATFORM_DB ?? join(dataDir, 'platform.sqlite'));
// The audit trail is sealed (a signed checkpoint of its head) every minute, every 1,000 records and on close, each
// seal copied to the anchor file; with DATABASE_URL only with a sealing key kept apart (bin/sealingConfig.ts).
const sealing = await sealingFromEnv(env, { dataDir, department: null, developmentKey: grantKey, developmentKeyName: `the gateway grant key in ${join(dataDir, 'keys')}` })
  .catch((error: Error) => {
    console.error(`[gateway] not started: ${error.message}`);
    process.exit(1);
  });
// With DATABASE_URL the store is PostgreSQL, shared by every replica; otherwise the SQLite file.
const platform = await openPlatformStore({
  // Replicas cache agreements, kept true by LISTEN/NOTIFY and a poll: at most 1 s stale, else read per request.
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, agreementCache: {}, audit: sealing.trail } : { file: platformFile }),
});
// With SQLite, requests are recorded (and the trail sealed) by a worker thread, so a commit's fsync does not stop the event loop.
const sqliteTrail = env.DATABASE_URL ? null : await openWorkerAuditSink({ file: platformFile, trail: sealing.trail });
// Limits, trusted documents, quotas and how failing departments are contained (bin/hardeningConfig.ts).
const { close: closeHardening, ...hardening } = hardeningFromEnv(env, env.DATABASE_URL ? null : platformFile);
const port = flags.port ?? env.GOVGRAPH_PORT;
const running = await startGateway({
  ...hardening,
  port: port === undefined ? undefined : Number(port),
  host: flags.host ?? env.GOVGRAPH_HOST,
  supergraph: flags.supergraph ?? env.GOVGRAPH_SUPERGRAPH,
  // `--supergraph store`: follow the newest supergraph published to the platform store (every replica alike).
  supergraphStore: platform.schemaVersions,
  subgraphUrls,
  identity: { jwks, issuers },
  residents: residents?.verification ?? null,
  anonymous,
  defaultLevel: (env.GOVGRAPH_DEFAULT_LEVEL as ShareLevel | undefined) ?? 'NONE',
  agreements: platform.agreements,
  departments: { foreign },
  maskingKey,
  // With GOVGRAPH_GATEWAY_JWKS_URL (what departments verify grants with), /ready checks this key is published there.
  grantSigning: { ...grantKey, publishedAt: env.GOVGRAPH_GATEWAY_JWKS_URL ? new URL(env.GOVGRAPH_GATEWAY_JWKS_URL) : null },
  audit: sqliteTrail ?? platform.audit,
  tracing: tracingFromEnv(env, 'govgraph-gateway'),
  // Refusals before identity per source address (bin/networkConfig.ts).
  refusals: refusalsFromEnv(env),
  metrics: metricsFromEnv(env, null),
  explorer: {
    // The common superior of disputes provides no item: offered besides the catalogue's providers.
    developmentIdentities: flags['development-identities'] && developmentKey
      ? { key: developmentKey, alsoDepartments: Object.values(disputePartiesFrom(env)), residentKey: residents?.developmentKey ?? null }
      : null,
    ...(flags['example-resident'] ? { exampleVariables: { OneStop: { id: flags['example-resident'] } } } : {}),
  },
});
runAsChild(async () => {
  await running.stop();
  await closeHardening();
  await sqliteTrail?.close();
  await platform.close();
});
// Browsers and Node's fetch refuse some ports outright: say so now, not through a confusing failure later.
const portWarning = blockedPortWarning(Number(new URL(running.url).port), 'The gateway');
if (portWarning) console.error(`[gateway] Warning: ${portWarning}`);
reportReady(running.url);

function parseAnonymous(value: string): { application: string; department: string } {
  const [application, department] = value.split('@');
  if (!application || !department) throw new Error(`GOVGRAPH_ANONYMOUS must look like application@department, got "${value}".`);
  return { application, department };
}
