import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  loadHolidayCalendar,
  openPlatformStore,
  openWorkflow,
  seedDemoAgreements,
  WORKFLOW_ROLES,
  WorkflowError,
  type ApplyInput,
  type AuditRecord,
  type PlatformStore,
  type WorkflowActor,
  type WorkflowOptions,
} from '../../platform/index.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { forEachStore, type StoreUnderTest } from '../harness/platformStores.ts';

const root = resolve(import.meta.dirname, '../..');
const catalogue = readSharingCatalogue(parse(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')));
const calendar = loadHolidayCalendar();
const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-workflow-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** Monday 2 March 2026, 09:00 in Beijing. */
const MONDAY_MORNING = '2026-03-02T01:00:00.000Z';

/** The store kind the suite below runs on (set by `forEachStore` as each describe is defined). */
let kind: StoreUnderTest;

/** A workflow on a store of its own (fresh SQLite file or PostgreSQL schema), with a clock the test moves. */
async function open(at = MONDAY_MORNING, options: Partial<WorkflowOptions> = {}) {
  const clock = { now: new Date(at) };
  const location = kind.fresh();
  const store = await openPlatformStore({ ...location.options, now: () => clock.now });
  opened.push(store);
  const workflow = openWorkflow({ store, catalogue, calendar, now: () => clock.now, ...options });
  return { store, workflow, clock, location, applications: workflow.applications, objections: workflow.objections };
}

const admin = (department: string, application = `${department}-admin`): WorkflowActor => ({ application, department, roles: ['dept-admin'] });
const taxAdmin = admin('tax');
const caAdmin = admin('civil-affairs', 'ca-admin');
const psAdmin = admin('public-security', 'ps-admin');
const taxPortal: WorkflowActor = { application: 'tax-portal', department: 'tax', roles: ['app'] };
const taxAnalyst: WorkflowActor = { application: 'tax-analytics', department: 'tax', roles: ['analyst'] };

/** The tax bureau asks civil affairs for marital status and marriage records, for a year. */
function taxApplication(overrides: Partial<ApplyInput> = {}): ApplyInput {
  return {
    consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus', 'Person.marriageRecords'],
    purpose: 'individual-income-tax-deduction', legalBasis: 'Individual Income Tax Law art. 6',
    scenario: 'Checking the spouse deduction claimed in annual individual income tax returns',
    validFrom: '2026-03-02', validUntil: '2027-03-02', actor: taxAdmin, ...overrides,
  };
}

/** The refusal a promise rejects with, as a whole value. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof WorkflowError)) throw new Error(`expected a WorkflowError, got ${String(error)}`);
  return { code: error.code, message: error.message, problems: error.problems };
}

/** The workflow's records, oldest first (the requests a test records to set the scene are left out). */
async function records(store: PlatformStore): Promise<AuditRecord[]> {
  return (await store.audit.query({}, { first: 500 })).records.reverse().filter((record) => record.kind !== 'request');
}

/** A resident whose marital status tax was served. */
const RESIDENT = '11010519491231002X';

/**
 * What an objection needs: tax holds an agreement in force for civil affairs' marital status (as the demo's
 * AGR-2025-0002), and a request of tax was served the record of `subject` by civil affairs (its record in the trail).
 */
async function taxWasServed(store: PlatformStore, subject = RESIDENT, requestId = `served-${subject}`) {
  if (!(await store.agreements.get('AGR-2025-0002'))) {
    await store.agreements.create({
      id: 'AGR-2025-0002', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'individual-income-tax-deduction',
      legalBasis: 'Individual Income Tax Law art. 6', validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2027-12-31T16:00:00.000Z', status: 'APPROVED',
    });
  }
  await store.audit.append({
    time: '2026-03-01T02:00:00.000Z', requestId, application: 'tax-portal', department: 'tax', purpose: 'individual-income-tax-deduction',
    agreements: ['AGR-2025-0002'], operationName: 'MaritalCheck', documentHash: null,
    providers: { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: [subject] } },
    outcome: 'ok', status: 200, reason: null, durationMs: 5, kind: 'request',
  });
}

/** What a workflow record says, without its chain data and timing. */
function summary(record: AuditRecord) {
  const { sequence, previousHash, hash, durationMs, requestId, ...rest } = record;
  expect(durationMs).toBeGreaterThanOrEqual(0);
  expect(requestId).toMatch(/\S/);
  return rest;
}

describe('addWorkingDays', () => {
  const at = (iso: string, days: number) => addWorkingDays(new Date(iso), days, calendar).toISOString();

  it('does not count the day of the application and skips weekends', () => {
    // Friday 6 March 2026, 10:00 Beijing: the next working day is Monday 9 March; the reply is late from Tuesday 00:00.
    expect(at('2026-03-06T02:00:00.000Z', 1)).toBe('2026-03-09T16:00:00.000Z');
    // Ten working days from Friday 6 March end on Friday 20 March.
    expect(at('2026-03-06T02:00:00.000Z', 10)).toBe('2026-03-20T16:00:00.000Z');
    expect(at('2026-03-06T02:00:00.000Z', 0)).toBe('2026-03-06T16:00:00.000Z');
  });

  it('counts days in Beijing time, not UTC', () => {
    // 2026-03-05T16:30Z is Friday 6 March 00:30 in Beijing (still Thursday in UTC).
    expect(at('2026-03-05T16:30:00.000Z', 1)).toBe('2026-03-09T16:00:00.000Z');
    expect(at('2026-03-05T15:59:59.999Z', 1)).toBe('2026-03-06T16:00:00.000Z');
  });

  it('skips the Spring Festival week and counts the adjusted working Saturdays before and after it', () => {
    // From Thursday 12 February 2026: Fri 13, Sat 14 (worked), [15-23 holiday], 24, 25, 26, 27, Sat 28 (worked), 2, 3, 4 March.
    expect(at('2026-02-12T02:00:00.000Z', 10)).toBe('2026-03-04T16:00:00.000Z');
    expect(at('2026-02-12T02:00:00.000Z', 2)).toBe('2026-02-14T16:00:00.000Z');
    expect(at('2026-02-12T02:00:00.000Z', 3)).toBe('2026-02-24T16:00:00.000Z');
  });

  it('skips the National Day week of 2025 and 2026, and counts Saturday 10 October 2026 as a working day', () => {
    expect(at('2025-09-30T02:00:00.000Z', 1)).toBe('2025-10-09T16:00:00.000Z');
    expect(at('2025-09-30T02:00:00.000Z', 2)).toBe('2025-10-10T16:00:00.000Z');
    expect(at('2025-09-30T02:00:00.000Z', 3)).toBe('2025-10-11T16:00:00.000Z'); // Saturday 11 October 2025, worked
    expect(at('2026-09-30T02:00:00.000Z', 1)).toBe('2026-10-08T16:00:00.000Z');
    expect(at('2026-09-30T02:00:00.000Z', 3)).toBe('2026-10-10T16:00:00.000Z');
  });

  it('takes any calendar: a holiday and a working Sunday of its own', () => {
    const custom = { holidays: ['2026-03-09'], workdays: ['2026-03-08'], timeZone: 'Asia/Shanghai' } as const;
    expect(addWorkingDays(new Date('2026-03-06T02:00:00.000Z'), 2, custom).toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(addWorkingDays(new Date('2026-03-06T02:00:00.000Z'), 2, { holidays: [], timeZone: 'Asia/Shanghai' }).toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(addWorkingDays(new Date('2026-03-06T02:00:00.000Z'), 1, { holidays: [], timeZone: 'Asia/Shanghai' }).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('refuses a bad count, start or calendar, naming the problem', () => {
    const start = new Date(MONDAY_MORNING);
    expect(() => addWorkingDays(start, -1, calendar)).toThrow('addWorkingDays: `days` must be an integer from 0 to 366; got -1.');
    expect(() => addWorkingDays(start, 2.5, calendar)).toThrow('addWorkingDays: `days` must be an integer from 0 to 366; got 2.5.');
    expect(() => addWorkingDays(new Date('nope'), 1, calendar)).toThrow('addWorkingDays: `start` must be a valid Date; got Invalid Date.');
    expect(() => addWorkingDays(start, 1, { holidays: ['2026-02-30', '2026-03-07'], workdays: ['2026-03-07'], timeZone: 'UTC' as 'Asia/Shanghai' })).toThrow(
      'addWorkingDays: the calendar is invalid: timeZone must be "Asia/Shanghai"; got "UTC"; holidays lists "2026-02-30", which is not an ISO date (2026-02-16); ' +
        '2026-03-07 is listed both as a holiday and as a working day.',
    );
  });
});

describe('the default holiday calendar', () => {
  it('holds the 2025 and 2026 holidays and adjusted working days published by the State Council General Office', () => {
    expect(calendar.years).toEqual([2025, 2026]);
    expect(calendar.holidays).toHaveLength(28 + 33);
    expect(calendar.workdays).toEqual([
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    expect(calendar.holidays.filter((date) => date.startsWith('2026-02'))).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
  });

  it('refuses a calendar file with a date filed under the wrong year or a malformed date', () => {
    const file = join(dataDir, 'bad-calendar.json');
    writeFileSync(file, JSON.stringify({ timeZone: 'Asia/Shanghai', years: { 2027: { holidays: ['2026-10-01', '2027-13-01'], workdays: [] } } }));
    expect(() => loadHolidayCalendar(file)).toThrow(
      `Holiday calendar ${file} is invalid: years.2027.holidays lists dates of another year: 2026-10-01; ` +
        'holidays lists "2027-13-01", which is not an ISO date (2026-02-16).',
    );
  });
});

forEachStore((store) => {
  // Each describe below is defined, and later run, once per store: the kind is captured when its tests start.
  beforeAll(() => {
    kind = store;
  });

  describe('apply', () => {
    it('records a PENDING agreement with the application and its reply deadline of 10 working days', async () => {
      const { applications, store } = await open();
      const application = await applications.apply(taxApplication());

      expect(application).toEqual({
        agreement: {
          id: 'AGR-2026-0001', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus', 'Person.marriageRecords'],
          purpose: 'individual-income-tax-deduction', legalBasis: 'Individual Income Tax Law art. 6',
          validFrom: '2026-03-02T00:00:00.000Z', validUntil: '2027-03-02T00:00:00.000Z', status: 'PENDING',
        },
        request: {
          scenario: 'Checking the spouse deduction claimed in annual individual income tax returns',
          applicant: { application: 'tax-admin', department: 'tax' }, appliedAt: MONDAY_MORNING,
          items: ['Person.maritalStatus', 'Person.marriageRecords'], validFrom: '2026-03-02T00:00:00.000Z', validUntil: '2027-03-02T00:00:00.000Z',
        },
        deadline: '2026-03-16T16:00:00.000Z', // the end of Monday 16 March, Beijing time
        overdue: false,
        decision: null,
        revocation: null,
      });
      // The agreement store (what the gateway reads) sees the same agreement, granting nothing yet.
      expect(await store.agreements.get('AGR-2026-0001')).toEqual(application.agreement);
      expect(await store.agreements.agreementsFor('tax', new Date(MONDAY_MORNING))).toEqual([]);
      expect(await store.agreements.history('AGR-2026-0001')).toEqual([
        { agreementId: 'AGR-2026-0001', from: null, to: 'PENDING', reason: null, actor: 'tax-admin', at: MONDAY_MORNING },
      ]);
    });

    it('numbers applications per year after the ids already recorded', async () => {
      const { applications, store } = await open('2025-12-01T02:00:00.000Z');
      await seedDemoAgreements(store.agreements);
      const first = await applications.apply(taxApplication({ validFrom: '2025-12-01', validUntil: '2026-12-01' }));
      const second = await applications.apply(taxApplication({ items: ['Person.subsistenceAllowance'], validFrom: '2025-12-01', validUntil: '2026-12-01' }));
      expect([first.agreement.id, second.agreement.id]).toEqual(['AGR-2025-0010', 'AGR-2025-0011']);
    });

    it('accepts a sensitive unconditional item: the application is for its raw value', async () => {
      const { applications } = await open();
      const application = await applications.apply(taxApplication({ provider: 'public-security', items: ['Person.idNumber', 'Person.household'] }));
      expect(application.agreement.items).toEqual(['Person.idNumber', 'Person.household']);
    });

    it('answers that unconditional items need no application', async () => {
      const { applications } = await open();
      expect(await refusal(applications.apply(taxApplication({ provider: 'public-security', items: ['Person.name', 'Person.household'] })))).toEqual({
        code: 'INVALID',
        message: 'Cannot apply to public-security: Person.name is UNCONDITIONAL: every department may use it at once, without an application.',
        problems: ['Person.name is UNCONDITIONAL: every department may use it at once, without an application'],
      });
    });

    it('refuses NONE items with the reason the catalogue gives', async () => {
      const { applications } = await open();
      const reason =
        'Medical and health information is sensitive personal information (Personal Information Protection Law art. 28) that medical ' +
        'institutions must keep confidential (Civil Code art. 1226; Basic Medical and Health Care Law art. 92): not shared under the ' +
        'Regulations on Government Data Sharing';
      expect(await refusal(applications.apply(taxApplication({ provider: 'health', items: ['Person.diagnoses'] })))).toEqual({
        code: 'INVALID',
        message: `Cannot apply to health: Person.diagnoses is not shared (level NONE): ${reason}.`,
        problems: [`Person.diagnoses is not shared (level NONE): ${reason}`],
      });
    });

    it('refuses a NONE item applied for from another department as not shared at all, not as "apply to its provider"', async () => {
      const { applications } = await open();
      const { problems } = await refusal(applications.apply(taxApplication({ items: ['Person.diagnoses', 'Person.maritalStatus'] })));
      expect(problems).toEqual([expect.stringMatching(/^Person\.diagnoses is not shared \(level NONE\) by its provider health, so no department can apply for it: Medical and health information/)]);
    });

    it('refuses the placeholders of the catalogue\'s Apply template as legal basis and scenario', async () => {
      const { applications, store } = await open();
      expect(await refusal(applications.apply(taxApplication({
        legalBasis: '<the law and article this use rests on>', scenario: 'Checking <the service the data is used in> annually',
      })))).toEqual({
        code: 'INVALID',
        message:
          'Cannot apply to civil-affairs: legalBasis still holds the template\'s placeholder "<the law and article this use rests on>": replace it with the law or regulation the sharing rests on; ' +
          'scenario still holds the template\'s placeholder "<the service the data is used in>": replace it with the business scenario the items serve.',
        problems: [
          'legalBasis still holds the template\'s placeholder "<the law and article this use rests on>": replace it with the law or regulation the sharing rests on',
          'scenario still holds the template\'s placeholder "<the service the data is used in>": replace it with the business scenario the items serve',
        ],
      });
      expect(await store.agreements.get('AGR-2026-0001')).toBeNull();
      // Angle brackets that are not a placeholder pass: a law may be cited with its symbols.
      expect((await applications.apply(taxApplication({ legalBasis: 'Individual Income Tax Law art. 6 (amount < 1 million)' }))).agreement.status).toBe('PENDING');
    });

    it('refuses an application while the same one is pending, naming it', async () => {
      const { applications } = await open();
      const first = await applications.apply(taxApplication({ items: ['Person.maritalStatus'] }));
      expect(await refusal(applications.apply(taxApplication()))).toEqual({
        code: 'CONFLICT',
        message: `Cannot apply to civil-affairs: ${first.agreement.id}, applied for on ${MONDAY_MORNING} for individual-income-tax-deduction, is still pending with Person.maritalStatus (reply due ${first.deadline}): wait for civil-affairs's decision, or apply only for the other items.`,
        problems: [`${first.agreement.id}, applied for on ${MONDAY_MORNING} for individual-income-tax-deduction, is still pending with Person.maritalStatus (reply due ${first.deadline}): wait for civil-affairs's decision, or apply only for the other items`],
      });
      // Another purpose, or other items, is another application.
      expect((await applications.apply(taxApplication({ purpose: 'tax-audit' }))).agreement.status).toBe('PENDING');
      expect((await applications.apply(taxApplication({ items: ['Person.marriageRecords'] }))).agreement.status).toBe('PENDING');
    });

    it('rejects unknown items by name, items of another provider, and its own items', async () => {
      const { applications } = await open();
      const items = ['Person.shoeSize', 'Person.maritalStatus', 'Person.household', 'Enterprise.taxArrears', 'Person.maritalStatus'];
      expect((await refusal(applications.apply(taxApplication({ items })))).problems).toEqual([
        'Person.shoeSize is not in the catalogue (unknown item)',
        'Person.household is provided by public-security, not civil-affairs: apply to public-security for it',
        "Enterprise.taxArrears is tax's own item: a department uses its own items without an application",
        'Person.maritalStatus is listed more than once',
      ]);
      expect((await refusal(applications.apply(taxApplication({ provider: 'tax', items: ['Enterprise.taxArrears'] })))).problems).toEqual([
        'consumer and provider are both tax: a department uses its own items without an application',
      ]);
      // The departments are the catalogue's (more may be added), listed in order.
      const departments = [...new Set([...catalogue.items.values()].map((policy) => policy.provider))].sort();
      expect(departments).toEqual(expect.arrayContaining(['civil-affairs', 'health', 'public-security', 'tax']));
      expect((await refusal(applications.apply(taxApplication({ provider: 'land-bureau' })))).problems).toEqual([
        `provider "land-bureau" provides no item in the catalogue (departments: ${departments.join(', ')})`,
        'Person.maritalStatus is provided by civil-affairs, not land-bureau: apply to civil-affairs for it',
        'Person.marriageRecords is provided by civil-affairs, not land-bureau: apply to civil-affairs for it',
      ]);
    });

    it('names every problem of an empty item list, a missing purpose, legal basis and scenario, and a period in the past', async () => {
      const { applications, store } = await open();
      expect(await refusal(applications.apply(taxApplication({ items: [], purpose: '', legalBasis: ' ', scenario: '', validFrom: '2026-02-01', validUntil: '2026-01-01' })))).toEqual({
        code: 'INVALID',
        message:
          'Cannot apply to civil-affairs: items is empty: list at least one item, as Type.field (e.g. Person.maritalStatus); ' +
          'purpose is missing: name what the items will be used for, as a kebab-case purpose code (e.g. marriage-registration); ' +
          'legalBasis is missing: name the law or regulation the sharing rests on; scenario is missing: describe the business scenario the items serve; ' +
          'the period starts in the past: validFrom (2026-02-01T00:00:00.000Z) is before today (2026-03-02, Asia/Shanghai); ' +
          'the period ends in the past: validUntil (2026-01-01T00:00:00.000Z) has already passed; ' +
          'validUntil (2026-01-01T00:00:00.000Z) must be after validFrom (2026-02-01T00:00:00.000Z).',
        problems: [
          'items is empty: list at least one item, as Type.field (e.g. Person.maritalStatus)',
          'purpose is missing: name what the items will be used for, as a kebab-case purpose code (e.g. marriage-registration)',
          'legalBasis is missing: name the law or regulation the sharing rests on',
          'scenario is missing: describe the business scenario the items serve',
          'the period starts in the past: validFrom (2026-02-01T00:00:00.000Z) is before today (2026-03-02, Asia/Shanghai)',
          'the period ends in the past: validUntil (2026-01-01T00:00:00.000Z) has already passed',
          'validUntil (2026-01-01T00:00:00.000Z) must be after validFrom (2026-02-01T00:00:00.000Z)',
        ],
      });
      expect(await store.agreements.list()).toEqual([]);
    });

    it('refuses a malformed purpose and dates, and a period that ends where it starts', async () => {
      const { applications } = await open();
      expect((await refusal(applications.apply(taxApplication({ purpose: 'Tax Deduction', validFrom: '2026-03-32' })))).problems).toEqual([
        'purpose must be a kebab-case purpose code (e.g. marriage-registration); got "Tax Deduction"',
        'validFrom must be an ISO 8601 date, or date and time with an offset (e.g. 2025-08-01 or 2025-08-01T00:00:00+08:00); got "2026-03-32"',
      ]);
      expect((await refusal(applications.apply(taxApplication({ validFrom: '2026-04-01', validUntil: '2026-04-01T08:00:00+08:00' })))).problems).toEqual([
        'validUntil (2026-04-01T00:00:00.000Z) must be after validFrom (2026-04-01T00:00:00.000Z)',
      ]);
    });

    it('accepts a period starting today in Beijing even when that is yesterday in UTC', async () => {
      const { applications } = await open('2026-03-01T17:00:00.000Z'); // Monday 2 March, 01:00 Beijing
      const application = await applications.apply(taxApplication({ validFrom: '2026-03-02T00:00:00+08:00' }));
      expect(application.agreement.validFrom).toBe('2026-03-01T16:00:00.000Z');
    });
  });

  describe('roles', () => {
    it('lets only a dept-admin of the consumer apply, for its own department', async () => {
      const { applications } = await open();
      expect(await refusal(applications.apply(taxApplication({ actor: taxPortal })))).toEqual({
        code: 'FORBIDDEN',
        message: 'Cannot apply to civil-affairs: only a dept-admin of tax may apply on its behalf; tax-portal acts for tax with the roles app.',
        problems: ['only a dept-admin of tax may apply on its behalf; tax-portal acts for tax with the roles app'],
      });
      expect((await refusal(applications.apply(taxApplication({ consumer: 'health' })))).message).toBe(
        'Cannot apply to civil-affairs: only a dept-admin of health may apply on its behalf; tax-admin acts for tax with the roles dept-admin.',
      );
      expect((await refusal(applications.apply(taxApplication({ actor: undefined as unknown as WorkflowActor })))).message).toBe(
        'Cannot apply to civil-affairs: the caller is not identified (an actor needs an application, a department and roles).',
      );
      expect((await refusal(applications.apply(taxApplication({ actor: { ...taxAdmin, roles: [] } })))).problems).toEqual([
        'only a dept-admin of tax may apply on its behalf; tax-admin acts for tax with no role',
      ]);
    });

    it('lets only a dept-admin of the provider decide and revoke', async () => {
      const { applications } = await open();
      await applications.apply(taxApplication());
      const caPortal: WorkflowActor = { application: 'ca-portal', department: 'civil-affairs', roles: ['app', 'analyst'] };
      expect(await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caPortal }))).toEqual({
        code: 'FORBIDDEN',
        message: 'Cannot approve AGR-2026-0001 (an application of tax to civil-affairs): only a dept-admin of civil-affairs may decide it; ca-portal acts for civil-affairs with the roles app, analyst.',
        problems: ['only a dept-admin of civil-affairs may decide it; ca-portal acts for civil-affairs with the roles app, analyst'],
      });
      await applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin });
      expect((await refusal(applications.revoke({ id: 'AGR-2026-0001', reason: 'Audit finding', actor: caPortal }))).problems).toEqual([
        'only a dept-admin of civil-affairs may revoke it; ca-portal acts for civil-affairs with the roles app, analyst',
      ]);
    });

    it('lets apps and analysts read what concerns their department, and nobody without a role', async () => {
      const { applications } = await open();
      await applications.apply(taxApplication());
      await applications.apply(taxApplication({ consumer: 'health', provider: 'civil-affairs', items: ['Person.maritalStatus'], actor: admin('health') }));
      const ids = async (actor: WorkflowActor) => (await applications.list({ actor })).map((a) => a.agreement.id);

      expect(await ids(taxAnalyst)).toEqual(['AGR-2026-0001']);
      expect(await ids(taxPortal)).toEqual(['AGR-2026-0001']);
      expect(await ids(caAdmin)).toEqual(['AGR-2026-0001', 'AGR-2026-0002']);
      expect(await ids(psAdmin)).toEqual([]);
      expect((await applications.get({ id: 'AGR-2026-0001', actor: taxAnalyst })).agreement.id).toBe('AGR-2026-0001');
      // Another department's application answers as an id that does not exist: the same error, no party named.
      const unseen = {
        code: 'NOT_FOUND',
        message: 'Cannot read AGR-2026-0002: no application or agreement with that id concerns tax; applications and agreements list those that do.',
        problems: ['no application or agreement with that id concerns tax; applications and agreements list those that do'],
      };
      expect(await refusal(applications.get({ id: 'AGR-2026-0002', actor: taxAnalyst }))).toEqual(unseen);
      expect(await refusal(applications.get({ id: 'AGR-2026-0404', actor: taxAnalyst }))).toEqual(JSON.parse(JSON.stringify(unseen).replaceAll('0002', '0404')));
      expect((await refusal(applications.list({ actor: { ...taxAnalyst, roles: ['auditor'] } }))).message).toBe(
        'Cannot list applications: only a dept-admin or app or analyst of tax may read its applications, objections and disputes; tax-analytics acts for tax with the roles auditor.',
      );
    });

    it('follows a role policy given as configuration', async () => {
      const { applications } = await open(MONDAY_MORNING, { roles: { ...WORKFLOW_ROLES, apply: ['app'], report: ['app'], read: ['analyst'] } });
      expect((await applications.apply(taxApplication({ actor: taxPortal }))).agreement.status).toBe('PENDING');
      expect((await refusal(applications.apply(taxApplication({ actor: taxAdmin })))).code).toBe('FORBIDDEN');
    });
  });

  describe('decide', () => {
    it('approves: the agreement grants its items from then on, and the decision is kept', async () => {
      const { applications, store, clock } = await open();
      await applications.apply(taxApplication());
      const version = await store.agreements.version();
      clock.now = new Date('2026-03-03T01:00:00.000Z');
      const approved = await applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin });

      expect(approved.agreement.status).toBe('APPROVED');
      expect(approved.decision).toEqual({ status: 'APPROVED', reason: null, actor: 'ca-admin', at: '2026-03-03T01:00:00.000Z' });
      expect(approved.overdue).toBe(false);
      expect(await store.agreements.agreementsFor('tax', clock.now)).toEqual([approved.agreement]);
      expect(await store.agreements.version()).toBe(version + 1);
      expect((await store.agreements.history('AGR-2026-0001')).map(({ from, to, actor }) => ({ from, to, actor }))).toEqual([
        { from: null, to: 'PENDING', actor: 'tax-admin' },
        { from: 'PENDING', to: 'APPROVED', actor: 'ca-admin' },
      ]);
    });

    it('approves narrowed to some of the items and a shorter period, keeping what was applied for', async () => {
      const { applications, store } = await open();
      await applications.apply(taxApplication());
      const approved = await applications.decide({
        id: 'AGR-2026-0001', decision: 'approve', items: ['Person.maritalStatus'], validUntil: '2026-09-01', reason: 'Marriage records are not needed for the deduction', actor: caAdmin,
      });

      expect(approved.agreement).toEqual({
        id: 'AGR-2026-0001', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'individual-income-tax-deduction',
        legalBasis: 'Individual Income Tax Law art. 6', validFrom: '2026-03-02T00:00:00.000Z', validUntil: '2026-09-01T00:00:00.000Z', status: 'APPROVED',
      });
      expect(approved.request?.items).toEqual(['Person.maritalStatus', 'Person.marriageRecords']);
      expect(approved.request?.validUntil).toBe('2027-03-02T00:00:00.000Z');
      expect(approved.decision?.reason).toBe('Marriage records are not needed for the deduction');
      expect(await store.agreements.agreementsFor('tax', new Date('2026-08-31T00:00:00.000Z'))).toEqual([approved.agreement]);
      expect(await store.agreements.agreementsFor('tax', new Date('2026-09-01T00:00:00.000Z'))).toEqual([]);
    });

    it('refuses to widen an approval: items not applied for, none at all, or a longer period', async () => {
      const { applications, store } = await open();
      await applications.apply(taxApplication());
      expect(await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', items: ['Person.maritalStatus', 'Person.household'], validUntil: '2028-01-01', actor: caAdmin }))).toEqual({
        code: 'INVALID',
        message:
          'Cannot approve AGR-2026-0001: Person.household was not applied for: an approval may keep only items applied for (Person.maritalStatus, Person.marriageRecords); ' +
          'validUntil (2028-01-01T00:00:00.000Z) is after the end of the period applied for (2027-03-02T00:00:00.000Z): an approval may only shorten it.',
        problems: [
          'Person.household was not applied for: an approval may keep only items applied for (Person.maritalStatus, Person.marriageRecords)',
          'validUntil (2028-01-01T00:00:00.000Z) is after the end of the period applied for (2027-03-02T00:00:00.000Z): an approval may only shorten it',
        ],
      });
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', items: [], validUntil: '2026-03-01', actor: caAdmin }))).problems).toEqual([
        'items, when given, must keep at least one of the items applied for (Person.maritalStatus, Person.marriageRecords)',
        'validUntil (2026-03-01T00:00:00.000Z) must be after validFrom (2026-03-02T00:00:00.000Z)',
      ]);
      expect((await store.agreements.get('AGR-2026-0001'))?.status).toBe('PENDING');
    });

    it('requires a reason to reject, and keeps it', async () => {
      const { applications, store } = await open();
      await applications.apply(taxApplication());
      expect(await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'reject', reason: '  ', actor: caAdmin }))).toEqual({
        code: 'INVALID',
        message: 'Cannot reject AGR-2026-0001: a rejection needs a reason (the Regulations require the reasons for a refusal).',
        problems: ['a rejection needs a reason (the Regulations require the reasons for a refusal)'],
      });
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'reject', reason: 'No', items: ['Person.maritalStatus'], actor: caAdmin }))).problems).toEqual([
        'items and validUntil narrow an approval; a rejection takes neither',
      ]);
      const rejected = await applications.decide({ id: 'AGR-2026-0001', decision: 'reject', reason: 'The deduction is verified from the taxpayer’s own declaration', actor: caAdmin });
      expect(rejected.agreement.status).toBe('REJECTED');
      expect(rejected.decision).toEqual({ status: 'REJECTED', reason: 'The deduction is verified from the taxpayer’s own declaration', actor: 'ca-admin', at: MONDAY_MORNING });
      expect(await store.agreements.agreementsFor('tax', new Date(MONDAY_MORNING))).toEqual([]);
    });

    it('refuses to decide twice', async () => {
      const { applications, clock } = await open();
      await applications.apply(taxApplication());
      clock.now = new Date('2026-03-03T01:00:00.000Z');
      await applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin });
      clock.now = new Date('2026-03-04T01:00:00.000Z');
      expect(await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'reject', reason: 'Second thoughts', actor: caAdmin }))).toEqual({
        code: 'CONFLICT',
        message: 'Cannot reject AGR-2026-0001: it was already approved at 2026-03-03T01:00:00.000Z by ca-admin; an application is decided once.',
        problems: ['it was already approved at 2026-03-03T01:00:00.000Z by ca-admin; an application is decided once'],
      });
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin }))).code).toBe('CONFLICT');
    });

    it("refuses to decide another department's application, including the applicant's own", async () => {
      const { applications } = await open();
      await applications.apply(taxApplication());
      // A department the application does not concern is told only that none with that id concerns it.
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: psAdmin }))).message).toBe(
        'Cannot approve AGR-2026-0001: no application or agreement with that id concerns public-security; applications and agreements list those that do.',
      );
      // The applicant knows the application, so it is told why it may not decide it.
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: taxAdmin }))).message).toBe(
        'Cannot approve AGR-2026-0001 (an application of tax to civil-affairs): only a dept-admin of civil-affairs may decide it; tax-admin acts for tax with the roles dept-admin.',
      );
    });

    it('says when there is no such application, and when a decision is neither approve nor reject', async () => {
      const { applications } = await open();
      await applications.apply(taxApplication());
      expect(await refusal(applications.decide({ id: 'AGR-2026-0099', decision: 'approve', actor: caAdmin }))).toEqual({
        code: 'NOT_FOUND',
        message: 'Cannot approve AGR-2026-0099: no application or agreement with that id concerns civil-affairs; applications and agreements list those that do.',
        problems: ['no application or agreement with that id concerns civil-affairs; applications and agreements list those that do'],
      });
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'maybe' as 'approve', actor: caAdmin }))).problems).toEqual([
        'decision must be "approve" or "reject"; got "maybe"',
      ]);
    });

    it('decides an agreement recorded outside the workflow (the demo pending one), which has no deadline', async () => {
      const { applications, store } = await open();
      await seedDemoAgreements(store.agreements);
      const [pending] = await applications.list({ actor: caAdmin, status: 'PENDING' });
      expect(pending).toMatchObject({ agreement: { id: 'AGR-2025-0009', consumer: 'natural-resources' }, request: null, deadline: null, overdue: false });
      expect((await applications.decide({ id: 'AGR-2025-0009', decision: 'approve', actor: caAdmin })).agreement.status).toBe('APPROVED');
    });
  });

  describe('revoke', () => {
    it('revokes an approved agreement with a reason: it grants nothing from then on', async () => {
      const { applications, store, clock } = await open();
      await applications.apply(taxApplication());
      await applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin });
      clock.now = new Date('2026-04-01T01:00:00.000Z');
      const revoked = await applications.revoke({ id: 'AGR-2026-0001', reason: 'Data used beyond the approved purpose', actor: caAdmin });

      expect(revoked.agreement.status).toBe('REVOKED');
      expect(revoked.revocation).toEqual({ reason: 'Data used beyond the approved purpose', actor: 'ca-admin', at: '2026-04-01T01:00:00.000Z' });
      expect(revoked.decision?.status).toBe('APPROVED');
      expect(await store.agreements.agreementsFor('tax', clock.now)).toEqual([]);
    });

    it('requires a reason and the provider, and refuses what is not approved and valid', async () => {
      const { applications, clock } = await open();
      await applications.apply(taxApplication());
      expect((await refusal(applications.revoke({ id: 'AGR-2026-0001', reason: 'x', actor: caAdmin }))).message).toBe(
        'Cannot revoke AGR-2026-0001: it is PENDING, not approved: reject the application instead.',
      );
      await applications.decide({ id: 'AGR-2026-0001', decision: 'approve', validUntil: '2026-06-01', actor: caAdmin });
      expect((await refusal(applications.revoke({ id: 'AGR-2026-0001', reason: '', actor: caAdmin }))).message).toBe(
        'Cannot revoke AGR-2026-0001: a revocation needs a reason (it is recorded and shown to the consumer).',
      );
      expect((await refusal(applications.revoke({ id: 'AGR-2026-0001', reason: 'Not needed', actor: taxAdmin }))).code).toBe('FORBIDDEN');
      await applications.revoke({ id: 'AGR-2026-0001', reason: 'Not needed', actor: caAdmin });
      expect((await refusal(applications.revoke({ id: 'AGR-2026-0001', reason: 'Again', actor: caAdmin }))).message).toBe(
        `Cannot revoke AGR-2026-0001: it was already revoked at ${MONDAY_MORNING} by ca-admin.`,
      );

      await applications.apply(taxApplication());
      await applications.decide({ id: 'AGR-2026-0002', decision: 'approve', validUntil: '2026-06-01', actor: caAdmin });
      clock.now = new Date('2026-06-01T00:00:00.000Z');
      expect((await refusal(applications.revoke({ id: 'AGR-2026-0002', reason: 'Late', actor: caAdmin }))).message).toBe(
        'Cannot revoke AGR-2026-0002: it expired at 2026-06-01T00:00:00.000Z: an expired agreement grants nothing and needs no revocation.',
      );
    });
  });

  describe('overdue applications', () => {
    it('are flagged from the instant the reply deadline passes until they are decided', async () => {
      const { applications, clock } = await open();
      await applications.apply(taxApplication());
      await applications.apply(taxApplication({ items: ['Person.subsistenceAllowance'] }));
      const overdue = async (at: string) => (await applications.list({ actor: caAdmin, overdue: true }, new Date(at))).map((a) => a.agreement.id);

      expect(await overdue('2026-03-16T15:59:59.999Z')).toEqual([]);
      expect(await overdue('2026-03-16T16:00:00.000Z')).toEqual(['AGR-2026-0001', 'AGR-2026-0002']);
      expect((await applications.list({ actor: taxAnalyst }, new Date('2026-03-20T00:00:00.000Z'))).map((a) => a.overdue)).toEqual([true, true]);

      clock.now = new Date('2026-03-20T00:00:00.000Z');
      await applications.decide({ id: 'AGR-2026-0002', decision: 'approve', actor: caAdmin });
      expect(await overdue('2026-03-20T00:00:00.000Z')).toEqual(['AGR-2026-0001']);
      expect((await applications.list({ actor: caAdmin, overdue: false })).map((a) => a.agreement.id)).toEqual(['AGR-2026-0002']);
    });

    it('follow the configured reply days and calendar', async () => {
      const { applications } = await open('2026-02-12T02:00:00.000Z', { replyDays: 3 });
      const application = await applications.apply(taxApplication({ validFrom: '2026-02-12' }));
      expect(application.deadline).toBe('2026-02-24T16:00:00.000Z'); // Fri 13, Sat 14 (worked), Tue 24 after the Spring Festival
    });

    it('filter with status and provider', async () => {
      const { applications } = await open();
      await applications.apply(taxApplication());
      await applications.apply(taxApplication({ provider: 'public-security', items: ['Person.household'] }));
      await applications.decide({ id: 'AGR-2026-0002', decision: 'reject', reason: 'Use the property-tax agreement', actor: psAdmin });
      const ids = async (filter: object) => (await applications.list({ actor: taxAdmin, ...filter })).map((a) => a.agreement.id);
      expect(await ids({ status: 'PENDING' })).toEqual(['AGR-2026-0001']);
      expect(await ids({ provider: 'public-security' })).toEqual(['AGR-2026-0002']);
      expect(await ids({ consumer: 'health' })).toEqual([]);
    });
  });

  describe('objections', () => {
    const report = { item: 'Person.maritalStatus', subjectKey: RESIDENT, description: 'Shown as MARRIED; the divorce of 2024-05-10 is missing' };

    it('go from a consumer report to the provider’s answer, with status and timestamps', async () => {
      const { objections, clock, store } = await open();
      await taxWasServed(store);
      const reported = await objections.report({ ...report, actor: taxPortal });
      expect(reported).toEqual({
        id: 'OBJ-2026-0001', consumer: 'tax', provider: 'civil-affairs', ...report,
        reporter: { application: 'tax-portal', department: 'tax' }, reportedAt: MONDAY_MORNING,
        deadline: '2026-03-16T16:00:00.000Z', status: 'OPEN', answer: null, overdue: false,
      });
      expect(await objections.list({ actor: caAdmin, provider: 'civil-affairs', status: 'OPEN' })).toEqual([reported]);

      clock.now = new Date('2026-03-05T03:00:00.000Z');
      const answered = await objections.answer({ id: 'OBJ-2026-0001', outcome: 'CORRECTED', note: 'Divorce registration of 2024-05-10 entered', actor: caAdmin });
      expect(answered).toEqual({
        ...reported, status: 'CORRECTED', answer: { note: 'Divorce registration of 2024-05-10 entered', actor: 'ca-admin', at: '2026-03-05T03:00:00.000Z' },
      });
      expect(await objections.list({ actor: caAdmin, status: 'OPEN' })).toEqual([]);
      expect(await objections.get({ id: 'OBJ-2026-0001', actor: taxAnalyst })).toEqual(answered);
    });

    it('are answered once, by the provider, with a note and a known outcome', async () => {
      const { objections, store } = await open();
      await taxWasServed(store);
      await objections.report({ ...report, actor: taxPortal });
      expect(await refusal(objections.answer({ id: 'OBJ-2026-0001', outcome: 'CORRECTED', note: 'Fixed', actor: taxAdmin }))).toEqual({
        code: 'FORBIDDEN',
        message: 'Cannot answer OBJ-2026-0001 (an objection of tax to civil-affairs): only a dept-admin of civil-affairs may answer it; tax-admin acts for tax with the roles dept-admin.',
        problems: ['only a dept-admin of civil-affairs may answer it; tax-admin acts for tax with the roles dept-admin'],
      });
      expect((await refusal(objections.answer({ id: 'OBJ-2026-0001', outcome: 'WRONG' as 'CORRECTED', note: '', actor: caAdmin }))).problems).toEqual([
        'outcome must be CORRECTED or CONFIRMED_CORRECT; got "WRONG"',
        'note is missing: say what was corrected, or why the record is correct',
      ]);
      await objections.answer({ id: 'OBJ-2026-0001', outcome: 'CONFIRMED_CORRECT', note: 'The divorce was annulled on appeal', actor: caAdmin });
      expect((await refusal(objections.answer({ id: 'OBJ-2026-0001', outcome: 'CORRECTED', note: 'Fixed', actor: caAdmin }))).message).toBe(
        `Cannot answer OBJ-2026-0001: it was already answered CONFIRMED_CORRECT at ${MONDAY_MORNING} by ca-admin; an objection is answered once.`,
      );
      expect((await refusal(objections.answer({ id: 'OBJ-2026-0404', outcome: 'CORRECTED', note: 'Fixed', actor: caAdmin }))).code).toBe('NOT_FOUND');
    });

    it('refuse a report of an unknown or own item, or without subject or description, and from an analyst', async () => {
      const { objections } = await open();
      expect(await refusal(objections.report({ item: 'Person.shoeSize', subjectKey: ' ', description: '', actor: taxPortal }))).toEqual({
        code: 'INVALID',
        message:
          'Cannot report an objection: Person.shoeSize is not in the catalogue (unknown item); ' +
          'subjectKey is missing: name the record (resident ID, credit code or certificate number); description is missing: say what is wrong with the record.',
        problems: [
          'Person.shoeSize is not in the catalogue (unknown item)',
          'subjectKey is missing: name the record (resident ID, credit code or certificate number)',
          'description is missing: say what is wrong with the record',
        ],
      });
      expect((await refusal(objections.report({ ...report, item: 'Enterprise.taxArrears', actor: taxPortal }))).problems).toEqual([
        "Enterprise.taxArrears is tax's own item: correct the record in tax's own system",
      ]);
      expect((await refusal(objections.report({ ...report, actor: taxAnalyst }))).message).toBe(
        'Cannot report an objection to civil-affairs: only a dept-admin or app of tax may report an objection on its behalf; tax-analytics acts for tax with the roles analyst.',
      );
    });

    it('are refused for an item the consumer may not receive: NONE, CONDITIONAL without an agreement in force, or under an expired one', async () => {
      const { objections, store } = await open();
      await taxWasServed(store);
      const reportOn = async (item: string) => refusal(objections.report({ item, subjectKey: RESIDENT, description: 'Wrong', actor: taxPortal }));
      const diagnoses = `Person.diagnoses is not shared outside health: ${catalogue.items.get('Person.diagnoses')!.reason!.replace(/\.$/, '')}`;
      expect(await reportOn('Person.diagnoses')).toEqual({
        code: 'FORBIDDEN',
        message: `Cannot report an objection to health: tax may not receive Person.diagnoses (${diagnoses}), so it has no record of it to object to.`,
        problems: [`tax may not receive Person.diagnoses (${diagnoses}), so it has no record of it to object to`],
      });
      expect(await reportOn('Person.household')).toEqual({
        code: 'FORBIDDEN',
        message: 'Cannot report an objection to public-security: tax may not receive Person.household (Person.household is CONDITIONAL and tax has no approved agreement with public-security for it), so it has no record of it to object to.',
        problems: ['tax may not receive Person.household (Person.household is CONDITIONAL and tax has no approved agreement with public-security for it), so it has no record of it to object to'],
      });
      // Once tax's agreement for marital status has ended, it may no longer object to marital status either.
      const expired = await open('2028-01-04T01:00:00.000Z');
      await taxWasServed(expired.store);
      expect((await refusal(expired.objections.report({ ...report, actor: taxPortal }))).problems).toEqual([
        'tax may not receive Person.maritalStatus (Person.maritalStatus is CONDITIONAL and tax has no approved agreement with civil-affairs for it), so it has no record of it to object to',
      ]);
      // An UNCONDITIONAL item needs no agreement: only the record received.
      await store.audit.append({
        time: '2026-03-01T03:00:00.000Z', requestId: 'names', application: 'tax-portal', department: 'tax', purpose: null, agreements: [],
        operationName: null, documentHash: null, providers: { 'public-security': { served: ['Person.name'], masked: [], denied: [], subjects: [RESIDENT] } },
        outcome: 'ok', status: 200, reason: null, durationMs: 3, kind: 'request',
      });
      expect((await objections.report({ item: 'Person.name', subjectKey: RESIDENT, description: 'Misspelt', actor: taxPortal })).provider).toBe('public-security');
    });

    it('are refused for a record the consumer was not served, with the same words whoever holds such a record', async () => {
      const { objections, store } = await open();
      await taxWasServed(store);
      const other = '110101200001010014';
      // Civil affairs served that resident's record to health, and public security served it to tax: neither is tax's from civil affairs.
      await store.audit.append({
        time: '2026-03-01T03:00:00.000Z', requestId: 'health-request', application: 'health-app', department: 'health', purpose: null, agreements: [],
        operationName: null, documentHash: null, providers: { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: [other] } },
        outcome: 'ok', status: 200, reason: null, durationMs: 3, kind: 'request',
      });
      await store.audit.append({
        time: '2026-03-01T03:00:00.000Z', requestId: 'ps-request', application: 'tax-portal', department: 'tax', purpose: null, agreements: [],
        operationName: null, documentHash: null, providers: { 'public-security': { served: ['Person.name'], masked: [], denied: [], subjects: [other] } },
        outcome: 'ok', status: 200, reason: null, durationMs: 3, kind: 'request',
      });
      const notServed = {
        code: 'NOT_FOUND',
        message: 'Cannot report an objection to civil-affairs: no request of tax was served a record about that subject by civil-affairs: an objection names a record your department received (see myAccesses for the subjects each provider returned).',
        problems: ['no request of tax was served a record about that subject by civil-affairs: an objection names a record your department received (see myAccesses for the subjects each provider returned)'],
      };
      for (const subjectKey of [other, '110101199003077777', 'no such record']) {
        expect(await refusal(objections.report({ ...report, subjectKey, actor: taxPortal }))).toEqual(notServed);
      }
      // A refused report is no record of having received the subject: the next one is refused too.
      expect(await refusal(objections.report({ ...report, subjectKey: other, actor: taxPortal }))).toEqual(notServed);
      const refused = (await records(store)).filter((r) => r.kind === 'objection.report');
      expect(refused.map((r) => [r.outcome, r.status, r.providers])).toEqual(Array(4).fill(['denied', 404, {
        'civil-affairs': { served: [], masked: [], denied: ['Person.maritalStatus'], subjects: [expect.any(String)] },
      }]));
    });

    it('answer an id of another department\'s objection as one that does not exist, and record nothing of it', async () => {
      const { objections, store } = await open();
      await taxWasServed(store);
      await objections.report({ ...report, actor: taxPortal });
      const unseen = (id: string, verb: string, department: string) => ({
        code: 'NOT_FOUND',
        message: `Cannot ${verb} ${id}: no objection with that id concerns ${department}; objections lists those that do.`,
        problems: [`no objection with that id concerns ${department}; objections lists those that do`],
      });
      for (const id of ['OBJ-2026-0001', 'OBJ-2026-0404']) {
        expect(await refusal(objections.get({ id, actor: psAdmin }))).toEqual(unseen(id, 'read', 'public-security'));
        expect(await refusal(objections.answer({ id, outcome: 'CORRECTED', note: 'Fixed', actor: psAdmin }))).toEqual(unseen(id, 'answer', 'public-security'));
      }
      const probes = (await records(store)).filter((r) => r.department === 'public-security');
      expect(probes.map((r) => [r.kind, r.providers, r.agreements, r.purpose, r.outcome])).toEqual(Array(2).fill(['objection.answer', {}, [], null, 'denied']));
    });

    it('are flagged overdue after the configured number of working days while open', async () => {
      const { objections, store } = await open(MONDAY_MORNING, { objectionReplyDays: 2 });
      await taxWasServed(store);
      const reported = await objections.report({ ...report, actor: taxPortal });
      expect(reported.deadline).toBe('2026-03-04T16:00:00.000Z');
      expect((await objections.list({ actor: caAdmin, overdue: true }, new Date('2026-03-04T15:59:59.999Z')))).toEqual([]);
      expect((await objections.list({ actor: caAdmin, overdue: true }, new Date('2026-03-04T16:00:00.000Z')))).toEqual([{ ...reported, overdue: true }]);
      expect(await objections.list({ actor: psAdmin })).toEqual([]);
    });
  });

  describe('the audit trail of the workflow', () => {
    it('records every action, with the actor, the provider and the items it concerns', async () => {
      const { applications, objections, store } = await open();
      await taxWasServed(store);
      await applications.apply(taxApplication({ actor: { ...taxAdmin, requestId: 'req-apply' } }));
      await applications.decide({ id: 'AGR-2026-0001', decision: 'approve', items: ['Person.maritalStatus'], actor: caAdmin });
      await applications.revoke({ id: 'AGR-2026-0001', reason: 'Purpose fulfilled', actor: caAdmin });
      await applications.apply(taxApplication({ provider: 'public-security', items: ['Person.household'] }));
      await applications.decide({ id: 'AGR-2026-0002', decision: 'reject', reason: 'Not necessary', actor: psAdmin });
      await objections.report({ item: 'Person.maritalStatus', subjectKey: '11010519491231002X', description: 'Divorce missing', actor: taxPortal });
      await objections.answer({ id: 'OBJ-2026-0001', outcome: 'CORRECTED', note: 'Entered', actor: caAdmin });

      const base = { time: MONDAY_MORNING, operationName: null, documentHash: null, outcome: 'ok', status: 200 } as const;
      const access = (served: string[], denied: string[], subjects: string[] = []) => ({ served, masked: [], denied, subjects });
      const all = await records(store);
      expect(all[0]?.requestId).toBe('req-apply');
      expect(all.map(summary)).toEqual([
        {
          ...base, kind: 'agreement.apply', application: 'tax-admin', department: 'tax', purpose: 'individual-income-tax-deduction', agreements: ['AGR-2026-0001'],
          providers: { 'civil-affairs': access([], ['Person.maritalStatus', 'Person.marriageRecords']) }, reason: null,
        },
        {
          ...base, kind: 'agreement.approve', application: 'ca-admin', department: 'civil-affairs', purpose: 'individual-income-tax-deduction', agreements: ['AGR-2026-0001'],
          providers: { 'civil-affairs': access(['Person.maritalStatus'], ['Person.marriageRecords']) }, reason: null,
        },
        {
          ...base, kind: 'agreement.revoke', application: 'ca-admin', department: 'civil-affairs', purpose: 'individual-income-tax-deduction', agreements: ['AGR-2026-0001'],
          providers: { 'civil-affairs': access([], ['Person.maritalStatus']) }, reason: 'Purpose fulfilled',
        },
        {
          ...base, kind: 'agreement.apply', application: 'tax-admin', department: 'tax', purpose: 'individual-income-tax-deduction', agreements: ['AGR-2026-0002'],
          providers: { 'public-security': access([], ['Person.household']) }, reason: null,
        },
        {
          ...base, kind: 'agreement.reject', application: 'ps-admin', department: 'public-security', purpose: 'individual-income-tax-deduction', agreements: ['AGR-2026-0002'],
          providers: { 'public-security': access([], ['Person.household']) }, reason: 'Not necessary',
        },
        {
          ...base, kind: 'objection.report', application: 'tax-portal', department: 'tax', purpose: null, agreements: [],
          providers: { 'civil-affairs': access(['Person.maritalStatus'], [], ['11010519491231002X']) }, reason: null,
        },
        {
          ...base, kind: 'objection.answer', application: 'ca-admin', department: 'civil-affairs', purpose: null, agreements: [],
          providers: { 'civil-affairs': access(['Person.maritalStatus'], [], ['11010519491231002X']) }, reason: 'CORRECTED: Entered',
        },
      ]);
      // A resident's records find the objection, after the request that served the record; a provider's find its decisions.
      expect((await store.audit.query({ subject: '11010519491231002X' })).records.map((r) => r.kind)).toEqual(['objection.answer', 'objection.report', 'request']);
      expect((await store.audit.query({ kind: 'agreement.revoke', provider: 'civil-affairs' })).records).toHaveLength(1);
    });

    it('records refusals as denied, with the reason', async () => {
      const { applications, store } = await open();
      await refusal(applications.apply(taxApplication({ actor: taxPortal })));
      await refusal(applications.decide({ id: 'AGR-2026-0404', decision: 'approve', actor: caAdmin }));
      expect((await records(store)).map(summary)).toEqual([
        {
          time: MONDAY_MORNING, kind: 'agreement.apply', application: 'tax-portal', department: 'tax', purpose: 'individual-income-tax-deduction',
          agreements: [], operationName: null, documentHash: null,
          providers: { 'civil-affairs': { served: [], masked: [], denied: ['Person.maritalStatus', 'Person.marriageRecords'], subjects: [] } },
          outcome: 'denied', status: 403,
          reason: 'Cannot apply to civil-affairs: only a dept-admin of tax may apply on its behalf; tax-portal acts for tax with the roles app.',
        },
        {
          time: MONDAY_MORNING, kind: 'agreement.approve', application: 'ca-admin', department: 'civil-affairs', purpose: null,
          agreements: [], operationName: null, documentHash: null, providers: {}, outcome: 'denied', status: 404,
          reason: 'Cannot approve AGR-2026-0404: no application or agreement with that id concerns civil-affairs; applications and agreements list those that do.',
        },
      ]);
    });

    it('refuses every action when the audit trail cannot record it, and changes nothing', async () => {
      const { applications, objections, store } = await open();
      await taxWasServed(store);
      await taxWasServed(store, '110101200001010014');
      await applications.apply(taxApplication());
      await objections.report({ item: 'Person.maritalStatus', subjectKey: '11010519491231002X', description: 'Divorce missing', actor: taxPortal });
      const before = { agreements: await store.agreements.list(), version: await store.agreements.version(), objections: await objections.list({ actor: caAdmin }) };
      await store.audit.close();

      expect(await refusal(applications.apply(taxApplication({ purpose: 'tax-audit' })))).toEqual({
        code: 'UNAVAILABLE',
        message: 'Cannot apply to civil-affairs (application AGR-2026-0002): the audit trail could not record the action, so nothing was changed; retry once the platform store is writable again.',
        problems: ['the audit trail could not record the action, so nothing was changed; retry once the platform store is writable again'],
      });
      expect((await refusal(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin }))).code).toBe('UNAVAILABLE');
      expect((await refusal(objections.answer({ id: 'OBJ-2026-0001', outcome: 'CORRECTED', note: 'Entered', actor: caAdmin }))).code).toBe('UNAVAILABLE');
      expect((await refusal(objections.report({ item: 'Person.maritalStatus', subjectKey: '110101200001010014', description: 'Y', actor: taxPortal }))).code).toBe('UNAVAILABLE');
      expect({ agreements: await store.agreements.list(), version: await store.agreements.version(), objections: await objections.list({ actor: caAdmin }) }).toEqual(before);
    });

    it('follows a recorded action that could not be carried out with an error record, and leaves the agreement as it was', async () => {
      const { applications, store, location } = await open();
      await applications.apply(taxApplication());
      await location.exec(location.kind === 'sqlite'
        ? `CREATE TRIGGER disk_full BEFORE UPDATE ON agreements BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`
        : `CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
           CREATE TRIGGER disk_full BEFORE UPDATE ON agreements FOR EACH ROW EXECUTE FUNCTION disk_full()`);

      await expect(applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: { ...caAdmin, requestId: 'req-approve' } })).rejects.toThrow('disk full (simulated)');
      const [, recorded, followUp] = await records(store);
      expect([recorded, followUp].map((r) => [r?.kind, r?.requestId, r?.outcome, r?.status, r?.reason])).toEqual([
        ['agreement.approve', 'req-approve', 'ok', 200, null],
        ['agreement.approve', 'req-approve', 'error', 500, 'not carried out: disk full (simulated)'],
      ]);
      expect((await store.agreements.get('AGR-2026-0001'))?.status).toBe('PENDING');
    });

    it('lets only one of two racing decisions take effect; the other ends in CONFLICT with an error record', async () => {
      const { applications, store } = await open();
      await applications.apply(taxApplication());
      const racing = {
        approve: { actor: caAdmin, attempt: applications.decide({ id: 'AGR-2026-0001', decision: 'approve', actor: caAdmin }) },
        reject: {
          actor: { ...caAdmin, application: 'ca-deputy' },
          attempt: applications.decide({ id: 'AGR-2026-0001', decision: 'reject', reason: 'Not necessary', actor: { ...caAdmin, application: 'ca-deputy' } }),
        },
      };
      const [approve, reject] = await Promise.allSettled([racing.approve.attempt, racing.reject.attempt]);
      // Which decision commits first is up to the store (PostgreSQL and SQLite may order them differently); exactly one must.
      expect([approve.status, reject.status].sort()).toEqual(['fulfilled', 'rejected']);
      const winner = approve.status === 'fulfilled' ? 'approve' : 'reject';
      const loser = winner === 'approve' ? 'reject' : 'approve';
      const status = winner === 'approve' ? 'APPROVED' : 'REJECTED';
      const refused = await refusal(racing[loser].attempt);
      expect(refused.code).toBe('CONFLICT');
      // Refused either by the workflow's own check (the decision is already recorded) or by the store's lifecycle
      // check inside the transaction (the two read the same row at nearly the same time): both name the winner's state.
      const decided = winner === 'approve' ? 'approved' : 'rejected';
      expect(refused.message).toMatch(new RegExp(`^Cannot ${loser} AGR-2026-0001: it (is ${status};|was already ${decided} at .* by ${racing[winner].actor.application}; an application is decided once\\.)`));
      const decisions = (await records(store)).slice(1).map((r) => [r.kind, r.application, r.outcome]);
      expect(decisions).toContainEqual([`agreement.${winner}`, racing[winner].actor.application, 'ok']);
      // The loser is recorded as refused before it wrote (`denied`) or as not carried out after its intent (`error`).
      const notCarriedOut = decisions.filter(([, , outcome]) => outcome !== 'ok');
      expect(notCarriedOut).toHaveLength(1);
      expect(notCarriedOut[0]!.slice(0, 2)).toEqual([`agreement.${loser}`, racing[loser].actor.application]);
      expect(['denied', 'error']).toContain(notCarriedOut[0]![2]);
      expect((await store.agreements.get('AGR-2026-0001'))?.status).toBe(status);
    });
  });

  describe('pages', () => {
    it('page applications by id, oldest first, with the count of the whole list and no record twice or missed', async () => {
      const { applications, clock } = await open();
      for (const purpose of ['first-check', 'second-check', 'third-check', 'fourth-check', 'fifth-check']) {
        await applications.apply(taxApplication({ purpose }));
      }
      await applications.decide({ id: 'AGR-2026-0002', decision: 'reject', reason: 'Not needed', actor: caAdmin });
      const ids = (page: { records: { agreement: { id: string } }[] }) => page.records.map((a) => a.agreement.id);

      const first = await applications.page({ actor: taxAnalyst }, { first: 2, afterId: null });
      expect([ids(first), first.hasNextPage, first.totalCount]).toEqual([['AGR-2026-0001', 'AGR-2026-0002'], true, 5]);
      // An application made between two pages is counted and found on the later page (ids only grow).
      clock.now = new Date('2026-03-02T02:00:00.000Z');
      await applications.apply(taxApplication({ purpose: 'sixth-check' }));
      const second = await applications.page({ actor: taxAnalyst }, { first: 2, afterId: 'AGR-2026-0002' });
      expect([ids(second), second.hasNextPage, second.totalCount]).toEqual([['AGR-2026-0003', 'AGR-2026-0004'], true, 6]);
      const last = await applications.page({ actor: taxAnalyst }, { first: 2, afterId: 'AGR-2026-0004' });
      expect([ids(last), last.hasNextPage, last.totalCount]).toEqual([['AGR-2026-0005', 'AGR-2026-0006'], false, 6]);
      const after = await applications.page({ actor: taxAnalyst }, { first: 2, afterId: 'AGR-2026-0006' });
      expect([ids(after), after.hasNextPage, after.totalCount]).toEqual([[], false, 6]);

      // The filter applies to the page and to the count alike; another department counts only what concerns it.
      const pending = await applications.page({ actor: caAdmin, status: 'PENDING' }, { first: 10, afterId: null });
      expect([ids(pending), pending.totalCount]).toEqual([['AGR-2026-0001', 'AGR-2026-0003', 'AGR-2026-0004', 'AGR-2026-0005', 'AGR-2026-0006'], 5]);
      const decided = await applications.page({ actor: caAdmin, statuses: ['REJECTED', 'APPROVED'] }, { first: 10, afterId: null });
      expect([ids(decided), decided.totalCount]).toEqual([['AGR-2026-0002'], 1]);
      expect(await applications.page({ actor: psAdmin }, { first: 10, afterId: null })).toEqual({ records: [], hasNextPage: false, totalCount: 0 });
      // A page holds the same values the whole list does.
      expect(first.records).toEqual((await applications.list({ actor: taxAnalyst })).slice(0, 2));
      expect((await refusal(applications.page({ actor: { ...taxAnalyst, roles: [] } }, { first: 1, afterId: null }))).code).toBe('FORBIDDEN');
    });

    it('page objections by id, with the count of the whole list', async () => {
      const { objections, store } = await open();
      await taxWasServed(store);
      const report = { item: 'Person.maritalStatus', subjectKey: '11010519491231002X', actor: taxPortal };
      for (const description of ['Divorce missing', 'Wrong spouse', 'Name misspelt']) await objections.report({ ...report, description });
      await objections.answer({ id: 'OBJ-2026-0002', outcome: 'CONFIRMED_CORRECT', note: 'Checked against the register', actor: caAdmin });
      const page = await objections.page({ actor: caAdmin }, { first: 2, afterId: null });
      expect([page.records.map((o) => o.id), page.hasNextPage, page.totalCount]).toEqual([['OBJ-2026-0001', 'OBJ-2026-0002'], true, 3]);
      expect(page.records).toEqual((await objections.list({ actor: caAdmin })).slice(0, 2));
      const next = await objections.page({ actor: caAdmin }, { first: 2, afterId: 'OBJ-2026-0002' });
      expect([next.records.map((o) => o.id), next.hasNextPage, next.totalCount]).toEqual([['OBJ-2026-0003'], false, 3]);
      const openOnes = await objections.page({ actor: taxAnalyst, status: 'OPEN' }, { first: 1, afterId: null });
      expect([openOnes.records.map((o) => o.id), openOnes.hasNextPage, openOnes.totalCount]).toEqual([['OBJ-2026-0001'], true, 2]);
    });
  });

  describe('openWorkflow', () => {
    it('validates its options, naming the bad one', async () => {
      const { store } = await open();
      expect(() => openWorkflow({ store, catalogue, replyDays: 0 })).toThrow('openWorkflow: option `replyDays` must be a whole number of working days from 1 to 366; got 0.');
      expect(() => openWorkflow({ store, catalogue, calendar: { holidays: ['tomorrow'], timeZone: 'Asia/Shanghai' } })).toThrow(
        'openWorkflow: option `calendar` is invalid: holidays lists "tomorrow", which is not an ISO date (2026-02-16).',
      );
      expect(() => openWorkflow({ store, catalogue, roles: { apply: [] } as never })).toThrow('openWorkflow: option `roles` is invalid: `apply` must list at least one role;');
      expect(() => openWorkflow({ store, catalogue: undefined as never })).toThrow('openWorkflow: option `catalogue` is required');
      expect(() => openWorkflow({ store, catalogue, holidays: [] } as never)).toThrow('openWorkflow: unknown option `holidays`');
    });

    it('reads the catalogue through a function, so a reloaded supergraph applies at once', async () => {
      const { store } = await open();
      let current = readSharingCatalogue(parse('type Query { x: Int }'));
      const workflow = openWorkflow({ store, catalogue: () => current, now: () => new Date(MONDAY_MORNING) });
      expect((await refusal(workflow.applications.apply(taxApplication({ items: ['Person.maritalStatus'] })))).problems[1]).toBe(
        'Person.maritalStatus is not in the catalogue (unknown item)',
      );
      current = catalogue;
      expect((await workflow.applications.apply(taxApplication())).agreement.status).toBe('PENDING');
    });
  });
});
