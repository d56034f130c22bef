/**
 * The sharing workflow end to end, through the gateway: a department admin applies, the provider decides, and the
 * gateway grants (or stops granting) the item on the very next request; expiry; reply deadlines over weekends and
 * configured holidays; each role's permissions; every bad input refused with a clear error. The platform subgraph
 * runs with a configured calendar and reply period, and a workflow clock the deadline tests set.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHolidayCalendar } from '../../platform/index.ts';
import { readPublishedCatalogue, selectCatalogue } from '../../platform/catalogue/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { unknownPurposeExtension } from '../harness/sharing.ts';
import { startWorkflowFederation, type WorkflowFederation } from './workflowFederation.ts';

const population = createPopulation(TEST_POPULATION);
/** Working days of the configured reply period. */
const REPLY_DAYS = 5;
/** A calendar of the test's own: the default's years, plus New Year 2027 (Thursday 31 Dec and Friday 1 Jan off, Sunday 3 Jan worked). */
const defaults = loadHolidayCalendar();
const CALENDAR = {
  holidays: [...defaults.holidays, '2026-12-31', '2027-01-01'],
  workdays: [...(defaults.workdays ?? []), '2027-01-03'],
  timeZone: 'Asia/Shanghai' as const,
};

let federation: WorkflowFederation;
const scratch = mkdtempSync(join(tmpdir(), 'govgraph-workflow-supergraph-'));
const supergraphCopy = join(scratch, 'supergraph.graphql');
let resident: string;
let civilAffairsSays: unknown;

