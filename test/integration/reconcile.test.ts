/**
 * Both sides log, and `npm run audit:reconcile` checks they agree: every report in the gateway's trail is in the
 * providing department's own log and every access a department logged is in the trail. An access the gateway never
 * made (a grant used outside the gateway, as a stolen grant was before requests were bound) shows up as one-sided;
 * a replayed binding shows up as a refusal. `audit:verify --department` verifies a department's log and reports.
 * The commands run as an operator runs them, over the federation's data directory.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, execute } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const environment = { ...process.env };
  delete environment.DATABASE_URL;
  delete environment.GOVGRAPH_PLATFORM_DB;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repository, 'bin', script), ...args], { cwd: repository, env: environment }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const reconcileJson = async (from: string, to: string) => {
  const { code, stdout, stderr } = await run('audit-reconcile.ts', ['--data-dir', federation.departments.dataDir, '--from', from, '--to', to, '--json']);
  return { code, stderr, result: JSON.parse(stdout || '{}') };
};

const oneStop = async () => {
  const person = population.person(17);
  const response = await execute(federation.gateway.url, OneStopDocument, { id: person.idNumber }, await federation.as({ department: 'tax', purpose: 'property-tax-assessment' }));
  expect(response.status).toBe(200);
};

describe('reconciling the gateway trail with the departments’ logs', () => {
  it('finds both sides in agreement after requests through the gateway', async () => {
    const from = new Date().toISOString();
    await oneStop();
    await oneStop();
    const to = new Date(Date.now() + 1).toISOString();
    const { code, result } = await reconcileJson(from, to);
    expect({ code, discrepancies: result.discrepancies, refusals: result.refusals, nothingServed: result.nothingServed }).toEqual({
      code: 0,
      discrepancies: [],
      refusals: [],
      nothingServed: [],
    });
    // One report per subgraph request of each OneStop, and each in a department's log.
    const recorded = (await federation.platform.audit.query({ consumer: 'tax' }, { first: 2 })).records;
    const reports = recorded.flatMap((record) => Object.values(record.providers).flatMap((access) => access.reports ?? [])).length;
    expect(reports).toBeGreaterThanOrEqual(6);
    expect(result.checked).toEqual({ gatewayReports: reports, departmentAccesses: reports });
  });

  it('names an access the gateway never made, and a replay the department refused', async () => {
    const from = new Date().toISOString();
    await oneStop();
    // A grant used outside the gateway (as a stolen one could be before requests were bound): served, logged, unmatched.
    const person = population.person(23);
    const grant = await federation.departments.grantTokenFor('natural-resources', { application: 'stolen-grant', department: 'tax', items: ['Person.realEstates'] });
    const body = { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { realEstates { certificateNo } } } }', variables: { r: [{ __typename: 'Person', idNumber: person.idNumber }] } };
    const served = await federation.departments.post('natural-resources', body, grant);
    expect(served.status).toBe(200);
    const replay = await federation.departments.post('natural-resources', body, grant, { requestId: served.requestId, binding: served.binding!.header });
    expect(replay.status).toBe(401);
    // A read that served nothing (a publish's live check asks for the SDL so): listed, not a discrepancy.
    const sdl = await federation.departments.post('natural-resources', { query: '{ _service { sdl } }' }, grant);
    expect(sdl.status).toBe(200);
    const to = new Date(Date.now() + 1).toISOString();
    const { code, result } = await reconcileJson(from, to);
    expect(code).toBe(1);
    expect(result.discrepancies).toEqual([
      {
        kind: 'department-only', department: 'natural-resources', requestId: served.requestId, grant: served.binding!.id,
        departmentSequence: expect.any(Number), consumer: 'tax', application: 'stolen-grant',
      },
    ]);
    expect(result.refusals).toEqual([
      {
        department: 'natural-resources', requestId: served.requestId, departmentSequence: expect.any(Number), consumer: 'tax', application: 'stolen-grant',
        reason: `replayed: Request binding ${served.binding!.id} was already used: a binding serves one request, once.`,
      },
    ]);
    expect(result.nothingServed).toEqual([
      { department: 'natural-resources', requestId: sdl.requestId, departmentSequence: expect.any(Number), consumer: 'tax', application: 'stolen-grant' },
    ]);
    const text = await run('audit-reconcile.ts', ['--data-dir', federation.departments.dataDir, '--from', from, '--to', to]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`natural-resources only: it served request ${served.requestId} (binding ${served.binding!.id}`);
    expect(text.stdout).toContain(`- read nothing from natural-resources (record`);
    expect(text.stdout).toContain('1 discrepancy: keep both stores as evidence.');
  });

  it('verifies a department’s own log: its chain, its seals and every signed report', async () => {
    await oneStop();
    const verified = await run('audit-verify.ts', ['--data-dir', federation.departments.dataDir, '--department', 'public-security']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^Access log of public-security \(.*public-security\.access\.sqlite\), \d+ signed reports: intact\. \d+ records/);
  });

  it('answers --help with its usage', async () => {
    const help = await run('audit-reconcile.ts', ['--help']);
    expect(help).toEqual({ code: 0, stdout: expect.stringMatching(/^usage: npm run audit:reconcile -- --from/), stderr: '' });
  });
});
