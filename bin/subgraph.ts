/**
 * Runs one department subgraph: makes sure its database holds the population (generating it on first run),
 * then serves it. `--seed-only` generates and exits. Started by `npm start` / `npm run seed`, or on its own:
 *   node --import tsx bin/subgraph.ts --department civil-affairs --port 4002 [--data-dir data] [--people N] [--seed-only]
 * The platform subgraph (`--department platform`) has nothing to generate: it reads the platform store the gateway
 * writes, DATABASE_URL (PostgreSQL) or else GOVGRAPH_PLATFORM_DB or <data-dir>/platform.sqlite, as bin/gateway.ts does.
 * Every department keeps its own keys (<data-dir>/keys/departments/<id>.json, created on first start) and its own
 * access log: <data-dir>/departments/<id>.access.sqlite, or schema department_<id> of DATABASE_URL.
 * A connected department (its mapping registered in subgraphs/added-departments.json) reads the database or REST
 * interface its mapping names; a start that cannot serve the mapping exits 1 naming the entry.
 */
import { join, resolve } from 'node:path';
import { parseCommandLine, runCommand, usageError } from './commandLine.ts';

const spec = {
  usage: 'node --import tsx bin/subgraph.ts --department <id> [--port n] [--host 127.0.0.1] [--data-dir data] [--people N] [--enterprises N] [--seed N] [--seed-only] [--force] [--supergraph file]',
  summary: 'Runs one department\'s subgraph (generating its database on first run); npm start runs one per department.',
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
  help: {
    department: 'the department to serve (npm run token lists them on a typo)',
    port: 'port (default GOVGRAPH_PORT_<DEPARTMENT>, else its default port; 0 picks a free one)',
    host: 'interface (default GOVGRAPH_HOST, else 127.0.0.1)',
    'data-dir': 'databases and keys (default GOVGRAPH_DATA_DIR, else ./data)',
    people: 'residents of the synthetic population (default the recorded one, else 10000)',
    enterprises: 'enterprises of the synthetic population (default the recorded one, else 2000)',
    seed: 'seed of the synthetic data (default 2025)',
    'seed-only': 'generate the database and exit',
    force: 'regenerate the database even if it holds this population',
    supergraph: 'platform only: the supergraph its catalogue is read from',
  },
} as const;
const { values: flags } = parseCommandLine(spec);
if (!flags.department) usageError(spec, 'Name the department: --department <id>.');

await runCommand(async () => {
  const [{ findDepartment, departments }, kit, { readGatewayJwks }, { loadOrCreateDepartmentKeys }, reporting, { tracingFromEnv }, { platformDepartment }, { platformOptionsFrom }, { reportReady, runAsChild }, { departmentDatabase, readEmbeddedConfig }, { metricsFromEnv }, { sealingFromEnv }, { folderOf }] =
    await Promise.all([
      import('../subgraphs/departments.ts'),
      import('../subgraphs/kit/index.ts'),
      import('../sharing/grantKeys.ts'),
      import('../sharing/departmentKeys.ts'),
      import('../subgraphs/kit/reporting/index.ts'),
      import('../observability/index.ts'),
      import('../subgraphs/platform/index.ts'),
      import('../subgraphs/platform/configuration.ts'),
      import('./children.ts'),
      import('./config.ts'),
      import('./networkConfig.ts'),
      import('./sealingConfig.ts'),
      import('../platform/audit/sealKey.ts'),
    ]);
  const registered = findDepartment(flags.department!).definition;
  // The platform's catalogue follows the supergraph the gateway serves; its workflow takes deadlines from the environment.
  const definition = registered.id === 'platform' ? platformDepartment(platformOptionsFrom({ supergraph: flags.supergraph })) : registered;
  const config = readEmbeddedConfig(
    { ...flags, port: undefined },
    departments.map((d) => ({ id: d.definition.id, defaultPort: d.defaultPort })),
  );
  // A connected department reads the database or interface its mapping names (subgraphs/connected/).
  const databaseFile = 'mappingFile' in definition
    ? `connected:${definition.mappingFile}`
    : kit.bringsOwnResources(definition)
      ? (process.env.DATABASE_URL || resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(config.dataDir, 'platform.sqlite')))
      : departmentDatabase(config.dataDir, definition.id);
  const seeded = kit.ensureDepartmentData(definition, databaseFile, config.population, { force: flags.force === true });
  if (seeded.generated) {
    const { people, enterprises } = config.population;
    console.log(`[${definition.id}] generated ${seeded.records!.toLocaleString('en')} records from ${people} people and ${enterprises} enterprises in ${(seeded.milliseconds / 1000).toFixed(1)} s`);
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
  const accessLog = await reporting.openAccessLog(
    process.env.DATABASE_URL
      ? { keys, ...sealed, databaseUrl: process.env.DATABASE_URL }
      : { keys, ...sealed, file: reporting.accessLogFile(config.dataDir, definition.id), worker: true },
  );
  let running: Awaited<ReturnType<typeof kit.startSubgraph>>;
  try {
    running = await kit.startSubgraph({ department: definition, databaseFile, host: config.host, port, gatewayKeys, tracing, keys, accessLog, metrics: metricsFromEnv(process.env, definition.id) });
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
});
