/**
 * A gateway replica as deployed: a `bin/gateway.ts` process of its own, with DATABASE_URL naming the shared
 * PostgreSQL store, the departments' URLs, and the data directory holding the caller and grant keys; and the
 * platform subgraph's process on the same store. Each reports its URL over IPC when ready, and exits by itself when
 * the test process goes away.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

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
  /** More flags for bin/gateway.ts, e.g. `['--supergraph', 'store']`. */
  args?: string[];
}): Promise<GatewayReplica> {
  const args = ['--port', '0', '--data-dir', options.dataDir, ...(options.args ?? [])];
  for (const [name, url] of Object.entries(options.subgraphUrls)) args.push('--subgraph-url', `${name}=${url}`);
  return startProcess(`gateway ${options.name}`, 'bin/gateway.ts', args, options.databaseUrl);
}

/** The platform subgraph (`bin/subgraph.ts --department platform`) on the same PostgreSQL store. */
export async function startPlatformSubgraph(options: { databaseUrl: string; dataDir: string }): Promise<GatewayReplica> {
  return startProcess('platform subgraph', 'bin/subgraph.ts', ['--department', 'platform', '--port', '0', '--data-dir', options.dataDir], options.databaseUrl);
}

async function startProcess(name: string, script: string, args: string[], databaseUrl: string): Promise<GatewayReplica> {
  const { DATABASE_URL: _url, GOVGRAPH_PLATFORM_DB: _file, ...env } = process.env;
  const child = fork(resolve(root, script), args, {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...env, DATABASE_URL: databaseUrl, APOLLO_TELEMETRY_DISABLED: '1' },
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
