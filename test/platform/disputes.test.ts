/**
 * Disputes along the statutory route, on both stores (SQLite and PostgreSQL): a refused application and an
 * objection left unanswered are disputed by the consumer; negotiation, the competent department and the common
 * superior follow, each with its deadline in working days and overdue once past it without an outcome; who may act
 * at each stage; a resolution grants access only through an agreement the provider approved; every action an
 * audit record written before it takes effect.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'graphql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  loadHolidayCalendar,
  openPlatformStore,
  openWorkflow,
  WorkflowError,
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

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** Monday 2 March 2026, 09:00 in Beijing. */
const MONDAY_MORNING = '2026-03-02T01:00:00.000Z';
const RESIDENT = '11010519491231002X';

let kind: StoreUnderTest;

async function open(options: Partial<WorkflowOptions> = {}) {
  const clock = { now: new Date(MONDAY_MORNING) };
  const store = await openPlatformStore({ ...kind.fresh().options, now: () => clock.now });
  opened.push(store);
  const workflow = openWorkflow({ store, catalogue, calendar, now: () => clock.now, ...options });
  /** Moves the clock to `iso` (a time of day in UTC). */
  const at = (iso: string) => {
    clock.now = new Date(iso);
  };
  return { store, workflow, clock, at, ...workflow };
}

const admin = (department: string, application = `${department}-admin`): WorkflowActor => ({ application, department, roles: ['dept-admin'] });
const taxAdmin = admin('tax');
const caAdmin = admin('civil-affairs', 'ca-admin');
const psAdmin = admin('public-security', 'ps-admin');
const platformAdmin = admin('platform', 'data-bureau');
const superior = admin('people-government', 'general-office');
const taxAnalyst: WorkflowActor = { application: 'tax-analytics', department: 'tax', roles: ['analyst'] };

const STATEMENT = 'The spouse deduction cannot be checked without marital status; the Individual Income Tax Law art. 6 requires it.';

/** Tax applies to civil affairs for marital status and marriage records (AGR-2026-0001), and civil affairs refuses. */
async function refusedApplication(workflow: ReturnType<typeof openWorkflow>) {
  await workflow.applications.apply({
    consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus', 'Person.marriageRecords'], purpose: 'individual-income-tax-deduction',
    legalBasis: 'Individual Income Tax Law art. 6', scenario: 'Checking the spouse deduction claimed in annual returns',
    validFrom: '2026-03-02', validUntil: '2027-03-02', actor: taxAdmin,
  });
  await workflow.applications.decide({ id: 'AGR-2026-0001', decision: 'reject', reason: 'Not necessary for the deduction', actor: caAdmin });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof WorkflowError)) throw new Error(`expected a WorkflowError, got ${String(error)}`);
  return { code: error.code, message: error.message, problems: error.problems };
}

async function disputeRecords(store: PlatformStore): Promise<AuditRecord[]> {
  return (await store.audit.query({}, { first: 500 })).records.reverse().filter((record) => record.kind.startsWith('dispute.'));
}

const deadline = (from: string, days = 10) => addWorkingDays(new Date(from), days, calendar).toISOString();

