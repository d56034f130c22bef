/**
 * `npm run seed -- [--people N] [--enterprises N] [--seed N] [--data-dir dir] [--force]`: generates every
 * department's database from one population, as many departments at a time as there are cores, and records
 * the population so the next `npm start` reuses it. Prints each department's records and time as it finishes,
 * and every 15 s which departments are still generating (a million people take minutes).
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseCommandLine, runCommand } from './commandLine.ts';

const { values: flags } = parseCommandLine({
  usage: 'npm run seed -- [--people 1000000] [--enterprises 200000] [--seed 2025] [--data-dir data] [--force]',
  summary: 'Generates every department\'s database from one synthetic population, departments in parallel, and records it for the next npm start.',
  options: {
    'data-dir': { type: 'string' },
    people: { type: 'string' },
    enterprises: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
  },
  help: {
    people: 'residents (default GOVGRAPH_PEOPLE, else the recorded population, else 10000)',
    enterprises: 'enterprises (default GOVGRAPH_ENTERPRISES, else the recorded population, else 2000)',
    seed: 'seed of the synthetic data: same seed, same data (default GOVGRAPH_SEED, else 2025)',
    'data-dir': 'where the databases go (default GOVGRAPH_DATA_DIR, else ./data)',
    force: 'regenerate databases that already hold this population',
  },
  notes: ['Each database is written to a temporary file and renamed into place, so an interrupted seed leaves none half-filled.'],
});

await runCommand(async () => {
  const [{ departments }, { bringsOwnResources }, { startChild }, { populationFile, readEmbeddedConfig }] = await Promise.all([
    import('../subgraphs/departments.ts'),
    import('../subgraphs/kit/index.ts'),
    import('./children.ts'),
    import('./config.ts'),
  ]);
  const config = readEmbeddedConfig(flags, departments.map((d) => ({ id: d.definition.id, defaultPort: d.defaultPort })));
  mkdirSync(config.dataDir, { recursive: true });
  const args = [
    '--seed-only', '--data-dir', config.dataDir,
    '--people', String(config.population.people), '--enterprises', String(config.population.enterprises),
    '--seed', String(config.population.seed), ...(flags.force ? ['--force'] : []),
  ];
  // The platform brings its own store: nothing to generate, so it is neither counted nor started.
  const seeded = departments.filter((d) => !bringsOwnResources(d.definition)).map((d) => d.definition.id);
  const { people, enterprises, seed } = config.population;
  console.log(`Seeding ${seeded.length} departments (${seeded.join(', ')}): ${people} people, ${enterprises} enterprises, seed ${seed}`);
  const started = performance.now();
  const queue = [...seeded];
  const running = new Set<string>();
  let done = 0;
  let failed = false;
  const ticker = setInterval(() => {
    const elapsed = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`  ${done} of ${seeded.length} done after ${elapsed} s; generating ${[...running].join(', ')}${queue.length ? `; waiting: ${queue.join(', ')}` : ''}`);
  }, 15_000);
  async function worker(): Promise<void> {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      running.add(id);
      const child = startChild(id, './subgraph.ts', ['--department', id, ...args]);
      try {
        await child.ready;
        done++;
      } catch (error) {
        failed = true;
        console.error(`[${id}] ${(error as Error).message}`);
      } finally {
        running.delete(id);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker));
  } finally {
    clearInterval(ticker);
  }
  if (failed) process.exit(1);
  writeFileSync(populationFile(config.dataDir), JSON.stringify(config.population, null, 2) + '\n');
  console.log(`Seeded ${seeded.length} departments in ${((performance.now() - started) / 1000).toFixed(1)} s into ${config.dataDir}.`);
});
