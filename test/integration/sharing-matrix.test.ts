/**
 * The sharing rule as a table: five calling departments × an item of each level × the state of an agreement for
 * it. The expected outcome is written from the sharing rules (README, Sharing rules), independently of the
 * gateway's decision code: a department always sees its own items; any department sees an UNCONDITIONAL item;
 * a NONE item never leaves its department; a CONDITIONAL item is served only under an approved agreement in
 * force, between that consumer and that provider, listing the item, for the purpose the request names.
 *
 * Each case names a purpose of its own and creates its own agreement, so no case can be granted by another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import type { PersonRecord } from '../../subgraphs/synthetic/types.ts';
import type { NewAgreement } from '../../platform/agreements/types.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { departmentView, findWellKnownResident, locationOf } from '../harness/sharing.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
let resident: PersonRecord;

const CALLERS = ['tax', 'civil-affairs', 'market-regulation', 'health', 'public-security'] as const;
const DEPARTMENTS = [...CALLERS, 'human-resources', 'natural-resources'] as const;

const ITEMS = [
  { item: 'Person.name', level: 'UNCONDITIONAL', provider: 'public-security', field: 'name', selection: 'name' },
  { item: 'Person.maritalStatus', level: 'CONDITIONAL', provider: 'civil-affairs', field: 'maritalStatus', selection: 'maritalStatus' },
  { item: 'Person.diagnoses', level: 'NONE', provider: 'health', field: 'diagnoses', selection: 'diagnoses { code name diagnosedOn hospital }' },
] as const;

type State =
  | 'no agreement'
  | 'an approved agreement for the purpose'
  | 'an expired agreement'
  | 'a revoked agreement'
  | 'an approved agreement for another purpose'
  | "another consumer's approved agreement"
  | 'an approved agreement with another provider';

const STATES: readonly State[] = [
  'no agreement',
  'an approved agreement for the purpose',
  'an expired agreement',
  'a revoked agreement',
  'an approved agreement for another purpose',
  "another consumer's approved agreement",
  'an approved agreement with another provider',
];

/** States whose agreement has the caller as consumer and the item's provider as provider. */
const BETWEEN_CALLER_AND_PROVIDER: readonly State[] = [
  'an approved agreement for the purpose', 'an expired agreement', 'a revoked agreement', 'an approved agreement for another purpose',
];

/** The sharing rule (README, Sharing rules), stated on its own. */
function shouldServe(caller: string, item: (typeof ITEMS)[number], state: State): boolean {
  if (caller === item.provider) return true;
  if (item.level === 'UNCONDITIONAL') return true;
  if (item.level === 'NONE') return false;
  return state === 'an approved agreement for the purpose';
}

/** Whether the case's purpose is that of an agreement of the caller in force (else the answer flags it, once). */
function purposeKnown(state: State): boolean {
  return state === 'an approved agreement for the purpose' || state === 'an approved agreement with another provider';
}

const cases = CALLERS.flatMap((caller) =>
  ITEMS.flatMap((item) =>
    STATES
      // No department can be its own provider in an agreement (the store refuses it), so those states do not exist.
      .filter((state) => !(caller === item.provider && BETWEEN_CALLER_AND_PROVIDER.includes(state)))
      .map((state) => ({
        caller,
        ...item,
        state,
        purpose: `matrix-${caller}-${item.level.toLowerCase()}-${STATES.indexOf(state)}`,
        outcome: shouldServe(caller, item, state) ? 'served' : 'denied',
      })),
  ),
);

let serial = 0;
/** The agreement a case's state stands for, created in the store; none for "no agreement". */
async function recordAgreementFor(c: (typeof cases)[number]): Promise<void> {
  if (c.state === 'no agreement') return;
  const other = (...not: string[]) => DEPARTMENTS.find((d) => !not.includes(d))!;
  const agreement: NewAgreement = {
    id: `AGR-MATRIX-${String(++serial).padStart(4, '0')}`,
    consumer: c.caller,
    provider: c.provider,
    items: [c.item],
    purpose: c.purpose,
    legalBasis: 'matrix test',
    validFrom: '2025-01-01',
    validUntil: '2099-01-01',
    status: 'APPROVED',
  };
  if (c.state === 'an expired agreement') agreement.validUntil = '2025-06-30';
  if (c.state === 'an approved agreement for another purpose') agreement.purpose = `${c.purpose}-other`;
  if (c.state === "another consumer's approved agreement") agreement.consumer = other(c.caller, c.provider);
  if (c.state === 'an approved agreement with another provider') agreement.provider = other(c.caller, c.provider);
  await federation.platform.agreements.create(agreement);
  if (c.state === 'a revoked agreement') {
    await federation.platform.agreements.setStatus(agreement.id, 'REVOKED', { reason: 'matrix test', actor: 'matrix' });
  }
}

let own: Record<string, unknown>;

beforeAll(async () => {
  federation = await startFederation();
  resident = await findWellKnownResident(federation, population);
  for (const c of cases) await recordAgreementFor(c);
  const [civilAffairs, health] = await Promise.all([
    departmentView(federation, 'civil-affairs', resident.idNumber, 'maritalStatus'),
    departmentView(federation, 'health', resident.idNumber, 'diagnoses { code name diagnosedOn hospital }'),
  ]);
  own = { name: resident.name, maritalStatus: civilAffairs.maritalStatus, diagnoses: health.diagnoses };
  for (const value of Object.values(own)) expect(value).not.toBeNull();
});

afterAll(async () => {
  await federation?.stop();
});

describe('the sharing rule, caller × item × agreement', () => {
  it('covers every caller, level and state', () => {
    expect(new Set(cases.map((c) => c.caller)).size).toBe(5);
    expect(new Set(cases.map((c) => c.level)).size).toBe(3);
    expect(new Set(cases.map((c) => c.state)).size).toBe(7);
    expect(cases.filter((c) => c.outcome === 'served').length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.outcome === 'denied').length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.caller} asking for ${c.item} (${c.level}) with ${c.state}: ${c.outcome}`, c] as const))('%s', async (_, c) => {
    const query = `query Matrix($id: ResidentId!) { person(idNumber: $id) { ${c.selection} } }`;
    const response = await postGraphQL(
      federation.gateway.url, { query, variables: { id: resident.idNumber } }, await federation.as({ department: c.caller, purpose: c.purpose }),
    );

    if (c.outcome === 'served') {
      expect(response).toEqual({ status: 200, body: { data: { person: { [c.field]: own[c.field] } } } });
    } else {
      expect(response).toEqual({
        status: 200,
        body: {
          data: { person: { [c.field]: null } },
          errors: [
            {
              message: expect.stringMatching(new RegExp(`^${c.item.replace('.', '\\.')} is ${c.level === 'NONE' ? 'not shared outside health' : 'CONDITIONAL'}`)),
              locations: [locationOf(query, c.field)],
              path: ['person', c.field],
              extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', item: c.item, level: c.level, provider: c.provider, remedy: expect.any(String) },
            },
          ],
          // A purpose no agreement of the caller in force has is said once, where a conditional item was withheld.
          ...(c.level === 'CONDITIONAL' && !purposeKnown(c.state) ? { extensions: { purpose: expect.objectContaining({ code: 'UNKNOWN_PURPOSE', purpose: c.purpose }) } } : {}),
        },
      });
    }
  });
});
