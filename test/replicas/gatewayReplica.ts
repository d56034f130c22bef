/**
 * A gateway replica as deployed: a `bin/gateway.ts` process of its own, with DATABASE_URL naming the shared
 * PostgreSQL store, the departments' URLs, the data directory holding the caller and grant keys, and a sealing key
 * kept apart from it (production refuses one inside it); and the platform subgraph's process on the same store, with
 * a sealing key of its own. Both copy their seals to one anchor file. Each reports its URL over IPC when ready, and
 * exits by itself when the test process goes away.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { loadOrCreateSigningKey } from '../../sharing/signingKeys.ts';

const root = resolve(import.meta.dirname, '../..');

/** The sealing keys (private file and public set) of the replicas and of the platform subgraph, and their anchor file. */
export interface ReplicaSealing {
  gateway: { keyFile: string; jwksFile: string; jwks: { keys: JWK[] } };
  platform: { keyFile: string; jwksFile: string; jwks: { keys: JWK[] } };
  anchorFile: string;
  remove(): void;
}

/** Fresh sealing keys in a folder of their own, outside any data directory. */
export async function createReplicaSealing(): Promise<ReplicaSealing> {
  const dir = mkdtempSync(join(tmpdir(), 'govgraph-sealing-'));
  const key = async (name: string) => {
    const files = { privateKey: join(dir, `${name}-seal-key.json`), jwks: join(dir, `${name}-seal-jwks.json`) };
    return { keyFile: files.privateKey, jwksFile: files.jwks, jwks: (await loadOrCreateSigningKey(files, `seal-${name}`)).jwks };
  };
  return { gateway: await key('gateway'), platform: await key('platform'), anchorFile: join(dir, 'anchors', 'audit-anchors.jsonl'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface GatewayReplica {
  name: string;
  url: string;
  process: ChildProcess;
  /** Everything it wrote to stderr, for a failure message. */
  stderr(): string;
  /** SIGKILL: no shutdown, no flush, as a crashed machine. Resolves when it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export async function startReplica(options: {
  name: string;
  databaseUrl: string;
  dataDir: string;
  subgraphUrls: Record<string, string>;
  sealing: ReplicaSealing;
  /** More flags for bin/gateway.ts, e.g. `['--supergraph', 'store']`. */
  args?: string[];
}): Promise<GatewayReplica> {
  const args = ['--port', '0', '--data-dir', options.dataDir, ...(options.args ?? [])];
  for (const [name, url] of Object.entries(options.subgraphUrls)) args.push('--subgraph-url', `${name}=${url}`);
  const sealing = { GOVGRAPH_SEAL_KEY_FILE: options.sealing.gateway.keyFile, GOVGRAPH_SEAL_ANCHOR_FILE: options.sealing.anchorFile };
  return startProcess(`gateway ${options.name}`, 'bin/gateway.ts', args, { DATABASE_URL: options.databaseUrl, ...sealing });
}

/** The platform subgraph (`bin/subgraph.ts --department platform`) on the same PostgreSQL store. */
export async function startPlatformSubgraph(options: { databaseUrl: string; dataDir: string; sealing: ReplicaSealing }): Promise<GatewayReplica> {
  const sealing = { GOVGRAPH_SEAL_KEY_FILE: options.sealing.platform.keyFile, GOVGRAPH_SEAL_ANCHOR_FILE: options.sealing.anchorFile };
  return startProcess('platform subgraph', 'bin/subgraph.ts', ['--department', 'platform', '--port', '0', '--data-dir', options.dataDir], { DATABASE_URL: options.databaseUrl, ...sealing });
}

async function startProcess(name: string, script: string, args: string[], settings: Record<string, string>): Promise<GatewayReplica> {
  const { DATABASE_URL: _url, GOVGRAPH_PLATFORM_DB: _file, GOVGRAPH_SEAL_KEY_FILE: _key, GOVGRAPH_SEAL_ANCHOR_FILE: _anchors, ...env } = process.env;
  const child = fork(resolve(root, script), args, {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...env, ...settings, APOLLO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.on('message', (message: { kind?: string; url?: string }) => {
      if (message?.kind === 'ready' && message.url) resolveUrl(message.url);
    });
    child.once('exit', (code, signal) => reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`}): ${stderr}`)));
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    url,
    process: child,
    stderr: () => stderr,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
