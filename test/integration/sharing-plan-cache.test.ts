/**
 * The gateway caches query plans by document, and plans a caller's document without the fields denied to it:
 * the same document sent by callers with different rights must never be answered with another caller's plan.
 * Served with a stale plan, the caller allowed an item would get it null without an error, and the caller denied
 * it would have it fetched (and refused by its department) - so each response is compared whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import type { PersonRecord } from '../../subgraphs/synthetic/types.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { deniedError, departmentView, findWellKnownResident, locationOf, purposeMissing } from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
let resident: PersonRecord;
let maritalStatus: unknown;

interface Caller {
  label: string;
  headers: Record<string, string>;
  allowed: boolean;
}
let callers: { denied: Caller; provider: Caller; agreed: Caller };

beforeAll(async () => {
  federation = await startFederation();
  resident = await findWellKnownResident(federation, population);
  ({ maritalStatus } = await departmentView(federation, 'civil-affairs', resident.idNumber, 'maritalStatus'));
  expect(maritalStatus).not.toBeNull();
  callers = {
    denied: { label: 'tax without a purpose', headers: await federation.as({ department: 'tax' }), allowed: false },
    provider: { label: 'civil-affairs', headers: await federation.as({ department: 'civil-affairs' }), allowed: true },
    agreed: { label: 'tax for individual-income-tax-deduction', headers: await federation.as({ department: 'tax', purpose: 'individual-income-tax-deduction' }), allowed: true },
  };
});

afterAll(async () => {
  await federation?.stop();
});

/** A document of its own per test, so that each test starts with no plan cached for it. */
const documentNamed = (name: string) => `query ${name}($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }`;

function expectedFor(caller: Caller, query: string) {
  return caller.allowed
    ? { status: 200, body: { data: { person: { name: resident.name, maritalStatus } } } }
    : {
        status: 200,
        body: {
          data: { person: { name: resident.name, maritalStatus: null } },
          errors: [
            deniedError(
              purposeMissing('Person.maritalStatus', 'civil-affairs', { purpose: 'individual-income-tax-deduction', agreement: 'AGR-2025-0002' }),
              ['person', 'maritalStatus'],
              locationOf(query, 'maritalStatus'),
            ),
          ],
        },
      };
}

const send = (caller: Caller, query: string) => postGraphQL(federation.gateway.url, { query, variables: { id: resident.idNumber } }, caller.headers);

describe('one document, callers with different rights', () => {
  it.each([
    { first: 'denied', second: 'provider' },
    { first: 'provider', second: 'denied' },
    { first: 'denied', second: 'agreed' },
    { first: 'agreed', second: 'denied' },
  ] as const)('sent alternately 10 times each, $first first then $second: each gets its own answer every time', async ({ first, second }) => {
    const query = documentNamed(`Alternate_${first}_${second}`);
    const order = [callers[first], callers[second]];
    const seen: { caller: string; response: unknown }[] = [];
    const expected: { caller: string; response: unknown }[] = [];

    for (let round = 0; round < 10; round++) {
      for (const caller of order) {
        seen.push({ caller: caller.label, response: await send(caller, query) });
        expected.push({ caller: caller.label, response: expectedFor(caller, query) });
      }
    }

    expect(seen).toEqual(expected);
  });

  it('sent concurrently by three callers, 10 times each: each gets its own answer every time', async () => {
    const query = documentNamed('Concurrent');
    const sequence = Array.from({ length: 10 }, () => [callers.denied, callers.provider, callers.agreed]).flat();

    const responses = await Promise.all(sequence.map((caller) => send(caller, query)));

    expect(responses.map((response, i) => ({ caller: sequence[i]!.label, response }))).toEqual(
      sequence.map((caller) => ({ caller: caller.label, response: expectedFor(caller, query) })),
    );
  });
});
