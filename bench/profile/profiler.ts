/**
 * In a benchmark child: CPU profiling of exactly a measured window, on request over IPC, with the V8 sampling
 * profiler (`node:inspector`, the same profiler `node --cpu-prof` drives), so start-up and warm-up are not in the
 * profile. `{ kind: 'profile-start' }` starts it; `{ kind: 'profile-stop', file }` stops it, writes the
 * `.cpuprofile` (loadable in Chrome DevTools) and answers `{ kind: 'profile-written', file }`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export type ProfileMessage = { kind: 'profile-start' } | { kind: 'profile-stop'; file: string };
export interface ProfileWritten {
  kind: 'profile-written';
  file: string;
  error: string | null;
}

/** Sampling interval, microseconds (V8's default is 1000). */
const INTERVAL_US = 500;

export function answerProfileRequests(): void {
  const session = new Session();
  session.connect();
  process.on('message', (message: ProfileMessage | null) => {
    if (message?.kind === 'profile-start') {
      void (async () => {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: INTERVAL_US });
        await session.post('Profiler.start');
        process.send?.({ kind: 'profile-started' });
      })();
    } else if (message?.kind === 'profile-stop') {
      void (async () => {
        try {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(message.file, JSON.stringify(profile));
          process.send?.({ kind: 'profile-written', file: message.file, error: null } satisfies ProfileWritten);
        } catch (error) {
          process.send?.({ kind: 'profile-written', file: message.file, error: (error as Error).message } satisfies ProfileWritten);
        }
      })();
    }
  });
}