forEachStore((store) => {
  beforeAll(() => {
    kind = store;
  });

  describe('raising a dispute', () => {
    it('about a refused application opens the negotiation, with its deadline of 10 working days', async () => {
      const { workflow, disputes } = await open();
      await refusedApplication(workflow);
      const raised = await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      const negotiation = {
        stage: 'NEGOTIATION', openedBy: { application: 'tax-admin', department: 'tax' }, openedAt: MONDAY_MORNING, reason: STATEMENT,
        deadline: '2026-03-16T16:00:00.000Z', overdue: false, outcome: null,
      };
      expect(raised).toEqual({
        id: 'DSP-2026-0001', matter: { kind: 'APPLICATION', id: 'AGR-2026-0001' }, consumer: 'tax', provider: 'civil-affairs',
        items: ['Person.maritalStatus', 'Person.marriageRecords'], competentDepartment: 'platform', commonSuperior: 'people-government',
        raisedBy: { application: 'tax-admin', department: 'tax' }, raisedAt: MONDAY_MORNING, statement: STATEMENT,
        stage: 'NEGOTIATION', status: 'OPEN', deadline: '2026-03-16T16:00:00.000Z', overdue: false, escalable: false,
        outcome: null, agreementId: null, resolvedAt: null, steps: [negotiation],
      });
      expect(await disputes.get({ id: 'DSP-2026-0001', actor: caAdmin })).toEqual(raised);
      expect(await disputes.list({ actor: taxAnalyst, item: 'Person.marriageRecords' })).toEqual([raised]);
      expect(await disputes.list({ actor: taxAnalyst, item: 'Person.household' })).toEqual([]);
    });

    it('about an objection left unanswered past its deadline, and not before', async () => {
      const { workflow, disputes, store, at } = await open({ objectionReplyDays: 2 });
      await store.agreements.create({
        id: 'AGR-2025-0002', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'individual-income-tax-deduction',
        legalBasis: 'Individual Income Tax Law art. 6', validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2027-12-31T16:00:00.000Z', status: 'APPROVED',
      });
      await store.audit.append({
        time: '2026-03-01T02:00:00.000Z', requestId: 'served', application: 'tax-app', department: 'tax', purpose: 'individual-income-tax-deduction',
        agreements: ['AGR-2025-0002'], operationName: null, documentHash: null,
        providers: { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: [RESIDENT] } },
        outcome: 'ok', status: 200, reason: null, durationMs: 5, kind: 'request',
      });
      for (const description of ['Divorce missing', 'Wrong spouse']) {
        await workflow.objections.report({ item: 'Person.maritalStatus', subjectKey: RESIDENT, description, actor: taxAdmin });
      }
      expect(await refusal(disputes.raise({ objection: 'OBJ-2026-0001', statement: 'Unanswered', actor: taxAdmin }))).toEqual({
        code: 'CONFLICT',
        message: 'Cannot raise a dispute about OBJ-2026-0001: its answer is due by 2026-03-04T16:00:00.000Z: it can be disputed once that passes unanswered.',
        problems: ['its answer is due by 2026-03-04T16:00:00.000Z: it can be disputed once that passes unanswered'],
      });
      at('2026-03-05T02:00:00.000Z');
      await workflow.objections.answer({ id: 'OBJ-2026-0002', outcome: 'CONFIRMED_CORRECT', note: 'Checked', actor: caAdmin });
      expect((await refusal(disputes.raise({ objection: 'OBJ-2026-0002', statement: 'Late and wrong', actor: taxAdmin }))).problems).toEqual([
        'it was answered CONFIRMED_CORRECT at 2026-03-05T02:00:00.000Z: only an objection left unanswered past its deadline can be disputed',
      ]);
      const raised = await disputes.raise({ objection: 'OBJ-2026-0001', statement: 'Unanswered for a week', actor: taxAdmin });
      expect([raised.matter, raised.items, raised.deadline]).toEqual([{ kind: 'OBJECTION', id: 'OBJ-2026-0001' }, ['Person.maritalStatus'], deadline('2026-03-05T02:00:00.000Z')]);
      // The dispute's records carry the objection's subject, so the resident's records find them, the refused ones too.
      expect((await store.audit.query({ subject: RESIDENT, kind: 'dispute.raise' })).records.map((r) => [r.outcome, r.reason])).toEqual([
        ['ok', 'DSP-2026-0001: Unanswered for a week'],
        ['denied', expect.stringMatching(/^Cannot raise a dispute about OBJ-2026-0002: it was answered/)],
        ['denied', expect.stringMatching(/^Cannot raise a dispute about OBJ-2026-0001: its answer is due/)],
      ]);
    });

    it('only by a dept-admin of the consumer, once per matter, with a statement, about an application refused', async () => {
      const { workflow, disputes } = await open();
      await refusedApplication(workflow);
      expect(await refusal(disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: caAdmin }))).toEqual({
        code: 'FORBIDDEN',
        message: 'Cannot raise a dispute about AGR-2026-0001 (an application of tax to civil-affairs): only a dept-admin of tax may raise a dispute on its behalf; ca-admin acts for civil-affairs with the roles dept-admin.',
        problems: ['only a dept-admin of tax may raise a dispute on its behalf; ca-admin acts for civil-affairs with the roles dept-admin'],
      });
      expect((await refusal(disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAnalyst }))).code).toBe('FORBIDDEN');
      expect(await refusal(disputes.raise({ application: 'AGR-2026-0001', objection: 'OBJ-2026-0001', statement: ' ', actor: taxAdmin }))).toEqual({
        code: 'INVALID',
        message: 'Cannot raise a dispute: name exactly one matter: the refused application (application) or the unanswered objection (objection); statement is missing: say what your department asks for, and why.',
        problems: [
          'name exactly one matter: the refused application (application) or the unanswered objection (objection)',
          'statement is missing: say what your department asks for, and why',
        ],
      });
      await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      expect((await refusal(disputes.raise({ application: 'AGR-2026-0001', statement: 'Again', actor: taxAdmin }))).problems).toEqual([
        'it is disputed already in DSP-2026-0001 (OPEN, at the negotiation between the departments)',
      ]);
      await workflow.applications.apply({
        consumer: 'tax', provider: 'public-security', items: ['Person.household'], purpose: 'property-tax-assessment', legalBasis: 'Property Tax Law',
        scenario: 'Assessing property tax', validFrom: '2026-03-02', validUntil: '2027-03-02', actor: taxAdmin,
      });
      expect((await refusal(disputes.raise({ application: 'AGR-2026-0002', statement: STATEMENT, actor: taxAdmin }))).problems).toEqual([
        'it is PENDING, its reply due by 2026-03-16T16:00:00.000Z: only a refused (REJECTED) application can be disputed',
      ]);
    });

    it('answers a matter of other departments as one that does not exist, and records nothing of it', async () => {
      const { workflow, disputes, store } = await open();
      await refusedApplication(workflow);
      for (const application of ['AGR-2026-0001', 'AGR-2026-0404']) {
        expect(await refusal(disputes.raise({ application, statement: STATEMENT, actor: psAdmin }))).toEqual({
          code: 'NOT_FOUND',
          message: `Cannot raise a dispute about ${application}: no application or agreement with that id concerns public-security; applications and agreements list those that do.`,
          problems: ['no application or agreement with that id concerns public-security; applications and agreements list those that do'],
        });
      }
      expect((await disputeRecords(store)).map((r) => [r.department, r.providers, r.agreements, r.outcome])).toEqual([
        ['public-security', {}, [], 'denied'], ['public-security', {}, [], 'denied'],
      ]);
    });
  });

  describe('the route', () => {
    it('goes from negotiation to the competent department to the common superior, each stage seen by whom it reaches', async () => {
      const { workflow, disputes, at } = await open();
      await refusedApplication(workflow);
      await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      const seenBy = async (actor: WorkflowActor) => (await disputes.list({ actor })).map((d) => d.id);
      expect([await seenBy(taxAdmin), await seenBy(caAdmin), await seenBy(platformAdmin), await seenBy(superior)]).toEqual([['DSP-2026-0001'], ['DSP-2026-0001'], [], []]);
      // Before the competent department has it, it answers the id as unknown.
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'x', actor: platformAdmin }))).code).toBe('NOT_FOUND');
      expect(await refusal(disputes.escalate({ id: 'DSP-2026-0001', reason: 'No answer', actor: taxAdmin }))).toEqual({
        code: 'CONFLICT',
        message: 'Cannot escalate DSP-2026-0001: the negotiation between the departments is due by 2026-03-16T16:00:00.000Z and recorded no outcome: escalate once that passes, or once either department records UNRESOLVED.',
        problems: ['the negotiation between the departments is due by 2026-03-16T16:00:00.000Z and recorded no outcome: escalate once that passes, or once either department records UNRESOLVED'],
      });

      at('2026-03-04T02:00:00.000Z');
      const unresolved = await disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UNRESOLVED', note: 'We keep our refusal', actor: caAdmin });
      expect([unresolved.status, unresolved.escalable, unresolved.overdue, unresolved.steps[0]!.outcome]).toEqual([
        'OPEN', true, false, { outcome: 'UNRESOLVED', note: 'We keep our refusal', by: { application: 'ca-admin', department: 'civil-affairs' }, at: '2026-03-04T02:00:00.000Z', agreementId: null },
      ]);
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'Changed our mind', actor: caAdmin }))).problems).toEqual([
        'the negotiation between the departments recorded UNRESOLVED at 2026-03-04T02:00:00.000Z; tax may escalate it',
      ]);
      expect((await refusal(disputes.escalate({ id: 'DSP-2026-0001', reason: 'Refused', actor: caAdmin }))).code).toBe('FORBIDDEN');
      const competent = await disputes.escalate({ id: 'DSP-2026-0001', reason: 'Civil affairs keeps its refusal', actor: taxAdmin });
      expect([competent.stage, competent.deadline, competent.escalable, competent.steps.map((s) => s.stage)]).toEqual([
        'COMPETENT_DEPARTMENT', deadline('2026-03-04T02:00:00.000Z'), false, ['NEGOTIATION', 'COMPETENT_DEPARTMENT'],
      ]);
      expect([await seenBy(platformAdmin), await seenBy(superior)]).toEqual([['DSP-2026-0001'], []]);
      // The parties no longer record the outcome: the competent department does.
      expect(await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'x', actor: caAdmin }))).toEqual({
        code: 'FORBIDDEN',
        message: 'Cannot record an outcome of DSP-2026-0001 (a dispute of tax with civil-affairs, at the coordination by the competent department): only a dept-admin of platform may record the outcome of the dispute at this stage; ca-admin acts for civil-affairs with the roles dept-admin.',
        problems: ['only a dept-admin of platform may record the outcome of the dispute at this stage; ca-admin acts for civil-affairs with the roles dept-admin'],
      });
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UPHELD', note: 'x', actor: platformAdmin }))).problems).toEqual([
        'the coordination by the competent department ends SETTLED or UNRESOLVED; got "UPHELD"',
      ]);

      // Nobody records an outcome by the deadline: overdue, and the consumer may escalate.
      at(competent.deadline);
      const late = await disputes.get({ id: 'DSP-2026-0001', actor: platformAdmin });
      expect([late.overdue, late.escalable]).toEqual([true, true]);
      expect((await disputes.list({ actor: platformAdmin, overdue: true })).map((d) => d.id)).toEqual(['DSP-2026-0001']);
      const decisive = await disputes.escalate({ id: 'DSP-2026-0001', reason: 'No coordination within the deadline', actor: taxAdmin });
      expect([decisive.stage, decisive.overdue, decisive.escalable, decisive.steps[1]!.overdue]).toEqual(['COMMON_SUPERIOR', false, false, true]);
      expect(await seenBy(superior)).toEqual(['DSP-2026-0001']);
      expect((await refusal(disputes.escalate({ id: 'DSP-2026-0001', reason: 'Further', actor: taxAdmin }))).problems).toEqual([
        'it is before the common superior, whose decision ends the route',
      ]);
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UPHELD', note: 'x', actor: platformAdmin }))).code).toBe('FORBIDDEN');
      const decided = await disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'DISMISSED', note: 'The refusal stands: the deduction is checked otherwise', actor: superior });
      expect([decided.status, decided.outcome, decided.resolvedAt, decided.agreementId, decided.escalable]).toEqual(['RESOLVED', 'DISMISSED', competent.deadline, null, false]);
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UPHELD', note: 'x', actor: superior }))).problems).toEqual([
        `it ended DISMISSED at ${competent.deadline}; a resolved dispute takes no further outcome`,
      ]);
    });

    it('is settled in negotiation by either party, and follows the configured days and parties', async () => {
      const { workflow, disputes } = await open({ disputeDays: { NEGOTIATION: 2, COMPETENT_DEPARTMENT: 5 }, disputeParties: { competentDepartment: 'civil-affairs' } });
      await refusedApplication(workflow);
      const raised = await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      expect([raised.deadline, raised.competentDepartment, raised.commonSuperior]).toEqual([deadline(MONDAY_MORNING, 2), 'civil-affairs', 'people-government']);
      await disputes.recordOutcome({ id: raised.id, outcome: 'UNRESOLVED', note: 'No agreement', actor: taxAdmin });
      const escalated = await disputes.escalate({ id: raised.id, reason: 'No agreement', actor: taxAdmin });
      expect(escalated.deadline).toBe(deadline(MONDAY_MORNING, 5));
      // The competent department configured is the provider itself: a party cannot coordinate its own dispute.
      expect((await refusal(disputes.recordOutcome({ id: raised.id, outcome: 'SETTLED', note: 'Fine', actor: caAdmin }))).problems).toEqual([
        'civil-affairs is a party to this dispute and cannot coordinate it; tax may escalate it once the deadline passes',
      ]);

      const settled = await open();
      await refusedApplication(settled.workflow);
      await settled.disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      const done = await settled.disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'Tax withdraws: the deduction is checked otherwise', actor: taxAdmin });
      expect([done.status, done.outcome, done.agreementId]).toEqual(['RESOLVED', 'SETTLED', null]);
    });

    it('grants access only through an agreement the provider approved, named by the resolution', async () => {
      const { workflow, disputes, store } = await open();
      await refusedApplication(workflow);
      await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      const before = await store.agreements.list();
      // Tax applies again; while civil affairs has not approved it, it cannot be named as what settles the dispute.
      await workflow.applications.apply({
        consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'individual-income-tax-deduction',
        legalBasis: 'Individual Income Tax Law art. 6', scenario: 'As settled in DSP-2026-0001', validFrom: '2026-03-02', validUntil: '2027-03-02', actor: taxAdmin,
      });
      const notGranting = (id: string) => `agreement ${id} is not an agreement of tax with civil-affairs in force for Person.maritalStatus, Person.marriageRecords: access is granted only by an agreement the provider approved (applyForSharing, then decideApplication); name it once approved, or leave agreement out`;
      for (const id of ['AGR-2026-0002', 'AGR-2026-0404']) {
        expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'Marital status only', agreement: id, actor: caAdmin }))).problems).toEqual([notGranting(id)]);
      }
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UNRESOLVED', note: 'x', agreement: 'AGR-2026-0002', actor: caAdmin }))).problems).toEqual([
        'agreement names the agreement that grants access: only a SETTLED or UPHELD dispute about an application grants access, and only through it',
      ]);
      expect(await store.agreements.agreementsFor('tax', new Date(MONDAY_MORNING))).toEqual([]);
      await workflow.applications.decide({ id: 'AGR-2026-0002', decision: 'approve', actor: caAdmin });
      const settled = await disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'Marital status only', agreement: 'AGR-2026-0002', actor: caAdmin });
      expect([settled.outcome, settled.agreementId, settled.steps[0]!.outcome?.agreementId]).toEqual(['SETTLED', 'AGR-2026-0002', 'AGR-2026-0002']);
      // The dispute created and changed no agreement: only the ordinary application and its approval did.
      expect((await store.agreements.list()).filter((a) => !before.some((b) => b.id === a.id)).map((a) => [a.id, a.status])).toEqual([['AGR-2026-0002', 'APPROVED']]);
      expect((await store.agreements.get('AGR-2026-0001'))?.status).toBe('REJECTED');
      const [record] = (await disputeRecords(store)).filter((r) => r.kind === 'dispute.outcome' && r.outcome === 'ok');
      expect([record?.agreements, record?.providers]).toEqual([
        ['AGR-2026-0002'], { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: ['Person.marriageRecords'], subjects: [] } },
      ]);
    });
  });

  describe('the audit trail of disputes', () => {
    it('records every step before it takes effect, refusals included', async () => {
      const { workflow, disputes, store, at } = await open();
      await refusedApplication(workflow);
      await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: { ...taxAdmin, requestId: 'req-raise' } });
      await refusal(disputes.escalate({ id: 'DSP-2026-0001', reason: 'Too early', actor: taxAdmin }));
      at('2026-03-17T02:00:00.000Z');
      await disputes.escalate({ id: 'DSP-2026-0001', reason: 'No answer', actor: taxAdmin });
      await disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'Civil affairs will reconsider a new application', actor: platformAdmin });
      const provider = { 'civil-affairs': { served: [], masked: [], denied: ['Person.maritalStatus', 'Person.marriageRecords'], subjects: [] } };
      expect((await disputeRecords(store)).map((r) => [r.kind, r.requestId === 'req-raise', r.department, r.agreements, r.providers, r.outcome, r.status, r.reason])).toEqual([
        ['dispute.raise', true, 'tax', ['AGR-2026-0001'], provider, 'ok', 200, `DSP-2026-0001: ${STATEMENT}`],
        ['dispute.escalate', false, 'tax', ['AGR-2026-0001'], provider, 'denied', 409, expect.stringMatching(/^Cannot escalate DSP-2026-0001: the negotiation/)],
        ['dispute.escalate', false, 'tax', ['AGR-2026-0001'], provider, 'ok', 200, 'DSP-2026-0001 to COMPETENT_DEPARTMENT: No answer'],
        ['dispute.outcome', false, 'platform', ['AGR-2026-0001'], provider, 'ok', 200, 'DSP-2026-0001 COMPETENT_DEPARTMENT SETTLED: Civil affairs will reconsider a new application'],
      ]);
    });

    it('refuses every step when the audit trail cannot record it, and changes nothing', async () => {
      const { workflow, disputes, store } = await open();
      await refusedApplication(workflow);
      await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      const before = await disputes.get({ id: 'DSP-2026-0001', actor: taxAdmin });
      await store.audit.close();
      expect((await refusal(disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UNRESOLVED', note: 'No', actor: caAdmin }))).code).toBe('UNAVAILABLE');
      expect(await disputes.get({ id: 'DSP-2026-0001', actor: taxAdmin })).toEqual(before);
    });

    it('lets only one of two racing outcomes take effect', async () => {
      const { workflow, disputes } = await open();
      await refusedApplication(workflow);
      await disputes.raise({ application: 'AGR-2026-0001', statement: STATEMENT, actor: taxAdmin });
      const results = await Promise.allSettled([
        disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'SETTLED', note: 'Withdrawn', actor: taxAdmin }),
        disputes.recordOutcome({ id: 'DSP-2026-0001', outcome: 'UNRESOLVED', note: 'No', actor: caAdmin }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const dispute = await disputes.get({ id: 'DSP-2026-0001', actor: taxAdmin });
      expect(dispute.steps[0]!.outcome?.outcome).toBe(results[0]!.status === 'fulfilled' ? 'SETTLED' : 'UNRESOLVED');
    });
  });

  describe('pages and options', () => {
    it('page disputes by id, with the count of the whole list', async () => {
      const { workflow, disputes } = await open();
      for (const purpose of ['first-check', 'second-check', 'third-check']) {
        const { agreement } = await workflow.applications.apply({
          consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose, legalBasis: 'Individual Income Tax Law art. 6',
          scenario: 'Checking deductions', validFrom: '2026-03-02', validUntil: '2027-03-02', actor: taxAdmin,
        });
        await workflow.applications.decide({ id: agreement.id, decision: 'reject', reason: 'No', actor: caAdmin });
        await disputes.raise({ application: agreement.id, statement: STATEMENT, actor: taxAdmin });
      }
      const page = await disputes.page({ actor: caAdmin, status: 'OPEN' }, { first: 2, afterId: null });
      expect([page.records.map((d) => d.id), page.hasNextPage, page.totalCount]).toEqual([['DSP-2026-0001', 'DSP-2026-0002'], true, 3]);
      expect(page.records).toEqual((await disputes.list({ actor: caAdmin })).slice(0, 2));
      const next = await disputes.page({ actor: caAdmin }, { first: 2, afterId: 'DSP-2026-0002' });
      expect([next.records.map((d) => d.id), next.hasNextPage, next.totalCount]).toEqual([['DSP-2026-0003'], false, 3]);
      expect(await disputes.page({ actor: psAdmin }, { first: 2, afterId: null })).toEqual({ records: [], hasNextPage: false, totalCount: 0 });
    });

    it('validates the dispute options, naming the bad one', async () => {
      const { store } = await open();
      expect(() => openWorkflow({ store, catalogue, disputeDays: { NEGOTIATION: 0 } })).toThrow('openWorkflow: option `disputeDays.NEGOTIATION` must be a whole number of working days from 1 to 366; got 0.');
      expect(() => openWorkflow({ store, catalogue, disputeDays: { MEDIATION: 3 } as never })).toThrow('openWorkflow: option `disputeDays` names an unknown stage `MEDIATION`');
      expect(() => openWorkflow({ store, catalogue, disputeParties: { commonSuperior: 'State Council' } })).toThrow('openWorkflow: option `disputeParties.commonSuperior` must be a kebab-case department id; got "State Council".');
      expect(() => openWorkflow({ store, catalogue, disputeParties: { commonSuperior: 'platform' } })).toThrow('must be different departments; both are platform.');
    });
  });
});
