import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

let federation: TestFederation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

const PERSON_FIELDS = '{ __type(name: "Person") { fields { name } } }';
const TYPE_NAMES = '{ __schema { types { name } } }';

async function introspect(department: string, query: string) {
  return postGraphQL(federation.gateway.url, { query }, await federation.as({ department }));
}

describe('what a department may not see exists', () => {
  it('leaves other departments\' NONE items out of introspection', async () => {
    const asTax = await introspect('tax', PERSON_FIELDS);
    const asHealth = await introspect('health', PERSON_FIELDS);
    const names = (response: typeof asTax) => response.body.data.__type.fields.map((f: { name: string }) => f.name);
    expect(asTax.status).toBe(200);
    expect(names(asTax)).not.toContain('diagnoses');
    expect(names(asHealth)).toContain('diagnoses');
    expect(names(asHealth).filter((n: string) => n !== 'diagnoses')).toEqual(names(asTax));
    // CONDITIONAL items stay visible: the catalogue is public inside government.
    expect(names(asTax)).toEqual(expect.arrayContaining(['maritalStatus', 'household', 'realEstates']));
  });

  it('leaves out types that only NONE items lead to', async () => {
    const types = async (department: string) =>
      (await introspect(department, TYPE_NAMES)).body.data.__schema.types.map((t: { name: string }) => t.name);
    expect(await types('tax')).not.toContain('Diagnosis');
    expect(await types('health')).toContain('Diagnosis');
  });

  it('drops hidden items from "Did you mean" suggestions only for those who may not see them', async () => {
    const query = '{ enterprises(first: 1) { nodes { legalRepresentative { diagnosi } } } }';
    const asTax = await introspect('tax', query);
    const asHealth = await introspect('health', query);
    expect(asTax).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Cannot query field "diagnosi" on type "Person".',
            locations: [{ line: 1, column: 57 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    });
    expect(asHealth.body.errors[0].message).toBe('Cannot query field "diagnosi" on type "Person". Did you mean "diagnoses"?');
  });

  it('still answers a NONE item asked for by name with null and the reason', async () => {
    const id = createPopulation(TEST_POPULATION).person(3).idNumber;
    const response = await postGraphQL(
      federation.gateway.url,
      { query: 'query($id: ResidentId!) { person(idNumber: $id) { name diagnoses { code } __schema: __typename } }', variables: { id } },
      await federation.as({ department: 'tax' }),
    );
    expect(response.body.data.person.diagnoses).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: ['person', 'diagnoses'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', level: 'NONE', provider: 'health' }) }),
    ]);
  });
});
