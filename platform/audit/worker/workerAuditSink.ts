/**
 * An audit sink with a SQLite trail in a worker thread (auditWorker.ts), for the gateway's trail and each
 * department's access log: `append` resolves once the record is durable, exactly as the trail's own append does,
 * but the commit and its fsync no longer stop the writer's event loop (profiled: a quarter of the gateway's time
 * under load went to `Statement.run` waiting for the disk). Fails closed: an append the worker could not make durable, and every append once the worker has
 * died or the sink is closed, rejects, so the gateway answers 503 and serves nothing.
 */
import { Worker } from 'node:worker_threads';
import type { AuditEntry, AuditStats, SqliteAuditTrailOptions } from '../../index.ts';
import type { AuditSink } from '../trail.ts';
import type { AuditWorkerData, FromAuditWorker, ToAuditWorker } from './workerMessages.ts';

export interface WorkerAuditSinkOptions {
  /** The platform store's SQLite file (created and migrated when missing). Required. */
  file: string;
  /**
   * Group commit and sealing of the worker's trail (see SqliteAuditTrailOptions: `maxBatchDelayMs`, `batchLimit`,
   * `sealSigner`, `sealEvery`, `sealIntervalMs`). Default: the trail's defaults, no automatic seals.
   */
  trail?: Omit<SqliteAuditTrailOptions, 'db' | 'now' | 'onSealError'>;
}

export interface WorkerAuditSink extends AuditSink {
  /** Resolves with the sequence number of the entry's record once its transaction is durable. */
  append(entry: AuditEntry): Promise<number>;
  /** The worker trail's group-commit figures so far. */
  stats(): Promise<AuditStats>;
  /** Writes what is pending and ends the worker; later appends reject. */
  close(): Promise<void>;
}

interface Waiting {
  resolve(value: never): void;
  reject(error: Error): void;
}

export async function openWorkerAuditSink(options: WorkerAuditSinkOptions): Promise<WorkerAuditSink> {
  if (typeof options?.file !== 'string' || options.file === '') {
    throw new TypeError('openWorkerAuditSink: option `file` (the platform store\'s SQLite file) is required.');
  }
  const worker = startWorker({ file: options.file, trail: options.trail ?? {} });
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let failure: Error | null = null;
  let closed: ((error: string | null) => void) | null = null;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const entry of waiting.values()) entry.reject(failure);
    waiting.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromAuditWorker) => {
      switch (message.kind) {
        case 'ready':
          return resolve();
        case 'open-failed':
          return reject(new Error(`The audit worker could not open the trail in ${options.file}: ${message.message}`));
        case 'appended':
          for (const outcome of message.outcomes) {
            const entry = waiting.get(outcome.id);
            waiting.delete(outcome.id);
            if ('sequence' in outcome) entry?.resolve(outcome.sequence as never);
            else entry?.reject(Object.assign(new Error(outcome.error.message), { name: outcome.error.name }));
          }
          if (waiting.size === 0) worker.unref();
          return;
        case 'stats': {
          const entry = waiting.get(message.id);
          waiting.delete(message.id);
          if (waiting.size === 0) worker.unref();
          return entry?.resolve(message.stats as never);
        }
        case 'closed':
          return closed?.(message.error);
      }
    });
    worker.on('error', (error) => {
      failAll(new Error(`The audit worker failed: ${error.message}`));
      reject(failure!);
    });
    worker.on('exit', (code) => {
      failAll(new Error(`The audit worker stopped (exit code ${code}); nothing more can be recorded.`));
      reject(failure!);
      closed?.(null);
    });
  });
  worker.unref();

  const ask = <T>(id: number, post: () => void): Promise<T> => {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      // An idle worker does not keep the process alive; one with answers still to give does.
      worker.ref();
      post();
    });
  };
  // The entries of one tick go to the worker in one message (one structured clone, one wake-up): one batch.
  let queued: { id: number; entry: AuditEntry }[] = [];
  const post = () => {
    const entries = queued;
    queued = [];
    if (failure) {
      for (const { id } of entries) waiting.get(id)?.reject(failure);
      return;
    }
    worker.postMessage({ kind: 'append', entries } satisfies ToAuditWorker);
  };
  return {
    append: (entry) => {
      const id = nextId++;
      return ask<number>(id, () => {
        if (queued.length === 0) setImmediate(post);
        queued.push({ id, entry });
      });
    },
    stats: () => {
      const id = nextId++;
      return ask<AuditStats>(id, () => worker.postMessage({ kind: 'stats', id } satisfies ToAuditWorker));
    },
    async close() {
      if (failure) return;
      if (queued.length > 0) post();
      const done = new Promise<string | null>((resolve) => (closed = resolve));
      worker.ref();
      worker.postMessage({ kind: 'close' } satisfies ToAuditWorker);
      const error = await done;
      failAll(new Error('The audit trail is closed; nothing more can be recorded.'));
      if (error) throw new Error(`The audit worker could not close the trail cleanly: ${error}`);
    },
  };
}

/** The worker runs TypeScript like its parent: under tsx when this module is TypeScript. */
function startWorker(workerData: AuditWorkerData): Worker {
  const entry = new URL('./auditWorker.ts', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./auditWorker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(source, { eval: true, workerData });
}