beforeAll(async () => {
  // The gateway and the platform subgraph load a copy of the supergraph, which the catalogue test changes.
  writeFileSync(supergraphCopy, readFileSync(SUPERGRAPH_FILE, 'utf8'));
  federation = await startWorkflowFederation({ supergraph: supergraphCopy, workflow: { replyDays: REPLY_DAYS, calendar: CALENDAR } });
  // A married resident, and what civil affairs itself answers about them.
  for (let i = 0; ; i++) {
    resident = population.person(i).idNumber;
    const own = await federation.departments.postAsProvider('civil-affairs', {
      query: 'query($id: ResidentId!) { _entities(representations: [{ __typename: "Person", idNumber: $id }]) { ... on Person { maritalStatus } } }',
      variables: { id: resident },
    });
    civilAffairsSays = own.body.data._entities[0].maritalStatus;
    if (civilAffairsSays === 'MARRIED') break;
  }
});
afterAll(async () => {
  vi.useRealTimers();
  await federation?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

type Caller = { department: string; application?: string; roles?: string[]; purpose?: string };
const admin = (department: string): Caller => ({ department, application: `${department}-admin`, roles: ['dept-admin'] });

async function gql(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
  const response = await postGraphQL(federation.gateway.url, { query, variables }, await federation.as(caller));
  return response.body as { data?: any; errors?: any[] };
}

const APPLY = `mutation Apply($input: SharingApplicationInput!) {
  applyForSharing(input: $input) { message availableWithoutApplication
    application { id consumer provider items purpose status deadline overdue inForce requestedItems applicant { department application } } }
}`;
const DECIDE = `mutation Decide($input: ApplicationDecisionInput!) {
  decideApplication(input: $input) { id status items validUntil inForce decision { reason actor } }
}`;
const REVOKE = `mutation Revoke($input: RevocationInput!) { revokeAgreement(input: $input) { id status inForce revocation { reason actor } } }`;
const MARITAL_STATUS = 'query($id: ResidentId!) { person(idNumber: $id) { name maritalStatus } }';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** market-regulation asks civil affairs for marital status (it has no agreement for it). */
function application(overrides: Record<string, unknown> = {}) {
  return {
    provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'enterprise-annual-report-check',
    legalBasis: 'Regulations on Enterprise Information Disclosure art. 9', scenario: 'Checking the family status legal representatives declare',
    validUntil: inDays(365), ...overrides,
  };
}

async function apply(input: Record<string, unknown>, caller = admin('market-regulation')): Promise<string> {
  const answer = await gql(caller, APPLY, { input });
  expect(answer.errors).toBeUndefined();
  return answer.data.applyForSharing.application.id;
}

/** The error of a refused mutation: its message and code (data is null). */
async function refusal(caller: Caller, query: string, variables: Record<string, unknown>) {
  const answer = await gql(caller, query, variables);
  expect(answer.data?.[Object.keys(answer.data ?? {})[0] ?? ''] ?? null).toBeNull();
  expect(answer.errors).toHaveLength(1);
  return { message: answer.errors![0].message, code: answer.errors![0].extensions?.code };
}

/** Marital status withheld for `reason`; `extensions` is the answer's flag of a purpose no agreement in force has. */
const maritalStatusDenied = (reason: string, extensions?: ReturnType<typeof unknownPurposeExtension>) => ({
  data: { person: { name: expect.any(String), maritalStatus: null } },
  errors: [expect.objectContaining({ message: expect.stringContaining(reason), path: ['person', 'maritalStatus'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }) })],
  ...(extensions && { extensions }),
});

describe('apply, approve, use, revoke', () => {
  it('grants the item for the purpose from the request after approval, and stops on the request after revocation', async () => {
    const purpose = 'enterprise-annual-report-check';
    const consumer = { department: 'market-regulation', application: 'annual-reports', purpose };
    expect(await gql(consumer, MARITAL_STATUS, { id: resident })).toEqual(maritalStatusDenied('market-regulation has no approved agreement with civil-affairs', unknownPurposeExtension('market-regulation', purpose)));

    const applied = await gql(admin('market-regulation'), APPLY, { input: application() });
    expect(applied.errors).toBeUndefined();
    const { id, deadline } = applied.data.applyForSharing.application;
    expect(applied.data.applyForSharing).toEqual({
      message: `Applied to civil-affairs for Person.maritalStatus as ${id}; civil-affairs must answer by ${deadline}.`,
      availableWithoutApplication: [],
      application: {
        id, consumer: 'market-regulation', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose, status: 'PENDING',
        deadline, overdue: false, inForce: false, requestedItems: ['Person.maritalStatus'],
        applicant: { department: 'market-regulation', application: 'market-regulation-admin' },
      },
    });
    expect(id).toMatch(/^AGR-\d{4}-\d{4}$/);
    // Pending grants nothing.
    expect(await gql(consumer, MARITAL_STATUS, { id: resident })).toEqual(maritalStatusDenied(`market-regulation's application ${id} for it (${purpose}) is pending with civil-affairs`, unknownPurposeExtension('market-regulation', purpose)));

    const approved = await gql(admin('civil-affairs'), DECIDE, { input: { id, decision: 'APPROVE' } });
    expect(approved).toEqual({
      data: { decideApplication: { id, status: 'APPROVED', items: ['Person.maritalStatus'], validUntil: expect.any(String), inForce: true, decision: { reason: null, actor: 'civil-affairs-admin' } } },
    });
    // The very next request: the item flows, for that purpose only.
    expect(await gql(consumer, MARITAL_STATUS, { id: resident })).toEqual({ data: { person: { name: expect.any(String), maritalStatus: civilAffairsSays } } });
    expect(await gql({ ...consumer, purpose: 'some-other-purpose' }, MARITAL_STATUS, { id: resident })).toEqual(maritalStatusDenied(
      'no agreement of market-regulation in force has the purpose or id "some-other-purpose"',
      unknownPurposeExtension('market-regulation', 'some-other-purpose', [[purpose, [id]]]),
    ));

    const revoked = await gql(admin('civil-affairs'), REVOKE, { input: { id, reason: 'The declared family status is no longer checked in annual reports.' } });
    expect(revoked).toEqual({
      data: { revokeAgreement: { id, status: 'REVOKED', inForce: false, revocation: { reason: 'The declared family status is no longer checked in annual reports.', actor: 'civil-affairs-admin' } } },
    });
    // The very next request: denied again.
    expect(await gql(consumer, MARITAL_STATUS, { id: resident })).toEqual(maritalStatusDenied(`market-regulation's agreement ${id} for it (${purpose}) was revoked on `, unknownPurposeExtension('market-regulation', purpose)));
  });

  it('approves fewer items and a shorter period than applied for', async () => {
    const id = await apply(application({ items: ['Person.maritalStatus', 'Person.marriageRecords'], purpose: 'narrowed-check' }));
    const until = inDays(30);
    const answer = await gql(admin('civil-affairs'), DECIDE, { input: { id, decision: 'APPROVE', items: ['Person.maritalStatus'], validUntil: until } });
    expect(answer.data.decideApplication).toEqual({
      id, status: 'APPROVED', items: ['Person.maritalStatus'], validUntil: new Date(until).toISOString(), inForce: true, decision: { reason: null, actor: 'civil-affairs-admin' },
    });
    const seen = await gql({ department: 'market-regulation', purpose: 'narrowed-check' }, 'query($id: ResidentId!) { person(idNumber: $id) { maritalStatus marriageRecords { kind } } }', { id: resident });
    expect(seen.data.person.maritalStatus).toBe(civilAffairsSays);
    expect(seen.errors?.map((e: any) => e.path)).toEqual([['person', 'marriageRecords']]);
  });

  it('rejects with the reason it requires, and the consumer reads it', async () => {
    const id = await apply(application({ purpose: 'rejected-check' }));
    expect(await refusal(admin('civil-affairs'), DECIDE, { input: { id, decision: 'REJECT' } })).toEqual({
      code: 'BAD_USER_INPUT',
      message: `Cannot reject ${id}: a rejection needs a reason (the Regulations require the reasons for a refusal).`,
    });
    const reason = 'Annual reports do not need marital status (Regulations on Enterprise Information Disclosure art. 9 lists it nowhere).';
    const rejected = await gql(admin('civil-affairs'), DECIDE, { input: { id, decision: 'REJECT', reason } });
    expect(rejected.data.decideApplication).toEqual({ id, status: 'REJECTED', items: ['Person.maritalStatus'], validUntil: expect.any(String), inForce: false, decision: { reason, actor: 'civil-affairs-admin' } });
    const read = await gql({ department: 'market-regulation', roles: ['analyst'] }, 'query($id: String!) { application(id: $id) { status decision { reason } } }', { id });
    expect(read).toEqual({ data: { application: { status: 'REJECTED', decision: { reason } } } });
  });
});

describe('agreements', () => {
  it('lists what was approved (in force, expired or revoked), seeded agreements included, and refuses a status no agreement has', async () => {
    const decide = (id: string, decision: 'APPROVE' | 'REJECT') => gql(admin('civil-affairs'), DECIDE, { input: { id, decision, reason: 'as the test decides' } });
    const approved = await apply(application({ purpose: 'agreements-approved' }));
    await decide(approved, 'APPROVE');
    const revoked = await apply(application({ purpose: 'agreements-revoked' }));
    await decide(revoked, 'APPROVE');
    await gql(admin('civil-affairs'), REVOKE, { input: { id: revoked, reason: 'no longer needed' } });
    const rejected = await apply(application({ purpose: 'agreements-rejected' }));
    await decide(rejected, 'REJECT');
    const pending = await apply(application({ purpose: 'agreements-pending' }));

    const answer = await gql({ department: 'market-regulation', roles: ['analyst'] }, '{ agreements(first: 500) { nodes { id provider purpose status inForce scenario appliedAt } } }');
    const agreements = answer.data.agreements.nodes as { id: string; status: string; inForce: boolean }[];
    expect(agreements.every((a) => ['APPROVED', 'EXPIRED', 'REVOKED'].includes(a.status))).toBe(true);
    const byId = new Map(agreements.map((a) => [a.id, a]));
    expect(byId.get(approved)).toMatchObject({ status: 'APPROVED', inForce: true, scenario: 'Checking the family status legal representatives declare', appliedAt: expect.any(String) });
    expect(byId.get(revoked)).toMatchObject({ status: 'REVOKED', inForce: false });
    expect([byId.has(rejected), byId.has(pending)]).toEqual([false, false]);
    // The seeded, revoked AGR-2025-0008 has no request behind it.
    expect(byId.get('AGR-2025-0008')).toEqual({
      id: 'AGR-2025-0008', provider: 'public-security', purpose: 'business-registration', status: 'REVOKED', inForce: false, scenario: null, appliedAt: null,
    });
    const onlyRevoked = await gql({ department: 'market-regulation' }, '{ agreements(filter: { status: REVOKED }, first: 500) { nodes { id status } } }');
    expect(onlyRevoked.data.agreements.nodes).toContainEqual({ id: revoked, status: 'REVOKED' });
    expect(new Set(onlyRevoked.data.agreements.nodes.map((a: any) => a.status))).toEqual(new Set(['REVOKED']));
    expect(await refusal({ department: 'market-regulation' }, '{ agreements(filter: { status: PENDING }, first: 10) { nodes { id } } }', {})).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'filter.status of an agreement is APPROVED, EXPIRED, REVOKED; for PENDING applications, ask applications(filter: { status: PENDING }).',
    });
  });
});

