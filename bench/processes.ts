/**
 * The processes under test, each a child of the benchmark so none shares an event loop with another or with the
 * load generator: the seven departments (bin/subgraph.ts, seeding their databases on first use) and the gateways
 * asked for, over the same supergraph and the same departments:
 *   - govgraph: the govgraph gateway as deployed, audit trail on;
 *   - govgraph-no-audit: the same gateway without the trail (`audit: null`);
 *   - govgraph-inline-audit (only when asked for): the trail written on the gateway's own event loop, as before
 *     the worker thread, to compare the two;
 *   - plain: plain @apollo/gateway, no enforcement, no masking, no audit;
 *   - plain-govgraph-transport: the same on govgraph's HTTP handler and subgraph fetcher (what the transport saves);
 *   - hive, hive-jit: Hive Gateway, a peer, without and with graphql-jit (its CLI's `--jit`); no enforcement either.
 * `stop` ends every child this module started.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startChild, stopChildren, type Child } from '../bin/children.ts';
import type { AuditStats } from '../platform/index.ts';
import { SUPERGRAPH_FILE } from '../schema/departmentsSupergraph.ts';
import { departments } from '../subgraphs/departments.ts';
import type { PopulationOptions } from '../subgraphs/synthetic/types.ts';
import { gatewayArgs } from './gateways/gatewayArgs.ts';
import type { AuditStatsMessage } from './gateways/govgraph.ts';
import type { ProfileWritten } from './profile/profiler.ts';

export type GatewayName = 'govgraph' | 'govgraph-no-audit' | 'govgraph-inline-audit' | 'govgraph-baseline' | 'plain' | 'plain-govgraph-transport' | 'hive' | 'hive-jit';
/** Every gateway variant, in the order tables list them. */
export const GATEWAYS: readonly GatewayName[] = ['govgraph', 'govgraph-no-audit', 'govgraph-inline-audit', 'govgraph-baseline', 'plain', 'plain-govgraph-transport', 'hive', 'hive-jit'];
/** The variants measured unless --gateways says otherwise. */
export const DEFAULT_GATEWAYS: readonly GatewayName[] = ['govgraph', 'govgraph-no-audit', 'plain', 'plain-govgraph-transport', 'hive', 'hive-jit'];

/** Which answer a variant gives: the govgraph variants enforce alike; the others answer everything raw. */
export type AnswerKind = 'govgraph' | 'plain';
export function answerKindOf(gateway: GatewayName): AnswerKind {
  return gateway.startsWith('govgraph') ? 'govgraph' : 'plain';
}

