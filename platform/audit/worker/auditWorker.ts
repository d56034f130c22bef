/**
 * Worker thread: the audit trail's writer, off the gateway's event loop. It opens the platform store's SQLite
 * trail on a connection of its own (sequence and hashes come from the stored head inside each transaction, so it
 * forms one chain with any other writer of the file) and appends what the gateway posts. The trail's group commit
 * and its fsync (`synchronous = FULL`) run here, so the gateway goes on serving while a batch is made durable;
 * each append is answered only after its commit. The gateway posts the entries of one tick together; they are
 * committed together and answered in one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPlatformStore } from '../../index.ts';
import type { AppendOutcome, AuditWorkerData, FromAuditWorker, ToAuditWorker } from './workerMessages.ts';

const port = parentPort!;
const { file, trail: trailOptions } = workerData as AuditWorkerData;

try {
  const store = await openPlatformStore({ file, audit: trailOptions });
  port.on('message', (message: ToAuditWorker) => {
    if (message.kind === 'append') {
      // Appended in one tick, so the trail commits them together; answered together once all are settled.
      void Promise.all(
        message.entries.map(({ id, entry }) =>
          store.audit.append(entry).then(
            (record): AppendOutcome => ({ id, sequence: record.sequence }),
            (error: unknown): AppendOutcome => ({ id, error: { message: errorText(error), name: (error as Error)?.name ?? 'Error' } }),
          ),
        ),
      ).then((outcomes) => port.postMessage({ kind: 'appended', outcomes } satisfies FromAuditWorker));
    } else if (message.kind === 'stats') {
      port.postMessage({ kind: 'stats', id: message.id, stats: store.audit.stats() } satisfies FromAuditWorker);
    } else if (message.kind === 'close') {
      void store.close().then(
        () => port.postMessage({ kind: 'closed', error: null } satisfies FromAuditWorker),
        (error: unknown) => port.postMessage({ kind: 'closed', error: errorText(error) } satisfies FromAuditWorker),
      ).finally(() => port.close());
    }
  });
  port.postMessage({ kind: 'ready' } satisfies FromAuditWorker);
} catch (error) {
  port.postMessage({ kind: 'open-failed', message: errorText(error) } satisfies FromAuditWorker);
  port.close();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
