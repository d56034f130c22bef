import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegalRepresentativesDocument, OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import type { PersonRecord } from '../../subgraphs/synthetic/types.ts';
import { TEST_POPULATION, execute, postGraphQL } from '../harness/departments.ts';
import { countStatements, startFederation, type TestFederation } from '../harness/federation.ts';
import { masked } from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;

/** Items OneStop reads that a tax application needs agreements for, one per provider, all for one purpose. */
const ONE_STOP_GRANTS: Record<string, string[]> = {
  'public-security': ['Person.household'],
  'civil-affairs': ['Person.maritalStatus'],
  'human-resources': ['Person.socialInsurance'],
  'natural-resources': ['Person.realEstates', 'RealEstate.address', 'RealEstate.area'],
};

beforeAll(async () => {
  federation = await startFederation();
  let serial = 100;
  for (const [provider, items] of Object.entries(ONE_STOP_GRANTS)) {
    await federation.platform.agreements.create({
      id: `AGR-2026-0${serial++}`, consumer: 'tax', provider, items, purpose: 'one-stop-test', legalBasis: 'test',
      validFrom: '2025-01-01T00:00:00Z', validUntil: '2099-01-01T00:00:00Z', status: 'APPROVED',
    });
  }
});

afterAll(async () => {
  await federation?.stop();
});

