/**
 * CPU time a process has used so far (user + system), read from /proc/<pid>/stat. On a machine where load
 * generator, gateway and departments share few cores, requests per second mostly measure who gets a core; CPU
 * milliseconds per request measure the gateway's own cost. Linux only: elsewhere this answers null.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

export function cpuMilliseconds(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may contain spaces) start at state; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : null;
}

/** CPU milliseconds of several processes together, or null when any cannot be read. */
export function totalCpuMilliseconds(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const ms = cpuMilliseconds(pid);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}
