/**
 * Waits until the processes under test are idle. autocannon stops at its deadline with requests still in flight;
 * the gateway and departments go on working on them, and that work must not be charged to the next run (often
 * the other gateway's). Idle: less than 5% of a core over 250 ms, or `maxMs` passed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { totalCpuMilliseconds } from './processCpu.ts';

const SAMPLE_MS = 250;
const IDLE_SHARE = 0.05;

export async function waitUntilIdle(pids: readonly number[], maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let before = totalCpuMilliseconds(pids);
  if (before === null) return sleep(1_000).then(() => undefined);
  while (Date.now() < deadline) {
    await sleep(SAMPLE_MS);
    const after = totalCpuMilliseconds(pids);
    if (after === null || after - before < SAMPLE_MS * IDLE_SHARE) return;
    before = after;
  }
}