/** What one department answers on its own for a person, straight from its subgraph. */
async function departmentView(department: string, idNumber: string, selection: string): Promise<Record<string, unknown>> {
  const { body } = await federation.departments.postAsProvider(department, {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`,
    variables: { r: [{ __typename: 'Person', idNumber }] },
  });
  expect(body.errors).toBeUndefined();
  return body.data._entities[0];
}

/** A married legal representative who owns real estate: a person every OneStop department knows something about. */
async function findOneStopApplicant(): Promise<PersonRecord> {
  const representatives = new Set<number>();
  for (const enterprise of population.enterprises()) representatives.add(enterprise.legalRepresentativeIndex);
  for (const index of representatives) {
    const couple = population.coupleOf(index);
    if (!couple || couple.divorcedOn) continue;
    const person = population.person(index);
    const { realEstates } = await departmentView('natural-resources', person.idNumber, 'realEstates { certificateNo }');
    if ((realEstates as unknown[]).length > 0) return person;
  }
  throw new Error('the test population has no married legal representative with real estate');
}

describe('OneStop through the gateway', () => {
  it('joins six departments for one resident, each part equal to what its department says', async () => {
    const person = await findOneStopApplicant();
    const [socialInsurance, realEstates, enterprises] = await Promise.all([
      departmentView('human-resources', person.idNumber, 'socialInsurance { pensionMonths status }'),
      departmentView('natural-resources', person.idNumber, 'realEstates { certificateNo address area }'),
      departmentView('market-regulation', person.idNumber, 'enterprises { creditCode name status }'),
    ]);
    const ratings = new Map<string, unknown>();
    for (const enterprise of enterprises.enterprises as { creditCode: string }[]) {
      const { body } = await federation.departments.postAsProvider('tax', {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { taxCreditRating } } }`,
        variables: { r: [{ __typename: 'Enterprise', creditCode: enterprise.creditCode }] },
      });
      ratings.set(enterprise.creditCode, body.data._entities[0].taxCreditRating);
    }
    const representedByPerson = [...population.enterprises()].filter((e) => e.legalRepresentativeIndex === person.index);

    const response = await execute(
      federation.gateway.url, OneStopDocument, { id: person.idNumber },
      await federation.as({ department: 'tax', purpose: 'one-stop-test' }),
    );

    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          person: {
            idNumber: masked(person.idNumber, 'tax'),
            name: person.name,
            gender: person.gender,
            birthDate: person.birthDate,
            household: { address: person.address, regionCode: person.regionCode },
            maritalStatus: 'MARRIED',
            socialInsurance: socialInsurance.socialInsurance,
            enterprises: representedByPerson.map((e) => ({
              creditCode: e.creditCode,
              name: e.name,
              status: e.status,
              taxCreditRating: ratings.get(e.creditCode),
            })),
            realEstates: realEstates.realEstates,
          },
        },
      },
    });
    expect(representedByPerson.length).toBeGreaterThan(0);
    expect((realEstates.realEstates as unknown[]).length).toBeGreaterThan(0);
    expect(socialInsurance.socialInsurance).not.toBeNull();
  });

  it('answers null for a valid resident ID that no department knows', async () => {
    const response = await execute(federation.gateway.url, OneStopDocument, { id: '11010519491231002X' }, await federation.as({ department: 'tax' }));
    expect(response).toEqual({ status: 200, body: { data: { person: null } } });
  });

  it('rejects a malformed resident ID with a 400 naming the argument and variable, before any lookup', async () => {
    let response: Awaited<ReturnType<typeof postGraphQL>> | undefined;
    const statements = await countStatements(federation, async () => {
      response = await execute(federation.gateway.url, OneStopDocument, { id: '110105194912310021' }, await federation.as({ department: 'tax' }));
    });
    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Argument "idNumber" of Query.person (from variable $id) is not a valid resident ID: check digit should be X, got 1.',
            locations: [{ line: 2, column: 20 }],
            extensions: { code: 'BAD_USER_INPUT', variableName: 'id' },
          },
        ],
      },
    });
    expect(Object.values(statements)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('rejects a malformed credit code literal with a 400 naming the argument', async () => {
    const response = await postGraphQL(
      federation.gateway.url, { query: '{ enterprise(creditCode: "91350100M000100Y4") { name } }' }, await federation.as({ department: 'tax' }),
    );
    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Argument "creditCode" of Query.enterprise is not a valid credit code: must be 18 characters, got 17.',
            locations: [{ line: 1, column: 26 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });
});

describe('LegalRepresentatives through the gateway', () => {
  it('resolves each enterprise legal representative across market-regulation, tax, public-security and civil-affairs', async () => {
    const response = await execute(federation.gateway.url, LegalRepresentativesDocument, { first: 3 }, await federation.as({ department: 'civil-affairs' }));
    const expected = [0, 1, 2].map((rank) => {
      const enterprise = population.enterprise(rank);
      const representative = population.person(enterprise.legalRepresentativeIndex);
      return { enterprise, representative };
    });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const nodes = response.body.data!.enterprises.nodes;
    expect(nodes.map((n) => ({ creditCode: n.creditCode, name: n.name, legalRepresentative: { idNumber: n.legalRepresentative.idNumber, name: n.legalRepresentative.name } }))).toEqual(
      expected.map(({ enterprise, representative }) => ({
        creditCode: enterprise.creditCode,
        name: enterprise.name,
        legalRepresentative: { idNumber: masked(representative.idNumber, 'civil-affairs'), name: representative.name },
      })),
    );
    for (const node of nodes) {
      expect(['A', 'B', 'M', 'C', 'D']).toContain(node.taxCreditRating);
      const couple = population.coupleOf(population.enterprise(nodes.indexOf(node)).legalRepresentativeIndex);
      if (couple) expect(node.legalRepresentative.maritalStatus).toBe(couple.divorcedOn ? 'DIVORCED' : 'MARRIED');
      else expect(['UNMARRIED', 'WIDOWED']).toContain(node.legalRepresentative.maritalStatus);
    }
  });

  it('costs the same SQL statements per department for 10 enterprises as for 500 (no N+1)', async () => {
    const headers = await federation.as({ department: 'civil-affairs' });
    const ten = await countStatements(federation, () => execute(federation.gateway.url, LegalRepresentativesDocument, { first: 10 }, headers));
    const fiveHundred = await countStatements(federation, async () => {
      const response = await execute(federation.gateway.url, LegalRepresentativesDocument, { first: 500 }, headers);
      expect(response.body.data!.enterprises.nodes).toHaveLength(500);
    });
    expect(fiveHundred).toEqual(ten);
    expect(ten).toEqual({
      'public-security': 1,
      'civil-affairs': 1,
      'human-resources': 0,
      'market-regulation': 1,
      tax: 1,
      'natural-resources': 0,
      health: 0,
    });
  });
});
