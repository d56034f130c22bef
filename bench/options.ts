/**
 * The benchmark's flags, with their defaults, validated once with a message naming the bad flag:
 *   --duration <s>      measured seconds per run (default 10)
 *   --warmup <s>        unmeasured seconds per gateway and scenario before its first round (default 3)
 *   --connections <n>   concurrent autocannon connections (default 20)
 *   --rounds <n>        A/B rounds per scenario (default 3)
 *   --scenario <name>   only this scenario; repeatable (default: every scenario)
 *   --people <n>        residents of a generated population, enterprises one fifth of it (default 10,000)
 *   --data-dir <dir>    reuse (or fill) this data directory instead of a temporary one
 *   --gateways <list>   comma-separated variants to measure: govgraph (audit trail on, as deployed),
 *                       govgraph-no-audit, plain (@apollo/gateway), plain-govgraph-transport (the same on
 *                       govgraph's HTTP handler and fetcher), hive and hive-jit (Hive Gateway without and with
 *                       graphql-jit) (default: these six), govgraph-inline-audit (the trail written on the
 *                       gateway's event loop rather than by a worker thread)
 *   --baseline <dir>    another checkout of govgraph (its node_modules linked to this one's): its govgraph gateway
 *                       is measured as govgraph-baseline, trail on, in the same run (before/after a change)
 *   --profile           profile the govgraph gateway's CPU during its first measured round of each scenario
 *                       (V8 sampling profiler, as `node --cpu-prof`), and summarise where the time goes
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GATEWAYS, GATEWAYS, type GatewayName } from './processes.ts';
import { SCENARIO_NAMES } from './scenarios.ts';

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  /** Scenario names asked for; empty means every scenario. */
  scenarios: string[];
  /** Residents asked for with --people; null keeps the data directory's recorded population (or the default). */
  people: number | null;
  /** Data directory to reuse; null creates a temporary one, removed at the end. */
  dataDir: string | null;
  /** The gateway variants to measure, in GATEWAYS order. */
  gateways: GatewayName[];
  /** Profile govgraph's first measured round of each scenario. Default false. */
  profile: boolean;
  /** Another checkout whose govgraph gateway is measured as govgraph-baseline in the same run; null: none. */
  baseline: string | null;
}

export function readBenchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      people: { type: 'string' },
      'data-dir': { type: 'string' },
      gateways: { type: 'string' },
      profile: { type: 'boolean' },
      baseline: { type: 'string' },
    },
  });
  const scenarios = values.scenario ?? [];
  const unknown = scenarios.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown --scenario ${unknown.join(', ')}; known: ${SCENARIO_NAMES.join(', ')}.`);
  const gateways = gatewayList(values.gateways);
  const baseline = values.baseline ?? null;
  if (baseline !== null) {
    if (!existsSync(join(baseline, 'bench', 'gateways', 'govgraph.ts'))) throw new Error(`--baseline ${baseline} is not a govgraph checkout (no bench/gateways/govgraph.ts in it).`);
    if (!gateways.includes('govgraph-baseline')) gateways.splice(gateways.indexOf('govgraph') + 1, 0, 'govgraph-baseline');
  } else if (gateways.includes('govgraph-baseline')) {
    throw new Error('--gateways govgraph-baseline needs --baseline <dir>: the checkout whose gateway to measure.');
  }
  if (values.profile && !gateways.includes('govgraph')) throw new Error('--profile profiles the govgraph gateway: include govgraph in --gateways.');
  return {
    durationSeconds: integer('--duration', values.duration, 10, 1),
    warmupSeconds: integer('--warmup', values.warmup, 3, 0),
    connections: integer('--connections', values.connections, 20, 1),
    rounds: integer('--rounds', values.rounds, 3, 1),
    scenarios,
    people: values.people === undefined ? null : integer('--people', values.people, 0, 10),
    dataDir: values['data-dir'] ?? null,
    gateways,
    profile: values.profile === true,
    baseline,
  };
}

function integer(flag: string, text: string | undefined, fallback: number, minimum: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < minimum) throw new Error(`${flag} must be an integer of at least ${minimum}, got "${text}".`);
  return value;
}

function gatewayList(text: string | undefined): GatewayName[] {
  if (text === undefined) return [...DEFAULT_GATEWAYS];
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(GATEWAYS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown --gateways ${unknown.join(', ')}; known: ${GATEWAYS.join(', ')}.`);
  if (names.length === 0) throw new Error(`--gateways names none; known: ${GATEWAYS.join(', ')}.`);
  return GATEWAYS.filter((name) => names.includes(name));
}