export interface RunningSystem {
  /** The gateways started, in GATEWAYS order. */
  gatewayNames: readonly GatewayName[];
  /** Gateway -> its GraphQL URL (only those started). */
  gateways: Partial<Record<GatewayName, string>>;
  /** Department id -> its subgraph URL. */
  departmentUrls: Record<string, string>;
  /** Process ids, for CPU accounting. */
  pids: { gateways: Partial<Record<GatewayName, number>>; departments: number[] };
  /** The audit trail's group-commit figures so far of the govgraph gateway; null when it was not started. */
  auditStats(): Promise<AuditStats | null>;
  /** Starts profiling the CPU of the govgraph gateway (audit trail on). */
  startProfile(): Promise<void>;
  /** Stops it and writes the `.cpuprofile` to `file`. */
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

const SUBGRAPH_SCRIPT = './subgraph.ts'; // relative to bin/children.ts
const GOVGRAPH_SCRIPT = new URL('./gateways/govgraph.ts', import.meta.url).href;
const PLAIN_SCRIPT = new URL('./gateways/plain.ts', import.meta.url).href;
const HIVE_SCRIPT = new URL('./gateways/hive.ts', import.meta.url).href;
const GATEWAY_SCRIPTS: Record<GatewayName, { script: string; audit: boolean | 'inline'; jit?: boolean; govgraphTransport?: boolean }> = {
  govgraph: { script: GOVGRAPH_SCRIPT, audit: true },
  'govgraph-no-audit': { script: GOVGRAPH_SCRIPT, audit: false },
  'govgraph-inline-audit': { script: GOVGRAPH_SCRIPT, audit: 'inline' },
  // Replaced by the --baseline checkout's own bench/gateways/govgraph.ts (startSystem).
  'govgraph-baseline': { script: GOVGRAPH_SCRIPT, audit: true },
  plain: { script: PLAIN_SCRIPT, audit: false },
  'plain-govgraph-transport': { script: PLAIN_SCRIPT, audit: false, govgraphTransport: true },
  hive: { script: HIVE_SCRIPT, audit: false },
  'hive-jit': { script: HIVE_SCRIPT, audit: false, jit: true },
};
const STATS_TIMEOUT_MS = 10_000;

/**
 * `baseline`: another checkout of govgraph (e.g. `git worktree add /tmp/before <commit>`, its node_modules linked to
 * this one's) whose govgraph gateway runs as `govgraph-baseline`, audit trail on, beside this one's in the same run.
 */
export async function startSystem(dataDir: string, population: PopulationOptions, wanted: readonly GatewayName[], baseline: string | null = null): Promise<RunningSystem> {
  const names = GATEWAYS.filter((name) => wanted.includes(name));
  if (names.length === 0) throw new Error('No gateway to start.');
  const children: Child[] = [];
  try {
    const populationArgs = [
      '--data-dir', dataDir, '--people', String(population.people),
      '--enterprises', String(population.enterprises), '--seed', String(population.seed),
    ];
    const departmentChildren = departments.map(({ definition }) =>
      startChild(definition.id, SUBGRAPH_SCRIPT, ['--department', definition.id, '--port', '0', ...populationArgs]),
    );
    children.push(...departmentChildren);
    const departmentUrls = Object.fromEntries(
      await Promise.all(departmentChildren.map(async (child) => [child.name, (await child.ready).url] as const)),
    );
    const gatewayChildren = names.map((name) =>
      startChild(name, scriptOf(name, baseline), gatewayArgs({ dataDir, supergraph: SUPERGRAPH_FILE, subgraphUrls: departmentUrls, ...GATEWAY_SCRIPTS[name] })),
    );
    children.push(...gatewayChildren);
    const urls = await Promise.all(gatewayChildren.map(async (child) => (await child.ready).url));
    const audited = gatewayChildren[names.indexOf('govgraph')];
    return {
      gatewayNames: names,
      gateways: Object.fromEntries(names.map((name, i) => [name, urls[i]!])),
      departmentUrls,
      pids: {
        gateways: Object.fromEntries(names.map((name, i) => [name, gatewayChildren[i]!.process.pid!])),
        departments: departmentChildren.map((child) => child.process.pid!),
      },
      auditStats: () => (audited ? askAuditStats(audited) : Promise.resolve(null)),
      startProfile: async () => {
        if (!audited) throw new Error('--profile needs the govgraph gateway among --gateways.');
        await ask(audited, { kind: 'profile-start' }, 'profile-started');
      },
      stopProfile: async (file) => {
        const written = await ask<ProfileWritten>(audited!, { kind: 'profile-stop', file }, 'profile-written', 60_000);
        if (written.error) throw new Error(`The govgraph gateway could not write its profile ${file}: ${written.error}`);
      },
      stop: () => stopChildren(children),
    };
  } catch (error) {
    await stopChildren(children);
    throw error;
  }
}

function scriptOf(name: GatewayName, baseline: string | null): string {
  if (name !== 'govgraph-baseline') return GATEWAY_SCRIPTS[name].script;
  if (!baseline) throw new Error('govgraph-baseline runs the gateway of another checkout: name it with --baseline <dir>.');
  return pathToFileURL(resolve(baseline, 'bench/gateways/govgraph.ts')).href;
}

async function askAuditStats(child: Child): Promise<AuditStats | null> {
  return (await ask<AuditStatsMessage>(child, { kind: 'audit-stats' }, 'audit-stats')).stats;
}

/** Sends a child one IPC message and waits for its answer of the given kind. */
function ask<T extends { kind: string }>(child: Child, message: { kind: string; [field: string]: unknown }, answer: string, timeoutMs = STATS_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = child.process;
    const done = () => {
      clearTimeout(timer);
      proc.off('message', onMessage);
      proc.off('exit', onExit);
    };
    const onMessage = (received: T) => {
      if (received?.kind !== answer) return;
      done();
      resolve(received);
    };
    const onExit = () => {
      done();
      reject(new Error(`${child.name} exited before it answered ${message.kind}.`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${child.name} did not answer ${message.kind} within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    proc.send(message);
  });
}
