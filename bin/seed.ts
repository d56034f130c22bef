/**
 * `npm run seed -- [--people N] [--enterprises N] [--seed N] [--data-dir dir] [--force]`: generates every
 * department's database from one population, as many departments at a time as there are cores, and records
 * the population so the next `npm start` reuses it. Prints the time per department and in all.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { departments } from '../subgraphs/departments.ts';
import { startChild } from './children.ts';
import { populationFile, readEmbeddedConfig } from './config.ts';

const { values: flags } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    people: { type: 'string' },
    enterprises: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
  },
});
const config = readEmbeddedConfig(flags, departments.map((d) => ({ id: d.definition.id, defaultPort: d.defaultPort })));
mkdirSync(config.dataDir, { recursive: true });
const args = [
  '--seed-only', '--data-dir', config.dataDir,
  '--people', String(config.population.people), '--enterprises', String(config.population.enterprises),
  '--seed', String(config.population.seed), ...(flags.force ? ['--force'] : []),
];
console.log(`Seeding ${departments.length} departments: ${config.population.people} people, ${config.population.enterprises} enterprises, seed ${config.population.seed}`);
const started = performance.now();
const queue = departments.map((d) => d.definition.id);
let failed = false;
async function worker(): Promise<void> {
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const child = startChild(id, './subgraph.ts', ['--department', id, ...args]);
    try {
      await child.ready;
    } catch (error) {
      failed = true;
      console.error(`[${id}] ${(error as Error).message}`);
    }
  }
}
await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker));
if (failed) process.exit(1);
writeFileSync(populationFile(config.dataDir), JSON.stringify(config.population, null, 2) + '\n');
console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s into ${config.dataDir}.`);
