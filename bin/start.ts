/**
 * `npm start`: the embedded default. Generates each department's data on first run (reused afterwards),
 * starts every department subgraph, the platform subgraph and the gateway on loopback, prints where to go, and
 * stops everything on Ctrl-C or SIGTERM. Flags: --port, --host, --data-dir, --supergraph, --people, --enterprises,
 * --seed. The platform store (GOVGRAPH_PLATFORM_DB, default <data-dir>/platform.sqlite) is created first: the
 * gateway writes the audit trail into it and the platform subgraph reads it.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { ensureExplorerBuild } from '../gateway/explorer/index.ts';
import { loadOrCreateDevelopmentKey } from '../gateway/identity/index.ts';
import { openPlatformStore, seedDemoAgreements } from '../platform/index.ts';
import { loadOrCreateGrantKey } from '../sharing/grantKeys.ts';
import { departments } from '../subgraphs/departments.ts';
import { createPopulation } from '../subgraphs/synthetic/index.ts';
import { startChild, stopChildren, type Child } from './children.ts';
import { populationFile, readEmbeddedConfig } from './config.ts';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    supergraph: { type: 'string' },
    people: { type: 'string' },
    enterprises: { type: 'string' },
    seed: { type: 'string' },
  },
});
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
const seeded = await seedDemoAgreements(platform.agreements);
await platform.close();
if (seeded.created.length > 0) console.log(`[platform] seeded ${seeded.created.length} demo agreements`);

const children: Child[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stopChildren(children);
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
for (const { definition } of departments) {
  const port = config.departmentPorts[definition.id]!;
  // The platform derives the catalogue from the supergraph the gateway loads.
  const catalogueArgs = definition.id === 'platform' && config.supergraph ? ['--supergraph', config.supergraph] : [];
  children.push(startChild(definition.id, './subgraph.ts', ['--department', definition.id, '--port', String(port), ...populationArgs, ...catalogueArgs]));
}
for (const child of children) watchForCrash(child);

let subgraphUrls: { name: string; url: string }[];
try {
  subgraphUrls = await Promise.all(children.map(async (c) => ({ name: c.name, url: (await c.ready).url })));
} catch (error) {
  console.error(`A department did not start: ${(error as Error).message}`);
  await shutdown(1);
}

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
for (const { name, url } of subgraphUrls!) gatewayArgs.push('--subgraph-url', `${name}=${url}`);
const gateway = startChild('gateway', './gateway.ts', gatewayArgs);
children.push(gateway);
watchForCrash(gateway);
let gatewayUrl: string;
try {
  gatewayUrl = (await gateway.ready).url;
} catch (error) {
  console.error(`The gateway did not start: ${(error as Error).message}`);
  await shutdown(1);
}

console.log(`
govgraph is running (started in ${((performance.now() - started) / 1000).toFixed(1)} s; data in ${config.dataDir})

  Gateway           ${gatewayUrl!}
  GraphiQL          ${gatewayUrl!.replace(/\/graphql$/, '/graphiql')}   (sign in with a development identity)
  Catalogue         ${gatewayUrl!.replace(/\/graphql$/, '/catalog')}
${subgraphUrls!.map(({ name, url }) => `  ${name.padEnd(18)}${url}`).join('\n')}

  Try OneStop for a generated resident, as a tax application:
    TOKEN=$(npm run -s token -- --dept tax --app tax-demo)
    curl -s ${gatewayUrl!} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
      -d '{"query":"{ person(idNumber: \\"${example}\\") { idNumber name household { address } maritalStatus enterprises { name taxCreditRating } realEstates { address area } } }"}'
  Without a purpose, conditional items come back null with the reason and whom to apply to; add
    -H 'X-Purpose: property-tax-assessment'   to use the demo agreements (README, "Demo agreements").

Ctrl-C stops everything.`);

function watchForCrash(child: Child): void {
  child.process.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${child.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping govgraph.`);
    void shutdown(1);
  });
}
