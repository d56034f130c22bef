import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, execute, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { masked } from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;

beforeAll(async () => {
  federation = await startFederation();
  await federation.departments.byId('civil-affairs').stop();
});
afterAll(async () => {
  await federation?.stop();
});

describe('a department that is down', () => {
  it('yields partial data and an error naming that subgraph, not a crash', async () => {
    const person = population.person(5);
    const response = await postGraphQL(federation.gateway.url, {
      query: 'query($id: ResidentId!) { person(idNumber: $id) { idNumber name maritalStatus } }',
      variables: { id: person.idNumber },
    }, await federation.as({ department: 'civil-affairs' }));
    expect(response).toEqual({
      status: 200,
      body: {
        errors: [
          {
            message:
              'The civil-affairs subgraph is unavailable (connection refused); the fields it provides are null in this response. Try again later.',
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs' },
          },
        ],
        data: { person: { idNumber: masked(person.idNumber, 'civil-affairs'), name: person.name, maritalStatus: null } },
      },
    });
  });

  it('still serves the other five departments of OneStop', async () => {
    const person = population.person(5);
    const response = await execute(federation.gateway.url, OneStopDocument, { id: person.idNumber }, await federation.as({ department: 'civil-affairs' }));
    expect(response.status).toBe(200);
    // civil-affairs may read its own maritalStatus, but its subgraph is down; the other departments' conditional
    // items are denied as usual (no purpose named), and the unconditional ones are served.
    expect(response.body.errors?.map((e) => e.extensions?.serviceName ?? e.extensions?.item)).toEqual([
      'civil-affairs', 'Person.household', 'Person.socialInsurance', 'Person.realEstates',
    ]);
    expect(response.body.data?.person).toMatchObject({ name: person.name, birthDate: person.birthDate, maritalStatus: null });
  });
});
