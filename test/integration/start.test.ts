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
import { loadOrCreateDevelopmentKey, mintToken } from '../../gateway/identify/index.ts';
import { execute } from '../harness/departments.ts';
import { masked } from '../harness/sharing.ts';

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

/** The environment of these tests: the data directory decides the platform store, whatever the caller's says. */
const { DATABASE_URL: _databaseUrl, GOVGRAPH_PLATFORM_DB: _platformDb, ...environment } = process.env;

function start(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bin/start.ts', '--data-dir', dataDir, '--people', '400', '--enterprises', '80', '--port', '0'],
    { cwd: root, env: { ...environment, ...ephemeralPorts }, stdio: ['ignore', 'pipe', 'pipe'] },
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

/** The pid of a department's process directly under the supervisor. */
function departmentProcess(pid: number, department: string): number {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n');
  const line = lines.find((l) => l.includes(`subgraph.ts --department ${department} `));
  if (!line) throw new Error(`no ${department} process under ${pid}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Waits (polling the log; the deadline only keeps a broken start from hanging the suite) until `text` is printed. */
async function printed(started: Started, text: string, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!started.log().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" was never printed:\n${started.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
    expect(started.output).toContain(`  Platform store    SQLite ${join(dataDir, 'platform.sqlite')} (agreements, audit trail, workflow)\n`);
    for (const { definition } of departments) expect(started.output).toMatch(new RegExp(`${definition.id}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`));
    const services = serviceProcesses(started.process.pid!);
    expect(services.sort()).toEqual([...departments.map((d) => d.definition.id), 'gateway'].sort());

    const unauthenticated = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId });
    expect(unauthenticated.status).toBe(401);

    const response = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId }, await asTax());
    expect(response.status).toBe(200);
    expect(response.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['person', 'maritalStatus'], 'UNAUTHORIZED_FIELD_OR_TYPE']]);
    // Tax's pseudonym of the ID, under the masking key npm start created in its data directory.
    const platformKey = Buffer.from(JSON.parse(readFileSync(join(dataDir, 'keys', 'masking-key.json'), 'utf8')).key, 'base64url');
    expect(response.body.data?.person?.idNumber).toBe(masked(started.exampleId, 'tax', platformKey));
    expect(response.body.data?.person?.enterprises.length).toBeGreaterThan(0);
    expect(response.body.data?.person?.realEstates).not.toBeNull();

    expect(await stop(started, 'SIGTERM')).toEqual({ code: 0, leftovers: [] });
    expect(started.log()).not.toContain('did not stop');
  }, 120_000);

  it('restarts a department that stops, on its port, while the others keep serving', async () => {
    const started = await start();
    const taxPid = departmentProcess(started.process.pid!, 'tax');
    const port = /tax\s+http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(started.output)![1];
    process.kill(taxPid, 'SIGKILL');
    await printed(started, `[tax] stopped unexpectedly (SIGKILL); restarting it on port ${port} in 1 s (attempt 1 of 5).`);
    await printed(started, `[tax] restarted on port ${port}.`);
    expect(departmentProcess(started.process.pid!, 'tax')).not.toBe(taxPid);
    const response = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId }, await asTax());
    expect(response.body.data?.person?.enterprises.every((e) => e.taxCreditRating !== undefined)).toBe(true);
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(started.log()).not.toContain('stopping govgraph');
    expect(await stop(started, 'SIGTERM')).toEqual({ code: 0, leftovers: [] });
  }, 120_000);

  it('refuses a PostgreSQL URL without a user in one sentence, without a stack trace', async () => {
    const { USER: _user, PGUSER: _pguser, ...withoutUser } = environment;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', '--data-dir', dataDir, '--port', '0'], {
      cwd: root, env: { ...withoutUser, DATABASE_URL: 'postgres://127.0.0.1:5432/test?schema=no_user' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: 'Platform store: DATABASE_URL names no user, and neither PGUSER nor USER is set (node-pg, unlike psql, has no other default): add one, e.g. postgres://govgraph@127.0.0.1:5432/test.\n',
    });
  }, 60_000);

  it('reuses the data on a second start and stops everything on Ctrl-C (SIGINT)', async () => {
    const started = await start();
    expect(started.output).not.toMatch(/\] generated /);
    const response = await execute(started.gatewayUrl, OneStopDocument, { id: started.exampleId }, await asTax());
    expect(response.body.data?.person?.name).toEqual(expect.any(String));
    expect(await stop(started, 'SIGINT')).toEqual({ code: 0, leftovers: [] });
    expect(started.log()).not.toContain('did not stop');
  }, 120_000);
});
