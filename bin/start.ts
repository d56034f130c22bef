/**
 * `npm start`: the embedded default. Generates each department's data on first run (reused afterwards),
 * starts every department subgraph, the platform subgraph and the gateway on loopback, prints where to go, and
 * stops everything on Ctrl-C or SIGTERM. Flags: --port, --host, --data-dir, --supergraph, --people, --enterprises,
 * --seed. The platform store (DATABASE_URL for PostgreSQL, else GOVGRAPH_PLATFORM_DB, default
 * <data-dir>/platform.sqlite) is created first: the gateway writes the audit trail into it and the platform
 * subgraph reads it. A department process that stops is restarted on its port (after 1, 2, 4… s, at most 30 s);
 * after 5 failed restarts in a row it is reported and left stopped while the rest keeps serving (its fields answer
 * SUBGRAPH_UNAVAILABLE). Only the gateway stopping stops everything.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, runCommand } from './commandLine.ts';

const { values: flags } = parseCommandLine({
  usage: 'npm start -- [--port 4000] [--host 127.0.0.1] [--data-dir data] [--supergraph file] [--people N] [--enterprises N] [--seed N]',
  summary: 'Starts the embedded default: every department\'s subgraph, the platform subgraph and the gateway, generating synthetic data on first run.',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    supergraph: { type: 'string' },
    people: { type: 'string' },
    enterprises: { type: 'string' },
    seed: { type: 'string' },
  },
  help: {
    port: 'the gateway\'s port (default GOVGRAPH_PORT, else 4000; departments: GOVGRAPH_PORT_<DEPARTMENT>)',
    host: 'interface for the gateway and the departments (default GOVGRAPH_HOST, else 127.0.0.1)',
    'data-dir': 'databases, recorded population, development keys (default GOVGRAPH_DATA_DIR, else ./data)',
    supergraph: 'the supergraph to serve: a file, an http(s) URL, or store (default GOVGRAPH_SUPERGRAPH, else schema/supergraph.graphql)',
    people: 'residents to generate (default GOVGRAPH_PEOPLE, else the recorded population, else 10000)',
    enterprises: 'enterprises to generate (default GOVGRAPH_ENTERPRISES, else the recorded population, else 2000)',
    seed: 'seed of the synthetic data (default GOVGRAPH_SEED, else 2025)',
  },
  notes: [
    'The platform store is PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'Every option and variable: README, Configuration. Ctrl-C (or SIGTERM) stops every process it started.',
  ],
});

const RESTART_ATTEMPTS = 5;
const MAX_RESTART_DELAY_MS = 30_000;

await runCommand(async () => {
  const [{ ensureExplorerBuild }, { loadOrCreateDevelopmentKey }, { openPlatformStore, seedDemoAgreements }, { loadOrCreateGrantKey }, { departments }, { createPopulation }, children, { populationFile, readEmbeddedConfig }, { blockedPortWarning }] =
    await Promise.all([
      import('../gateway/explorer/index.ts'),
      import('../gateway/identify/index.ts'),
      import('../platform/index.ts'),
      import('../sharing/grantKeys.ts'),
      import('../subgraphs/departments.ts'),
      import('../subgraphs/synthetic/index.ts'),
      import('./children.ts'),
      import('./config.ts'),
      import('../http/ports.ts'),
    ]);
  const { startChild, stopChildren } = children;
  type Child = import('./children.ts').Child;
  const config = readEmbeddedConfig(flags, departments.map((d) => ({ id: d.definition.id, defaultPort: d.defaultPort })));
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(populationFile(config.dataDir), JSON.stringify(config.population, null, 2) + '\n');

  // Keys and the platform store exist before any process needs them: departments read the gateway's public
  // grant keys at start, the gateway reads the caller keys and the agreements, the platform subgraph the store.
  await loadOrCreateDevelopmentKey(config.dataDir);
  await loadOrCreateGrantKey(config.dataDir);
  const platform = await openPlatformStore(
    process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { file: process.env.GOVGRAPH_PLATFORM_DB ?? join(config.dataDir, 'platform.sqlite') },
  );
  const storeLocation = process.env.DATABASE_URL ? `PostgreSQL ${platform.location}` : `SQLite ${platform.location}`;
  const seeded = await seedDemoAgreements(platform.agreements);
  await platform.close();
  if (seeded.created.length > 0) console.log(`[platform] seeded ${seeded.created.length} demo agreements`);

  const running = new Map<string, Child>();
  let stopping = false;
  async function shutdown(code: number): Promise<never> {
    if (!stopping) {
      stopping = true;
      await stopChildren([...running.values()]);
    }
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // If whatever started us dies without passing a signal on (a killed npm), stop rather than linger.
  const launcherParent = process.ppid;
  setInterval(() => {
    if (process.ppid !== launcherParent) void shutdown(0);
  }, 1_000).unref();

  const started = performance.now();
  const populationArgs = [
    '--data-dir', config.dataDir, '--host', config.host,
    '--people', String(config.population.people), '--enterprises', String(config.population.enterprises),
    '--seed', String(config.population.seed),
  ];
  const departmentArgs = (id: string, port: number) => {
    // The platform derives the catalogue from the supergraph the gateway loads.
    const catalogueArgs = id === 'platform' && config.supergraph ? ['--supergraph', config.supergraph] : [];
    return ['--department', id, '--port', String(port), ...populationArgs, ...catalogueArgs];
  };
  const startDepartment = (id: string, port: number): Child => {
    const child = startChild(id, './subgraph.ts', departmentArgs(id, port));
    running.set(id, child);
    return child;
  };
  const first = departments.map(({ definition }) => startDepartment(definition.id, config.departmentPorts[definition.id]!));

  let subgraphUrls: { name: string; url: string }[];
  try {
    subgraphUrls = await Promise.all(first.map(async (c) => ({ name: c.name, url: (await c.ready).url })));
  } catch (error) {
    console.error(`A department did not start: ${(error as Error).message}`);
    return shutdown(1);
  }
  // Restarted on the port it got, so the URL the gateway was given stays right.
  for (const { name, url } of subgraphUrls) superviseDepartment(name, Number(new URL(url).port));

  // A legal representative: someone most OneStop departments know about (the OneStop example opens with them).
  const population = createPopulation(config.population);
  const example = population.person(population.enterprise(0).legalRepresentativeIndex).idNumber;
  // The explorer's pages are built by npm install; rebuilt here when missing or older than their sources.
  if ((await ensureExplorerBuild()) === 'built') console.log('[explorer] built the GraphiQL and catalogue pages');
  const gatewayArgs = [
    '--port', String(config.gatewayPort), '--host', config.host, '--data-dir', config.dataDir,
    '--development-identities', '--example-resident', example,
  ];
  if (config.supergraph) gatewayArgs.push('--supergraph', config.supergraph);
  for (const { name, url } of subgraphUrls) gatewayArgs.push('--subgraph-url', `${name}=${url}`);
  const gateway = startChild('gateway', './gateway.ts', gatewayArgs);
  running.set('gateway', gateway);
  gateway.process.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The gateway stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping govgraph.`);
    void shutdown(1);
  });
  let gatewayUrl: string;
  try {
    gatewayUrl = (await gateway.ready).url;
  } catch (error) {
    console.error(`The gateway did not start: ${(error as Error).message}`);
    return shutdown(1);
  }
  const portWarning = blockedPortWarning(Number(new URL(gatewayUrl).port), 'The gateway');

  console.log(`
govgraph is running (started in ${((performance.now() - started) / 1000).toFixed(1)} s)
  Data              ${config.dataDir} (departments' SQLite databases, keys)
  Platform store    ${storeLocation} (agreements, audit trail, workflow)
${portWarning ? `\n  Warning: ${portWarning}\n` : ''}
  Gateway           ${gatewayUrl}
  GraphiQL          ${gatewayUrl.replace(/\/graphql$/, '/graphiql')}   (sign in with a development identity)
  Catalogue         ${gatewayUrl.replace(/\/graphql$/, '/catalog')}
  Residents         ${gatewayUrl.replace(/\/graphql$/, '/residents')}   (sign in as the resident ${example} to see who used their data)
${subgraphUrls.map(({ name, url }) => `  ${name.padEnd(18)}${url}`).join('\n')}

  Try OneStop for a generated resident, as a tax application:
    TOKEN=$(npm run -s token -- --dept tax --app tax-demo)
    curl -s ${gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
      -d '{"query":"{ person(idNumber: \\"${example}\\") { idNumber name household { address } maritalStatus enterprises { name taxCreditRating } realEstates { address area } } }"}'
  Without a purpose, conditional items come back null with the reason and whom to apply to; add
    -H 'X-Purpose: property-tax-assessment'   to use the demo agreements (README, "Demo agreements").

Ctrl-C stops everything.`);

  /**
   * Restarts a department that stops, with backoff (1, 2, 4… s); after RESTART_ATTEMPTS restarts that did not
   * keep it up, reports it and leaves it stopped. One that served for a minute starts the count afresh.
   */
  function superviseDepartment(id: string, port: number, failures = 0): void {
    const child = running.get(id)!;
    let servingSince: number | null = null;
    child.ready.then(() => {
      servingSince = Date.now();
      if (failures > 0) console.error(`[${id}] restarted on port ${port}.`);
    }, () => {});
    child.process.once('exit', (code, signal) => {
      if (stopping) return;
      running.delete(id);
      const why = signal ?? `exit code ${code}`;
      const attempt = servingSince !== null && Date.now() - servingSince >= 60_000 ? 0 : failures;
      if (attempt >= RESTART_ATTEMPTS) {
        console.error(
          `[${id}] stopped again (${why}) after ${RESTART_ATTEMPTS} restarts; left stopped. The other departments keep serving; ${id}'s fields answer SUBGRAPH_UNAVAILABLE. ` +
            `Fix it, then start it by hand: node --import tsx bin/subgraph.ts ${departmentArgs(id, port).join(' ')}`,
        );
        return;
      }
      const delay = Math.min(1_000 * 2 ** attempt, MAX_RESTART_DELAY_MS);
      console.error(`[${id}] stopped unexpectedly (${why}); restarting it on port ${port} in ${delay / 1000} s (attempt ${attempt + 1} of ${RESTART_ATTEMPTS}).`);
      setTimeout(() => {
        if (stopping) return;
        startDepartment(id, port);
        superviseDepartment(id, port, attempt + 1);
      }, delay);
    });
  }
});
