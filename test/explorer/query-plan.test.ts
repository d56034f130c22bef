/**
 * The query plan a signed-in caller may ask for (`x-govgraph-query-plan: 1`): the plan of its operation as the
 * sharing policy decided it, so it never names a field withheld from that caller; nothing without the header;
 * Apollo's own plan header does nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const resident = createPopulation(TEST_POPULATION).person(0).idNumber;
let federation: TestFederation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

const QUERY = 'query Plan($id: ResidentId!) { person(idNumber: $id) { name diagnoses { code } maritalStatus household { address } socialInsurance { status } } }';

async function ask(headers: Record<string, string>, caller = { department: 'tax', purpose: 'property-tax-assessment' }) {
  const response = await postGraphQL(federation.gateway.url, { query: QUERY, variables: { id: resident } }, { ...(await federation.as(caller)), ...headers });
  return response.body as { data: unknown; errors?: { path: string[] }[]; extensions?: { queryPlan?: { text: string; departments: string[] } } };
}

describe('the query plan', () => {
  it('is the plan of the operation as decided for the caller: withheld fields are not in it', async () => {
    const answer = await ask({ 'x-govgraph-query-plan': '1' });
    // Tax holds household and social insurance for property-tax-assessment; marital status is for another purpose; diagnoses are NONE.
    expect(answer.errors?.map((e) => e.path.join('.'))).toEqual(['person.diagnoses', 'person.maritalStatus']);
    const plan = answer.extensions!.queryPlan!;
    expect(plan.departments).toEqual(['public-security', 'human-resources']);
    expect(plan.text).toMatch(/^QueryPlan \{/);
    expect(plan.text).toContain('Fetch(service: "public-security")');
    expect(plan.text).toContain('socialInsurance');
    expect(plan.text).not.toContain('diagnoses');
    expect(plan.text).not.toContain('maritalStatus');
    expect(plan.text).not.toContain('civil-affairs');
    expect(plan.text).not.toContain('"health"');
  });

  it('differs per caller for the same document: the department that holds the item sees it fetched', async () => {
    const plan = (await ask({ 'x-govgraph-query-plan': '1' }, { department: 'civil-affairs', purpose: 'marriage-registration' })).extensions!.queryPlan!;
    expect(plan.departments).toEqual(['public-security', 'civil-affairs']);
    expect(plan.text).toContain('maritalStatus');
    expect(plan.text).not.toContain('diagnoses');
  });

  it('is not sent unless asked for, and Apollo\'s own plan header does nothing', async () => {
    expect((await ask({})).extensions).toBeUndefined();
    expect((await ask({ 'apollo-query-plan-experimental': '1' })).extensions).toBeUndefined();
  });
});
