/**
 * One piece of CPU-bound work in a worker thread of its own, so the calling thread's event loop goes on serving:
 * the worker gets `input` as its `workerData`, posts exactly one answer and is then ended. The answer is what the
 * worker posted; a worker that throws, exits or is aborted before answering rejects, naming what happened, so a
 * caller can fail closed. Workers written in TypeScript run through tsx, as the rest of the code does.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerRunOptions {
  /** Ends the worker, and rejects, when aborted (e.g. the gateway stopping while a supergraph is checked). */
  signal?: AbortSignal;
  /** What the work is, for error messages: "the supergraph check". Default "the worker". */
  label?: string;
}

export function runInWorker<Output>(entry: URL, input: unknown, options: WorkerRunOptions = {}): Promise<Output> {
  const label = options.label ?? 'the worker';
  if (options.signal?.aborted) return Promise.reject(new Error(`${label} was cancelled`));
  const worker = startWorker(entry, input);
  return new Promise<Output>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      outcome();
      void worker.terminate();
    };
    const abort = () => settle(() => reject(new Error(`${label} was cancelled`)));
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.once('message', (answer: Output) => settle(() => resolve(answer)));
    worker.once('error', (error) => settle(() => reject(new Error(`${label} failed: ${error.message}`))));
    worker.once('exit', (code) => settle(() => reject(new Error(`${label} ended (exit code ${code}) without answering`))));
  });
}

function startWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(source, { eval: true, workerData });
}
