/**
 * The platform store's part of residents' records, on both stores: counting a query's records over every page (by
 * subject, the records whose subject rows are still to be written included), leaving out one consumer's records,
 * and a resident's corrections (migration 8: objections read by subject) from request to answer.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHolidayCalendar, openPlatformStore, openWorkflow, WorkflowError, type AuditEntry, type PlatformStore } from '../../platform/index.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { forEachStore } from '../harness/platformStores.ts';

const root = resolve(import.meta.dirname, '../..');
const catalogue = readSharingCatalogue(parse(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')));
const ALICE = '11010519491231002X';
const BOB = '110101199003074514';
const MONDAY_MORNING = new Date('2026-03-02T01:00:00.000Z');

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

function request(minute: number, department: string, subjects: string[], kind = 'request'): AuditEntry {
  return {
    kind, time: `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`, requestId: `r${minute}`, application: `${department}-app`, department,
    purpose: null, agreements: [], operationName: null, documentHash: null,
    providers: { 'public-security': { served: ['Person.name'], masked: [], denied: [], subjects } },
    outcome: 'ok', status: 200, reason: null, durationMs: 1,
  };
}

forEachStore((kind) => {
  const open = async (audit: Record<string, unknown> = {}) => {
    const store = await openPlatformStore({ ...kind.fresh().options, audit } as Parameters<typeof openPlatformStore>[0]);
    opened.push(store);
    return store;
  };

  describe('counting a resident\'s accesses', () => {
    it('counts every page of a query by subject, leaving out one consumer, the records not yet indexed included', async () => {
      // A long backlog delay: on SQLite every subject row below is still to be written when the store is asked.
      const store = await open(kind.kind === 'sqlite' ? { subjectBacklog: { maxRecords: 1000, maxDelayMs: 60_000 } } : {});
      await store.audit.append(request(1, 'tax', [ALICE]));
      await store.audit.append(request(2, 'civil-affairs', [ALICE, BOB]));
      await store.audit.append(request(3, 'resident', [ALICE]));
      await store.audit.append(request(4, 'tax', [BOB]));
      await store.audit.append(request(5, 'tax', [ALICE], 'objection.report'));
      const filter = { subject: ALICE, kind: 'request', notConsumer: 'resident' };
      expect(await store.audit.count(filter)).toBe(2);
      expect((await store.audit.query(filter, { first: 10 })).records.map((record) => record.requestId)).toEqual(['r2', 'r1']);
      expect(await store.audit.count({ subject: ALICE })).toBe(4);
      expect(await store.audit.count({ subject: BOB, notConsumer: 'resident' })).toBe(2);
      expect(await store.audit.count({ consumer: 'tax' })).toBe(3);
      expect(await store.audit.count({})).toBe(5);
    });
  });

  describe('a resident\'s corrections', () => {
    it('are objections to the item\'s provider, one open per item, read by their resident only, answered as objections', async () => {
      const store = await open();
      const workflow = openWorkflow({ store, catalogue, calendar: loadHolidayCalendar(), now: () => MONDAY_MORNING });
      const asked = await workflow.corrections.request({ resident: ALICE, item: 'Person.maritalStatus', description: ' Divorced in 2024. ' });
      expect(asked).toEqual({
        id: 'OBJ-2026-0001', consumer: 'resident', provider: 'civil-affairs', item: 'Person.maritalStatus', subjectKey: ALICE, description: 'Divorced in 2024.',
        reporter: { application: 'resident-portal', department: 'resident' }, reportedAt: MONDAY_MORNING.toISOString(),
        // Ten working days from Tuesday 3 March 2026: the end of Monday 16 March in Beijing.
        deadline: '2026-03-16T16:00:00.000Z', status: 'OPEN', answer: null, overdue: false,
      });
      const refusal = await workflow.corrections.request({ resident: ALICE, item: 'Person.maritalStatus', description: 'again' }).catch((error: WorkflowError) => error);
      expect(refusal).toBeInstanceOf(WorkflowError);
      expect((refusal as WorkflowError).code).toBe('CONFLICT');
      await workflow.corrections.request({ resident: BOB, item: 'Person.household', description: 'Moved in 2025.' });
      expect((await workflow.corrections.page(ALICE, { first: 10, afterId: null })).records.map((objection) => objection.id)).toEqual(['OBJ-2026-0001']);
      expect((await workflow.corrections.page(BOB, { first: 10, afterId: null })).records.map((objection) => [objection.id, objection.provider])).toEqual([['OBJ-2026-0002', 'public-security']]);
      await workflow.objections.answer({ id: asked.id, outcome: 'CORRECTED', note: 'Registered.', actor: { application: 'ca-admin', department: 'civil-affairs', roles: ['dept-admin'] } });
      const [answered] = (await workflow.corrections.page(ALICE, { first: 10, afterId: null })).records;
      expect([answered!.status, answered!.answer?.note]).toEqual(['CORRECTED', 'Registered.']);
      // The request and its refusal are workflow records, with alice as subject, before the answer.
      const kinds = (await store.audit.query({ subject: ALICE }, { first: 10 })).records.map((record) => [record.kind, record.outcome, record.department]).reverse();
      expect(kinds).toEqual([['correction.request', 'ok', 'resident'], ['correction.request', 'denied', 'resident'], ['objection.answer', 'ok', 'civil-affairs']]);
    });

    it('refuses an item that is not about a person, and a subject that is not a resident ID', async () => {
      const store = await open();
      const workflow = openWorkflow({ store, catalogue, calendar: loadHolidayCalendar(), now: () => MONDAY_MORNING });
      const problems = async (input: Parameters<typeof workflow.corrections.request>[0]) =>
        workflow.corrections.request(input).then(() => null, (error: WorkflowError) => [error.code, error.problems]);
      expect(await problems({ resident: ALICE, item: 'Enterprise.taxArrears', description: 'x' })).toEqual(['INVALID', [
        'Enterprise.taxArrears is not an item about a person: a correction names one of the catalogue\'s Person items',
      ]]);
      expect(await problems({ resident: ALICE, item: 'Person.shoeSize', description: '' })).toEqual(['INVALID', [
        'Person.shoeSize is not in the catalogue (unknown item): name an item about you, such as Person.maritalStatus',
        'description is missing: say what is wrong and what you believe is right',
      ]]);
      expect(await problems({ resident: 'tax-app', item: 'Person.name', description: 'x' })).toEqual(['FORBIDDEN', ['only a signed-in resident asks for a correction of their own records']]);
    });
  });
});
