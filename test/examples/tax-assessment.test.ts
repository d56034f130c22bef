import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessProperty } from '../../examples/tax-assessment/assess.ts';
import { GovgraphError } from '../../examples/tax-assessment/client.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { masked } from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
let token: string;

beforeAll(async () => {
  federation = await startFederation();
  token = (await federation.as({ department: 'tax', application: 'tax-assessment' })).authorization!.slice('Bearer '.length);
});
afterAll(async () => {
  await federation?.stop();
});

/** A married home owner: both spouses are on the certificate, so the example has something to add up. */
async function homeOwner() {
  for (const person of population.people()) {
    const couple = population.coupleOf(person.index);
    if (!couple || couple.divorcedOn || couple.husbandIndex !== person.index) continue;
    const { body } = await federation.departments.postAsProvider('natural-resources', {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { realEstates { certificateNo area } } } }',
      variables: { r: [{ __typename: 'Person', idNumber: person.idNumber }] },
    });
    const estates = body.data._entities[0].realEstates as { certificateNo: string; area: number }[];
    if (estates.length > 0) return { person, estates };
  }
  throw new Error('no home owner in the test population');
}

describe('the tax-assessment example application', () => {
  it('assesses a resident under the property-tax agreements and reports marital status as withheld with its remedy', async () => {
    const { person, estates } = await homeOwner();
    const assessment = await assessProperty({ url: federation.gateway.url, token, purpose: 'property-tax-assessment' }, person.idNumber);
    expect(assessment).toEqual({
      name: person.name,
      idNumber: masked(person.idNumber, 'tax'),
      householdRegion: person.regionCode,
      properties: estates.map((e) => ({ certificateNo: e.certificateNo, address: expect.any(String), area: e.area })),
      totalArea: estates.reduce((sum, e) => sum + e.area, 0),
      withheld: [
        {
          path: ['person', 'maritalStatus'],
          item: 'Person.maritalStatus',
          level: 'CONDITIONAL',
          provider: 'civil-affairs',
          remedy: 'send the header X-Purpose: individual-income-tax-deduction (agreement AGR-2025-0002) for it, or apply to civil-affairs for Person.maritalStatus for "property-tax-assessment"',
        },
      ],
    });
  });

  it('without a purpose, lists every conditional item as withheld, and the total area as unknown rather than 0', async () => {
    const { person } = await homeOwner();
    const assessment = await assessProperty({ url: federation.gateway.url, token }, person.idNumber);
    expect(assessment?.withheld.map((w) => w.item)).toEqual(['Person.household', 'Person.maritalStatus', 'Person.realEstates']);
    expect({ properties: assessment?.properties, totalArea: assessment?.totalArea }).toEqual({ properties: [], totalArea: null });
  });

  it('throws a GovgraphError saying the gateway cannot be reached, rather than fetch\'s own TypeError', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const url = `http://127.0.0.1:${closed}/graphql`;
    const failure = assessProperty({ url, token }, population.person(0).idNumber);
    await expect(failure).rejects.toBeInstanceOf(GovgraphError);
    await expect(failure).rejects.toMatchObject({
      status: 0,
      message: `Cannot reach the gateway at ${url} (ECONNREFUSED): is it running (npm start)? Pass its URL with --url, or set GOVGRAPH_PORT.`,
    });
  });

  it('as a command, finds the gateway through GOVGRAPH_PORT and says the area is unknown when it is withheld', async () => {
    const { person } = await homeOwner();
    const port = new URL(federation.gateway.url).port;
    const run = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'examples/tax-assessment/main.ts', '--id', person.idNumber, '--token', token, ...args],
        { cwd: fileURLToPath(new URL('../../', import.meta.url)), env: { ...process.env, GOVGRAPH_PORT: port } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr })));
    const withheld = await run(['--purpose', 'individual-income-tax-deduction']);
    expect({ code: withheld.code, stderr: withheld.stderr }).toEqual({ code: 0, stderr: '' });
    expect(withheld.stdout.split('\n').filter((line) => line.startsWith('  total'))).toEqual(['  total unknown: the real estate is withheld']);
  });

  it('throws a GovgraphError naming the reason when the token is refused', async () => {
    const { person } = await homeOwner();
    const failure = assessProperty({ url: federation.gateway.url, token: 'not-a-token' }, person.idNumber);
    await expect(failure).rejects.toBeInstanceOf(GovgraphError);
    await expect(failure).rejects.toMatchObject({ status: 401, message: 'The token is malformed: it is not a signed JWT.' });
  });
});
