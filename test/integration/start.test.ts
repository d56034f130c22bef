/**
 * `npm start` as a user runs it: a real supervisor process with seven department processes and the gateway,
 * on ephemeral ports, with a small population in a temporary data directory.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { departments } from '../../subgraphs/departments.ts';
import { portVariable } from '../../bin/config.ts';
import { loadOrCreateDevelopmentKey, mintToken } from '../../gateway/identity/index.ts';
import { execute } from '../harness/departments.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-start-'));
const ephemeralPorts = Object.fromEntries(departments.map((d) => [portVariable(d.definition.id), '0']));

interface Started {
  process: ChildProcess;
  output: string;
  /** Everything printed so far, including after start. */
  log(): string;
  gatewayUrl: string;
  exampleId: string;
}

function start(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bin/start.ts', '--data-dir', dataDir, '--people', '400', '--enterprises', '80', '--port', '0'],
    { cwd: root, env: { ...process.env, ...ephemeralPorts }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ctrl-C stops everything.')) return;
      const gatewayUrl = /Gateway\s+(http:\/\/\S+)/.exec(output)?.[1];
      const exampleId = /idNumber: \\"(\w{18})\\"/.exec(output)?.[1];
      if (!gatewayUrl || !exampleId) return reject(new Error(`unexpected start output:\n${output}`));
      resolve({ process: child, output, log: () => output, gatewayUrl, exampleId });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n').map((line) => Number(line.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The department and gateway processes directly under the supervisor, by name. */
function serviceProcesses(pid: number): string[] {
  const lines = execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n');
  return lines.flatMap((line) => {
    const department = /subgraph\.ts --department (\S+)/.exec(line)?.[1];
    if (department) return [department];
    return /bin\/gateway\.ts/.test(line) ? ['gateway'] : [];
  });
}

/** Running, not merely a zombie waiting for a parent (PID 1 of a container may never reap it). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Helper processes (tsx's esbuild service) end when their parent's pipe closes: give them a moment. */
async function survivors(pids: number[], withinMs = 5_000): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<{ code: number | null; leftovers: number[] }> {
  const family = descendants(started.process.pid!);
  const exited = new Promise<number | null>((resolve) => started.process.once('exit', (code) => resolve(code)));
  started.process.kill(signal);
  const code = await exited;
  return { code, leftovers: await survivors(family) };
}

/** Headers of a tax application working under the demo agreements for property tax. */
async function asTax(): Promise<Record<string, string>> {
  const token = await mintToken(await loadOrCreateDevelopmentKey(dataDir), { application: 'tax-demo', department: 'tax' });
  return { authorization: `Bearer ${token}`, 'x-purpose': 'property-tax-assessment' };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('generates data, serves OneStop across the departments, prints every URL, and stops everything on SIGTERM', async () => {
    const started = await start();
    expect(started.output).toMatch(/\[public-security\] generated \d+ records from 400 people and 80 enterprises in /);
    for (const { definition } of departments) expect(started.output).toMatch(new RegExp(`${definition.id}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`));
    const services = serviceProcesses(started.process.pid!);
    expect(services.sort()).toEqual([...departments.map((d) => d.definition.id), 'gateway'].sort());

    const unauthenticated = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId });
    expect(unauthenticated.status).toBe(401);

    const response = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId }, await asTax());
    expect(response.status).toBe(200);
    expect(response.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['person', 'maritalStatus'], 'UNAUTHORIZED_FIELD_OR_TYPE']]);
    expect(response.body.data?.person?.idNumber).toBe(started.exampleId.slice(0, 6) + '********' + started.exampleId.slice(14));
    expect(response.body.data?.person?.enterprises.length).toBeGreaterThan(0);
    expect(response.body.data?.person?.realEstates).not.toBeNull();

    expect(await stop(started, 'SIGTERM')).toEqual({ code: 0, leftovers: [] });
    expect(started.log()).not.toContain('did not stop');
  }, 120_000);

  it('reuses the data on a second start and stops everything on Ctrl-C (SIGINT)', async () => {
    const started = await start();
    expect(started.output).not.toMatch(/\] generated /);
    const response = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId }, await asTax());
    expect(response.body.data?.person?.name).toEqual(expect.any(String));
    expect(await stop(started, 'SIGINT')).toEqual({ code: 0, leftovers: [] });
    expect(started.log()).not.toContain('did not stop');
  }, 120_000);
});
