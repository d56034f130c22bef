/**
 * Configuration of the embedded default, from flags and environment variables (flags win). Every option, its
 * variable and its default are listed in the README's configuration table; this is the one place they are read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_POPULATION } from '../subgraphs/synthetic/index.ts';
import type { PopulationOptions } from '../subgraphs/synthetic/types.ts';

export interface EmbeddedConfig {
  host: string;
  gatewayPort: number;
  dataDir: string;
  supergraph: string | undefined;
  /** Department id -> port. */
  departmentPorts: Record<string, number>;
  population: PopulationOptions;
  /** True when flags asked for a population (rather than reusing the recorded one). */
  populationRequested: boolean;
}

export type Flags = Record<string, string | boolean | undefined>;

export function populationFile(dataDir: string): string {
  return join(dataDir, 'population.json');
}

export function departmentDatabase(dataDir: string, departmentId: string): string {
  return join(dataDir, 'departments', `${departmentId}.sqlite`);
}

export function portVariable(departmentId: string): string {
  return `GOVGRAPH_PORT_${departmentId.toUpperCase().replaceAll('-', '_')}`;
}

export function readEmbeddedConfig(
  flags: Flags,
  departments: readonly { id: string; defaultPort: number }[],
  env: NodeJS.ProcessEnv = process.env,
): EmbeddedConfig {
  const dataDir = resolve(text(flags['data-dir']) ?? env.GOVGRAPH_DATA_DIR ?? 'data');
  const recorded = readRecordedPopulation(dataDir);
  const requested = {
    seed: integer('seed', text(flags.seed) ?? env.GOVGRAPH_SEED),
    people: integer('people', text(flags.people) ?? env.GOVGRAPH_PEOPLE),
    enterprises: integer('enterprises', text(flags.enterprises) ?? env.GOVGRAPH_ENTERPRISES),
  };
  const base = recorded ?? DEFAULT_POPULATION;
  const population: PopulationOptions = {
    seed: requested.seed ?? base.seed,
    people: requested.people ?? base.people,
    enterprises: requested.enterprises ?? base.enterprises,
  };
  if (population.people < 10 || population.enterprises < 1 || population.enterprises > population.people) {
    throw new Error(`--people must be at least 10 and --enterprises from 1 to --people; got ${population.people} and ${population.enterprises}.`);
  }
  return {
    host: text(flags.host) ?? env.GOVGRAPH_HOST ?? '127.0.0.1',
    gatewayPort: integer('port', text(flags.port) ?? env.GOVGRAPH_PORT) ?? 4000,
    dataDir,
    supergraph: text(flags.supergraph) ?? env.GOVGRAPH_SUPERGRAPH,
    departmentPorts: Object.fromEntries(
      departments.map((d) => [d.id, integer(portVariable(d.id), env[portVariable(d.id)]) ?? d.defaultPort]),
    ),
    population,
    populationRequested: Object.values(requested).some((v) => v !== undefined),
  };
}

function readRecordedPopulation(dataDir: string): PopulationOptions | null {
  const file = populationFile(dataDir);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as PopulationOptions;
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}".`);
  return parsed;
}