describe('the audit trail', () => {
  it('records the action under the id of the gateway request that carried it, next to the request\'s own record', async () => {
    const response = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { ...(await federation.as(admin('market-regulation'))), 'content-type': 'application/json' },
      body: JSON.stringify({ query: APPLY, variables: { input: application({ purpose: 'correlated-check' }) } }),
    });
    const requestId = response.headers.get('x-request-id');
    const { id } = ((await response.json()) as any).data.applyForSharing.application;
    const db = new Database(federation.platformFile, { readonly: true });
    try {
      const rows = db.prepare("SELECT kind, entry FROM audit_records WHERE json_extract(entry, '$.requestId') = ? ORDER BY sequence").all(requestId) as { kind: string; entry: string }[];
      expect(rows.map((row) => [row.kind, JSON.parse(row.entry).outcome, JSON.parse(row.entry).agreements])).toEqual([
        ['agreement.apply', 'ok', [id]],
        ['request', 'ok', []],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('expiry', () => {
  it('stops granting an agreement on the first request after its end, and reports it EXPIRED', async () => {
    // health has no other agreement with civil-affairs, so nothing else grants the item once this one ends.
    const id = await apply(application({ purpose: 'expiring-check', validUntil: inDays(2) }), admin('health'));
    await gql(admin('civil-affairs'), DECIDE, { input: { id, decision: 'APPROVE' } });
    const consumer = { department: 'health', purpose: 'expiring-check' };
    expect((await gql(consumer, MARITAL_STATUS, { id: resident })).data.person.maritalStatus).toBe(civilAffairsSays);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 86_400_000 + 60_000);
      expect(await gql(consumer, MARITAL_STATUS, { id: resident })).toEqual(maritalStatusDenied(`health's agreement ${id} for it (expiring-check) expired on `, unknownPurposeExtension('health', consumer.purpose)));
      const read = await gql({ department: 'civil-affairs' }, 'query($id: String!) { application(id: $id) { status inForce } }', { id });
      expect(read).toEqual({ data: { application: { status: 'EXPIRED', inForce: false } } });
      expect(await refusal(admin('civil-affairs'), REVOKE, { input: { id, reason: 'late' } })).toEqual({
        code: 'CONFLICT',
        message: expect.stringMatching(new RegExp(`^Cannot revoke ${id}: it expired at .*: an expired agreement grants nothing and needs no revocation\\.$`)),
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('reply deadlines', () => {
  it('counts the configured working days from the day after the application, skipping weekends and configured holidays, counting a worked Sunday', async () => {
    // Friday 25 December 2026, 10:00 in Beijing. Five working days: Mon 28, Tue 29, Wed 30, (Thu 31 and Fri 1 off,
    // Sat 2 weekend) Sun 3 worked, Mon 4 January: due by the end of Monday 4 January 2027, Beijing time.
    federation.clock.set('2026-12-25T02:00:00.000Z');
    try {
      const id = await apply(application({ purpose: 'deadline-check', validFrom: null, validUntil: '2027-12-31T16:00:00.000Z' }));
      const read = () => gql({ department: 'civil-affairs', roles: ['analyst'] }, 'query($id: String!) { application(id: $id) { deadline overdue status } }', { id });
      expect(await read()).toEqual({ data: { application: { deadline: '2027-01-04T16:00:00.000Z', overdue: false, status: 'PENDING' } } });
      federation.clock.set('2027-01-04T15:59:59.999Z');
      expect((await read()).data.application.overdue).toBe(false);
      federation.clock.set('2027-01-04T16:00:00.000Z');
      expect(await read()).toEqual({ data: { application: { deadline: '2027-01-04T16:00:00.000Z', overdue: true, status: 'PENDING' } } });
      const overdue = await gql(admin('civil-affairs'), '{ applications(filter: { overdue: true }, first: 500) { nodes { id overdue status } } }');
      expect(overdue.data.applications.nodes).toContainEqual({ id, overdue: true, status: 'PENDING' });
      expect(overdue.data.applications.nodes.every((a: any) => a.overdue && a.status === 'PENDING')).toBe(true);
      const onTime = await gql(admin('civil-affairs'), '{ applications(filter: { overdue: false }, first: 500) { nodes { id overdue } } }');
      expect(onTime.data.applications.nodes.map((a: any) => a.id)).not.toContain(id);
    } finally {
      federation.clock.set(null);
    }
  });

  it('gives objections the default ten working days over the same calendar, and flags them overdue once past', async () => {
    // Friday 25 December 2026: Mon 28 - Wed 30, Sun 3 (worked), Mon 4 - Fri 8, Mon 11 January 2027.
    // Natural resources was served the resident's name by public security (UNCONDITIONAL: no agreement needed).
    expect(await gql({ department: 'natural-resources' }, 'query($id: ResidentId!) { person(idNumber: $id) { name } }', { id: resident })).toEqual({
      data: { person: { name: expect.any(String) } },
    });
    federation.clock.set('2026-12-25T02:00:00.000Z');
    try {
      const reported = await gql({ department: 'natural-resources', roles: ['app'] }, 'mutation($input: ObjectionInput!) { reportObjection(input: $input) { id deadline overdue } }', {
        input: { item: 'Person.name', subjectKey: resident, description: 'The name is written with the traditional form of the second character.' },
      });
      const { id } = reported.data.reportObjection;
      expect(reported.data.reportObjection).toEqual({ id, deadline: '2027-01-11T16:00:00.000Z', overdue: false });
      federation.clock.set('2027-01-11T16:00:00.000Z');
      const open = await gql({ department: 'public-security', roles: ['analyst'] }, '{ objections(filter: { overdue: true }, first: 500) { nodes { id status overdue } } }');
      expect(open.data.objections.nodes).toContainEqual({ id, status: 'OPEN', overdue: true });
    } finally {
      federation.clock.set(null);
    }
  });
});

describe('pages of applications, agreements and objections', () => {
  const PAGE = 'query($first: Int!, $after: String) { applications(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }';

  it('walks every application a page at a time, with the count of the whole list on each page', async () => {
    await apply(application({ purpose: 'paging-one' }));
    await apply(application({ purpose: 'paging-two' }));
    const caller = { department: 'market-regulation', roles: ['analyst'] };
    const whole = await gql(caller, PAGE, { first: 500 });
    const all = whole.data.applications.nodes.map((a: { id: string }) => a.id);
    expect(whole.data.applications.totalCount).toBe(all.length);
    expect(whole.data.applications.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await gql(caller, PAGE, { first: 2, after })).data.applications;
      expect(page.totalCount).toBe(all.length);
      walked.push(...page.nodes.map((a: { id: string }) => a.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
    const agreements = await gql(caller, '{ agreements(first: 1) { totalCount nodes { status } pageInfo { hasNextPage } } }');
    expect(agreements.data.agreements.nodes).toHaveLength(1);
    expect(agreements.data.agreements.pageInfo.hasNextPage).toBe(agreements.data.agreements.totalCount > 1);
  });

  it('refuses a page size out of range and a cursor it did not hand out', async () => {
    const caller = { department: 'market-regulation', roles: ['analyst'] };
    expect(await refusal(caller, PAGE, { first: 0 })).toEqual({ code: 'BAD_USER_INPUT', message: 'Argument "first" must be between 1 and 500, got 0.' });
    expect(await refusal(caller, '{ objections(first: 501) { totalCount } }', {})).toEqual({ code: 'BAD_USER_INPUT', message: 'Argument "first" must be between 1 and 500, got 501.' });
    expect(await refusal(caller, PAGE, { first: 5, after: 'AGR-2026-0001' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.',
    });
  });
});

describe('bad input, each refused with what is wrong and what to do', () => {
  const applyAs = (input: Record<string, unknown>, caller = admin('market-regulation')) => refusal(caller, APPLY, { input });

  it('refuses applying for its own items', async () => {
    expect(await applyAs(application({ provider: 'market-regulation', items: ['Enterprise.name'] }))).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Cannot apply to market-regulation: consumer and provider are both market-regulation: a department uses its own items without an application; Enterprise.name is UNCONDITIONAL: every department may use it at once, without an application.",
      }
    `);
    expect(await applyAs(application({ items: ['Person.maritalStatus'] }), admin('civil-affairs'))).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Cannot apply to civil-affairs: consumer and provider are both civil-affairs: a department uses its own items without an application.",
      }
    `);
  });

  it('refuses a period in the past, an empty item list and a missing purpose', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(await applyAs(application({ validFrom: '2020-01-01', validUntil: '2020-06-30T00:00:00Z' }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: `Cannot apply to civil-affairs: the period starts in the past: validFrom (2020-01-01T00:00:00.000Z) is before today (${today}, Asia/Shanghai); the period ends in the past: validUntil (2020-06-30T00:00:00.000Z) has already passed.`,
    });
    expect(await applyAs(application({ items: [] }))).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Cannot apply to civil-affairs: items is empty: list at least one item, as Type.field (e.g. Person.maritalStatus).",
      }
    `);
    expect(await applyAs(application({ purpose: '  ' }))).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Cannot apply to civil-affairs: purpose is missing: name what the items will be used for, as a kebab-case purpose code (e.g. marriage-registration).",
      }
    `);
    const { purpose: _purpose, ...withoutPurpose } = application({ validUntil: '2099-01-01T00:00:00.000Z' });
    const missing = await gql(admin('market-regulation'), APPLY, { input: withoutPurpose });
    expect({ message: missing.errors?.[0].message, code: missing.errors?.[0].extensions?.code }).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Variable "$input" got invalid value { provider: "civil-affairs", items: ["Person.maritalStatus"], legalBasis: "Regulations on Enterprise Information Disclosure art. 9", scenario: "Checking the family status legal representatives declare", validUntil: "2099-01-01T00:00:00.000Z" }; Field "purpose" of required type "String!" was not provided.",
      }
    `)
  });

  it('refuses a NONE item with the catalogue\'s reason, and names unknown items', async () => {
    expect(await applyAs(application({ provider: 'health', items: ['Person.diagnoses'] }))).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Cannot apply to health: Person.diagnoses is not shared (level NONE): Medical and health information is sensitive personal information (Personal Information Protection Law art. 28) that medical institutions must keep confidential (Civil Code art. 1226; Basic Medical and Health Care Law art. 92): not shared under the Regulations on Government Data Sharing.",
      }
    `);
    expect(await applyAs(application({ items: ['Person.shoeSize', 'Person.maritalStatus', 'Pet.name'] }))).toMatchInlineSnapshot(`
      {
        "code": "BAD_USER_INPUT",
        "message": "Cannot apply to civil-affairs: Person.shoeSize is not in the catalogue (unknown item); Pet.name is not in the catalogue (unknown item).",
      }
    `);
  });

  it('answers that unconditional items need no application, and applies only for the rest', async () => {
    const none = await gql(admin('market-regulation'), APPLY, { input: application({ provider: 'public-security', items: ['Person.name', 'Person.birthDate'] }) });
    expect(none).toEqual({
      data: {
        applyForSharing: {
          application: null,
          availableWithoutApplication: ['Person.name', 'Person.birthDate'],
          message: 'No application needed: Person.name, Person.birthDate are UNCONDITIONAL: every department may use them at once, without an application.',
        },
      },
    });
    const mixed = await gql(admin('market-regulation'), APPLY, { input: application({ provider: 'public-security', items: ['Person.name', 'Person.household'], purpose: 'mixed-check' }) });
    const { id, deadline } = mixed.data.applyForSharing.application;
    expect(mixed.data.applyForSharing).toEqual({
      availableWithoutApplication: ['Person.name'],
      message: `Applied to public-security for Person.household as ${id}; public-security must answer by ${deadline}. Person.name is UNCONDITIONAL: every department may use it at once, without an application, so it was not applied for.`,
      application: expect.objectContaining({ id, items: ['Person.household'], status: 'PENDING' }),
    });
  });

  it('refuses deciding another department\'s application, deciding twice, and unknown ids', async () => {
    const id = await apply(application({ purpose: 'decided-twice' }));
    // Tax is no party to it: told what it would be told of an id that does not exist.
    expect(await refusal(admin('tax'), DECIDE, { input: { id, decision: 'APPROVE' } })).toEqual({
      code: 'NOT_FOUND',
      message: `Cannot approve ${id}: no application or agreement with that id concerns tax; applications and agreements list those that do.`,
    });
    expect(await refusal(admin('market-regulation'), DECIDE, { input: { id, decision: 'APPROVE' } })).toEqual({
      code: 'FORBIDDEN',
      message: `Cannot approve ${id} (an application of market-regulation to civil-affairs): only a dept-admin of civil-affairs may decide it; market-regulation-admin acts for market-regulation with the roles dept-admin.`,
    });
    await gql(admin('civil-affairs'), DECIDE, { input: { id, decision: 'APPROVE' } });
    const twice = await refusal(admin('civil-affairs'), DECIDE, { input: { id, decision: 'REJECT', reason: 'changed our mind' } });
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toMatch(new RegExp(`^Cannot reject ${id}: it was already approved at \\S+ by civil-affairs-admin; an application is decided once\\.$`));
    expect(await refusal(admin('civil-affairs'), DECIDE, { input: { id: 'AGR-2026-9999', decision: 'APPROVE' } })).toEqual({
      code: 'NOT_FOUND',
      message: 'Cannot approve AGR-2026-9999: no application or agreement with that id concerns civil-affairs; applications and agreements list those that do.',
    });
  });
});

describe('roles', () => {
  it('lets only a dept-admin apply, decide and revoke; an app and an analyst read what concerns their department', async () => {
    const app = { department: 'market-regulation', application: 'annual-reports', roles: ['app'] };
    expect(await refusal(app, APPLY, { input: application() })).toMatchInlineSnapshot(`
      {
        "code": "FORBIDDEN",
        "message": "Cannot apply to civil-affairs: only a dept-admin of market-regulation may apply on its behalf; annual-reports acts for market-regulation with the roles app.",
      }
    `);
    // Same application, now with dept-admin in its token: the gateway's grant follows the new roles.
    const id = await apply(application({ purpose: 'roles-check' }), { ...app, roles: ['dept-admin'] });
    expect(await refusal({ department: 'civil-affairs', roles: ['analyst'] }, DECIDE, { input: { id, decision: 'APPROVE' } })).toEqual({
      code: 'FORBIDDEN',
      message: `Cannot approve ${id} (an application of market-regulation to civil-affairs): only a dept-admin of civil-affairs may decide it; civil-affairs-app acts for civil-affairs with the roles analyst.`,
    });
    for (const roles of [['app'], ['analyst'], ['dept-admin']]) {
      for (const department of ['market-regulation', 'civil-affairs']) {
        const read = await gql({ department, roles }, 'query($id: String!) { application(id: $id) { id status } }', { id });
        expect(read).toEqual({ data: { application: { id, status: 'PENDING' } } });
      }
    }
    // Another department's application reads as an id that does not exist, naming no party.
    const unseen = (asked: string) => ({
      data: { application: null },
      errors: [{
        message: `Cannot read ${asked}: no application or agreement with that id concerns tax; applications and agreements list those that do.`,
        path: ['application'],
        extensions: { code: 'NOT_FOUND', problems: ['no application or agreement with that id concerns tax; applications and agreements list those that do'], serviceName: 'platform' },
      }],
    });
    for (const asked of [id, 'AGR-2026-9999']) {
      expect(await gql({ department: 'tax', roles: ['dept-admin'] }, 'query($id: String!) { application(id: $id) { id } }', { id: asked })).toEqual(unseen(asked));
    }
    const noRole = await gql({ department: 'market-regulation', roles: [] }, '{ applications(first: 10) { nodes { id } } }');
    expect(noRole).toMatchInlineSnapshot(`
      {
        "data": null,
        "errors": [
          {
            "extensions": {
              "code": "FORBIDDEN",
              "problems": [
                "only a dept-admin or app or analyst of market-regulation may read its applications, objections and disputes; market-regulation-app acts for market-regulation with no role",
              ],
              "serviceName": "platform",
            },
            "message": "Cannot list applications: only a dept-admin or app or analyst of market-regulation may read its applications, objections and disputes; market-regulation-app acts for market-regulation with no role.",
            "path": [
              "applications",
            ],
          },
        ],
      }
    `);
    // Revoking is the provider admin's alone.
    await gql(admin('civil-affairs'), DECIDE, { input: { id, decision: 'APPROVE' } });
    for (const caller of [{ department: 'civil-affairs', roles: ['app'] }, admin('market-regulation')]) {
      expect((await refusal(caller, REVOKE, { input: { id, reason: 'no longer needed' } })).code).toBe('FORBIDDEN');
    }
    expect((await gql(admin('civil-affairs'), REVOKE, { input: { id, reason: 'no longer needed' } })).data.revokeAgreement.status).toBe('REVOKED');
    const listed = await gql({ department: 'tax', roles: ['analyst'] }, '{ applications(first: 500) { nodes { id consumer provider } } }');
    expect(listed.data.applications.nodes.every((a: any) => a.consumer === 'tax' || a.provider === 'tax')).toBe(true);
    expect(listed.data.applications.nodes.map((a: any) => a.id)).not.toContain(id);
  });
});

describe('objections', () => {
  const REPORT = 'mutation($input: ObjectionInput!) { reportObjection(input: $input) { id consumer provider item subjectKey description status deadline overdue reporter { department application } answer { note actor } } }';
  const ANSWER = 'mutation($input: ObjectionAnswerInput!) { answerObjection(input: $input) { id status answer { note actor at } } }';

  it('carries a report to the provider, who answers once; an analyst may not report', async () => {
    const input = { item: 'Person.maritalStatus', subjectKey: resident, description: 'Registered as married; the resident divorced in 2024 (decree on file).' };
    // Tax may receive marital status (AGR-2025-0002) but has not yet been served this resident's: nothing to object to.
    expect(await refusal({ department: 'tax', application: 'iit-deductions', roles: ['app'] }, REPORT, { input })).toEqual({
      code: 'NOT_FOUND',
      message: 'Cannot report an objection to civil-affairs: no request of tax was served a record about that subject by civil-affairs: an objection names a record your department received (see myAccesses for the subjects each provider returned).',
    });
    const served = await gql({ department: 'tax', application: 'iit-deductions', purpose: 'individual-income-tax-deduction' }, MARITAL_STATUS, { id: resident });
    expect(served).toEqual({ data: { person: { name: expect.any(String), maritalStatus: civilAffairsSays } } });
    expect(await refusal({ department: 'tax', roles: ['analyst'] }, REPORT, { input })).toMatchInlineSnapshot(`
      {
        "code": "FORBIDDEN",
        "message": "Cannot report an objection to civil-affairs: only a dept-admin or app of tax may report an objection on its behalf; tax-app acts for tax with the roles analyst.",
      }
    `);
    const reported = await gql({ department: 'tax', application: 'iit-deductions', roles: ['app'] }, REPORT, { input });
    const { id, deadline } = reported.data.reportObjection;
    expect(reported.data.reportObjection).toEqual({
      id, consumer: 'tax', provider: 'civil-affairs', item: 'Person.maritalStatus', subjectKey: resident, description: input.description,
      status: 'OPEN', deadline, overdue: false, reporter: { department: 'tax', application: 'iit-deductions' }, answer: null,
    });
    const open = await gql({ department: 'civil-affairs', roles: ['analyst'] }, '{ objections(filter: { status: OPEN }, first: 10) { totalCount nodes { id item } } }');
    expect(open).toEqual({ data: { objections: { totalCount: 1, nodes: [{ id, item: 'Person.maritalStatus' }] } } });
    expect(await refusal({ department: 'civil-affairs', roles: ['app'] }, ANSWER, { input: { id, outcome: 'CORRECTED', note: 'fixed' } })).toEqual({
      code: 'FORBIDDEN',
      message: `Cannot answer ${id} (an objection of tax to civil-affairs): only a dept-admin of civil-affairs may answer it; civil-affairs-app acts for civil-affairs with the roles app.`,
    });
    const answered = await gql(admin('civil-affairs'), ANSWER, { input: { id, outcome: 'CORRECTED', note: 'Divorce of 2024-05-12 registered; status corrected.' } });
    expect(answered).toEqual({ data: { answerObjection: { id, status: 'CORRECTED', answer: { note: 'Divorce of 2024-05-12 registered; status corrected.', actor: 'civil-affairs-admin', at: expect.any(String) } } } });
    const again = await refusal(admin('civil-affairs'), ANSWER, { input: { id, outcome: 'CONFIRMED_CORRECT', note: 'again' } });
    expect(again.code).toBe('CONFLICT');
    const seen = await gql({ department: 'tax' }, 'query($id: String!) { objection(id: $id) { status answer { note } } }', { id });
    expect(seen).toEqual({ data: { objection: { status: 'CORRECTED', answer: { note: 'Divorce of 2024-05-12 registered; status corrected.' } } } });
  });
});

describe('the catalogue through the gateway', () => {
  const published = readPublishedCatalogue(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const ITEM = 'item resource field owner level sensitive key type description reason cycle version';

  it('answers by department and level, resources with their matching items, departments with their versions', async () => {
    const answer = await gql({ department: 'tax', roles: ['analyst'] }, `{ catalogue(filter: { department: "civil-affairs", level: CONDITIONAL }) {
      resources { name owner providers items { item } } items { ${ITEM} } departments { id version itemCount } } }`);
    const expected = selectCatalogue(published, { department: 'civil-affairs', level: 'CONDITIONAL' });
    expect(answer).toEqual({
      data: {
        catalogue: {
          resources: expected.resources.map(({ name, owner, providers, items }) => ({ name, owner, providers, items: items.map(({ item }) => ({ item })) })),
          items: expected.items,
          departments: published.departments.map(({ id, version, items }) => ({ id, version, itemCount: items })),
        },
      },
    });
    expect(answer.data.catalogue.items.map((i: any) => i.item)).toEqual(['Person.maritalStatus', 'Person.marriageRecords', 'Person.subsistenceAllowance']);
  });

  it('searches text, and shows a NONE item with its legal reason to any department', async () => {
    const answer = await gql({ department: 'market-regulation' }, `{ catalogue(filter: { search: "marital" }) { items { item } }
      diagnoses: catalogueItem(item: "Person.diagnoses") { ${ITEM} } unknown: catalogueItem(item: "Person.shoeSize") { item } }`);
    expect(answer).toEqual({
      data: {
        catalogue: { items: [{ item: 'Person.maritalStatus' }] },
        diagnoses: published.items.find((i) => i.item === 'Person.diagnoses'),
        unknown: null,
      },
    });
    expect(answer.data.diagnoses).toMatchObject({ level: 'NONE', owner: 'health', reason: expect.stringContaining('not shared under the Regulations') });
  });

  it('follows the supergraph file: a changed item shows in the next answer, with its owner\'s new version', async () => {
    const query = '{ catalogueItem(item: "TaxArrear.amount") { description version } catalogue(filter: { department: "tax" }) { departments { id version } } }';
    const before = await gql({ department: 'health' }, query);
    const text = readFileSync(supergraphCopy, 'utf8').replace('Amount outstanding, in yuan.', 'Amount outstanding, in yuan (CNY).');
    writeFileSync(`${supergraphCopy}.tmp`, text);
    renameSync(`${supergraphCopy}.tmp`, supergraphCopy);
    const changed = readPublishedCatalogue(text);
    const after = await gql({ department: 'health' }, query);
    const version = (c: typeof published, id: string) => c.departments.find((d) => d.id === id)!.version;
    expect(before.data.catalogueItem).toEqual({ description: 'Amount outstanding, in yuan.', version: version(published, 'tax') });
    expect(after).toEqual({
      data: {
        catalogueItem: { description: 'Amount outstanding, in yuan (CNY).', version: version(changed, 'tax') },
        catalogue: { departments: changed.departments.map(({ id, version }) => ({ id, version })) },
      },
    });
    expect(version(changed, 'tax')).not.toBe(version(published, 'tax'));
    expect(version(changed, 'health')).toBe(version(published, 'health'));
  });
});
