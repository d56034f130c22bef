/**
 * The data directory both gateways and the seven departments share: the population to seed (recorded in
 * `population.json`, as `npm start` does), the development key callers' tokens are signed with, the gateway grant
 * key the departments trust (it must exist before a department starts), and the platform store with the demo
 * agreements. A temporary directory is created unless one is given; only a created one is removed afterwards.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOrCreateDevelopmentKey, type DevelopmentKey } from '../gateway/identify/index.ts';
import { openPlatformStore, seedDemoAgreements } from '../platform/index.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../sharing/grantKeys.ts';
import { DEFAULT_POPULATION } from '../subgraphs/synthetic/index.ts';
import type { PopulationOptions } from '../subgraphs/synthetic/types.ts';

export interface BenchDataDirectory {
  dir: string;
  population: PopulationOptions;
  callerKey: DevelopmentKey;
  grantKey: GrantKey;
  /** Removes the directory when this run created it. */
  dispose(): void;
}

export async function prepareDataDirectory(options: { dataDir: string | null; people: number | null }): Promise<BenchDataDirectory> {
  const created = options.dataDir === null;
  const dir = created ? mkdtempSync(join(tmpdir(), 'govgraph-bench-')) : resolve(options.dataDir!);
  mkdirSync(dir, { recursive: true });
  const population = populationFor(dir, options.people);
  writeFileSync(join(dir, 'population.json'), JSON.stringify(population, null, 2) + '\n');
  const callerKey = await loadOrCreateDevelopmentKey(dir);
  const grantKey = await loadOrCreateGrantKey(dir);
  const platform = await openPlatformStore({ file: join(dir, 'platform.sqlite') });
  try {
    await seedDemoAgreements(platform.agreements);
  } finally {
    await platform.close();
  }
  return {
    dir,
    population,
    callerKey,
    grantKey,
    dispose: () => {
      if (created) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** --people wins (enterprises a fifth of it); otherwise the population recorded in the directory, or the default. */
function populationFor(dir: string, people: number | null): PopulationOptions {
  if (people !== null) return { seed: DEFAULT_POPULATION.seed, people, enterprises: Math.max(1, Math.round(people / 5)) };
  const recorded = join(dir, 'population.json');
  if (existsSync(recorded)) return JSON.parse(readFileSync(recorded, 'utf8')) as PopulationOptions;
  return { ...DEFAULT_POPULATION };
}
