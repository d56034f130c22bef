/**
 * Runs one department subgraph: makes sure its database holds the population (generating it on first run),
 * then serves it. `--seed-only` generates and exits. Started by `npm start` / `npm run seed`, or on its own:
 *   tsx bin/subgraph.ts --department civil-affairs --port 4002 [--data-dir data] [--people N] [--seed-only]
 * The platform subgraph (`--department platform`) has nothing to generate: it reads the platform store the gateway
 * writes, DATABASE_URL (PostgreSQL) or else GOVGRAPH_PLATFORM_DB or <data-dir>/platform.sqlite, as bin/gateway.ts does.
 * Every department keeps its own keys (<data-dir>/keys/departments/<id>.json, created on first start) and its own
 * access log: <data-dir>/departments/<id>.access.sqlite, or schema department_<id> of DATABASE_URL.
 * A connected department (its mapping registered in subgraphs/added-departments.json) reads the database or REST
 * interface its mapping names; a start that cannot serve the mapping exits 1 naming the entry.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findDepartment, departments } from '../subgraphs/departments.ts';
import { bringsOwnResources, ensureDepartmentData, startSubgraph } from '../subgraphs/kit/index.ts';
import { readGatewayJwks } from '../sharing/grantKeys.ts';
import { loadOrCreateDepartmentKeys } from '../sharing/departmentKeys.ts';
import { accessLogFile, openAccessLog } from '../subgraphs/kit/reporting/index.ts';
import { tracingFromEnv } from '../observability/index.ts';
import { platformDepartment } from '../subgraphs/platform/index.ts';
import { platformOptionsFrom } from '../subgraphs/platform/configuration.ts';
import { reportReady, runAsChild } from './children.ts';
import { departmentDatabase, readEmbeddedConfig } from './config.ts';
import { metricsFromEnv } from './networkConfig.ts';
import { sealingFromEnv } from './sealingConfig.ts';
import { folderOf } from '../platform/audit/sealKey.ts';

const { values: flags } = parseArgs({
  options: {
    department: { type: 'string' },
    supergraph: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    people: { type: 'string' },
    enterprises: { type: 'string' },
    seed: { type: 'string' },
    'seed-only': { type: 'boolean' },
    force: { type: 'boolean' },
  },
});
if (!flags.department) throw new Error('--department <id> is required.');
const registered = findDepartment(flags.department).definition;
// The platform's catalogue follows the supergraph the gateway serves; its workflow takes deadlines from the environment.
const definition = registered.id === 'platform' ? platformDepartment(platformOptionsFrom({ supergraph: flags.supergraph })) : registered;
const config = readEmbeddedConfig(
  { ...flags, port: undefined },
  departments.map((d) => ({ id: d.definition.id, defaultPort: d.defaultPort })),
);
// A connected department reads the database or interface its mapping names (subgraphs/connected/).
const databaseFile = 'mappingFile' in definition
  ? `connected:${definition.mappingFile}`
  : bringsOwnResources(definition)
  ? (process.env.DATABASE_URL || resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(config.dataDir, 'platform.sqlite')))
  : departmentDatabase(config.dataDir, definition.id);
const seeded = ensureDepartmentData(definition, databaseFile, config.population, { force: flags.force === true });
if (seeded.generated) {
  console.log(`[${definition.id}] generated ${config.population.people} people in ${(seeded.milliseconds / 1000).toFixed(1)} s`);
}
if (flags['seed-only']) {
  reportReady(databaseFile);
  process.exit(0);
}
const port = flags.port === undefined ? config.departmentPorts[definition.id] : Number(flags.port);
// The department trusts only grant tokens signed by the gateway: its public keys from a URL or the data directory.
const gatewayKeys = process.env.GOVGRAPH_GATEWAY_JWKS_URL
  ? new URL(process.env.GOVGRAPH_GATEWAY_JWKS_URL)
  : readGatewayJwks(config.dataDir);
const tracing = tracingFromEnv(process.env, `govgraph-${definition.id}`);
const keys = await loadOrCreateDepartmentKeys(config.dataDir, definition.id);
// The access log is sealed with the department's key, or (with DATABASE_URL: required) a sealing key kept apart from
// its data, and every seal is copied to the anchor file (bin/sealingConfig.ts).
const sealing = await sealingFromEnv(process.env, {
  dataDir: config.dataDir,
  department: definition.id,
  developmentKey: { privateKey: keys.signing.privateKey, kid: keys.signing.kid, jwks: keys.jwks },
  developmentKeyName: `${definition.id}'s own key in ${join(config.dataDir, 'keys', 'departments')}`,
  databaseFolders: /^[a-z]+:/.test(databaseFile) ? [] : [folderOf(databaseFile, `${definition.id}'s database`)],
}).catch((error: Error) => {
  console.error(`[${definition.id}] not started: ${error.message}`);
  process.exit(1);
});
const sealed = { sealKey: { ...sealing.trail.sealSigner, jwks: sealing.jwks }, anchor: sealing.trail.anchor };
const accessLog = await openAccessLog(
  process.env.DATABASE_URL
    ? { keys, ...sealed, databaseUrl: process.env.DATABASE_URL }
    : { keys, ...sealed, file: accessLogFile(config.dataDir, definition.id), worker: true },
);
let running: Awaited<ReturnType<typeof startSubgraph>>;
try {
  running = await startSubgraph({ department: definition, databaseFile, host: config.host, port, gatewayKeys, tracing, keys, accessLog, metrics: metricsFromEnv(process.env, definition.id) });
} catch (error) {
  await accessLog.close();
  // A connected department refused at start (its mapping, columns, account or source): the message names the entry.
  if (!('mappingFile' in definition)) throw error;
  console.error(`[${definition.id}] not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
runAsChild(async () => {
  await running.stop();
  await accessLog.close();
});
reportReady(running.url);
