/**
 * Starts govgraph services as child processes and stops them all together. A child reports readiness over
 * IPC; a child whose parent disappears (IPC disconnect) exits by itself, so no process is ever orphaned.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ReadyMessage {
  kind: 'ready';
  url: string;
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the child's ready message, rejects when it exits first. */
  ready: Promise<ReadyMessage>;
}

export function startChild(name: string, script: string, args: string[]): Child {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<ReadyMessage>((resolve, reject) => {
    child.on('message', (message: ReadyMessage) => {
      if (message?.kind === 'ready') resolve(message);
    });
    child.once('exit', (code, signal) => reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`}).`)));
  });
  ready.catch(() => {});
  return { name, process: child, ready };
}

/** Asks every child to stop (SIGTERM), waits up to `graceMs`, then kills what is left. */
export async function stopChildren(children: readonly Child[], graceMs = 5_000): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          const proc = child.process;
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            console.error(`${child.name} did not stop within ${graceMs} ms of SIGTERM; killing it.`);
            proc.kill('SIGKILL');
          }, graceMs);
          proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          proc.kill('SIGTERM');
        }),
    ),
  );
}

/** In a child: exit when the parent goes away, and stop cleanly on SIGTERM/SIGINT. */
export function runAsChild(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}

export function reportReady(url: string): void {
  process.send?.({ kind: 'ready', url } satisfies ReadyMessage);
}
