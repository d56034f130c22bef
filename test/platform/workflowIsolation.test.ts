/**
 * The workflow answers only what the caller may know, as properties over generated callers, items, subjects and
 * ids (fast-check, seeded), on both stores. The oracle is independent of the workflow: the catalogue's levels, the
 * demo agreements (in force or not at the test's instant) and a model of the request records the test appended to
 * the trail decide each objection; the records' parties (and, for disputes, the stage reached) decide who may
 * know an id.
 * - an objection is recorded exactly when the caller may report, the item is another department's, the consumer
 *   may receive it (UNCONDITIONAL, or CONDITIONAL under an agreement in force; never NONE) and a request of its
 *   department was served that subject by the item's provider; a refusal for the subject reads the same as for a
 *   subject no record holds;
 * - for every read and action on an id, an id of a record the caller's department may not know answers exactly as
 *   an id that does not exist (with the id put in its place), names no other department, and leaves an audit record
 *   holding nothing of the record; a record it may know never answers so.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_AGREEMENTS, openPlatformStore, openWorkflow, seedDemoAgreements, WorkflowError, type AuditEntry, type PlatformStore, type Workflow,
  type WorkflowActor,
} from '../../platform/index.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { forEachStore, type StoreUnderTest } from '../harness/platformStores.ts';

const root = resolve(import.meta.dirname, '../..');
const catalogue = readSharingCatalogue(parse(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')));
const population = createPopulation(TEST_POPULATION);

/** Monday 1 June 2026, 10:00 in Beijing: the demo agreements of the current period are in force, the 2024 one expired. */
const NOW = new Date('2026-06-01T02:00:00.000Z');
const DEPARTMENTS = ['public-security', 'civil-affairs', 'human-resources', 'market-regulation', 'tax', 'natural-resources', 'health', 'platform', 'people-government'];
const ROLES = [['app'], ['dept-admin'], ['analyst'], [], ['app', 'analyst']];
const SUBJECTS = [
  ...Array.from({ length: 6 }, (_, i) => population.person(i).idNumber),
  ...Array.from({ length: 3 }, (_, i) => population.enterprise(i).creditCode),
  'no-such-record',
];
const ITEMS = [...catalogue.items.keys(), 'Person.shoeSize'];

const inForce = DEMO_AGREEMENTS.filter(({ agreement, then }) =>
  (agreement.status ?? 'PENDING') === 'APPROVED' && !then && Date.parse(agreement.validFrom) <= NOW.getTime() && NOW.getTime() < Date.parse(agreement.validUntil),
).map(({ agreement }) => agreement);

// ---------------------------------------------------------------------------------------------------------------
// The oracle.

/** What the trail holds, as the test wrote it: consumer -> provider -> subjects served. */
type Served = Map<string, Map<string, Set<string>>>;

type Expected = 'recorded' | 'FORBIDDEN' | 'INVALID' | 'NOT_FOUND';

function expectedReport(served: Served, actor: WorkflowActor, item: string, subject: string): Expected {
  if (!actor.roles.some((role) => role === 'app' || role === 'dept-admin')) return 'FORBIDDEN';
  const policy = catalogue.items.get(item);
  if (!policy || !policy.provider || policy.provider === actor.department) return 'INVALID';
  const mayReceive = policy.level === 'UNCONDITIONAL'
    || (policy.level === 'CONDITIONAL' && inForce.some((a) => a.consumer === actor.department && a.provider === policy.provider && a.items.includes(item)));
  if (!mayReceive) return 'FORBIDDEN';
  return served.get(actor.department)?.get(policy.provider)?.has(subject) ? 'recorded' : 'NOT_FOUND';
}

/** Whether `department` may know of the record: its parties, and a dispute's later deciders once it reached them. */
function mayKnow(record: { consumer: string; provider: string; stage?: string; competentDepartment?: string; commonSuperior?: string }, department: string): boolean {
  if (department === record.consumer || department === record.provider) return true;
  if (record.stage === undefined) return false;
  return (department === record.competentDepartment && record.stage !== 'NEGOTIATION') || (department === record.commonSuperior && record.stage === 'COMMON_SUPERIOR');
}

async function outcome(promise: Promise<unknown>): Promise<{ code: string; message: string; problems: readonly string[] } | 'done'> {
  try {
    await promise;
    return 'done';
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    return { code: error.code, message: error.message, problems: error.problems };
  }
}

/** The departments a text names, other than `department`. */
function othersNamed(text: string, department: string): string[] {
  return DEPARTMENTS.filter((d) => d !== department && new RegExp(`(^|[^a-z-])${d}([^a-z-]|$)`).test(text));
}

// ---------------------------------------------------------------------------------------------------------------

let kind: StoreUnderTest;

forEachStore((store) => {
  let platform: PlatformStore;
  let workflow: Workflow;
  const served: Served = new Map();

  beforeAll(async () => {
    kind = store;
    platform = await openPlatformStore({ ...kind.fresh().options, now: () => NOW });
    await seedDemoAgreements(platform.agreements);
    workflow = openWorkflow({ store: platform, catalogue, now: () => NOW, objectionReplyDays: 1 });
  });
  afterAll(async () => {
    await platform?.close();
  });

  /** A request of `consumer` served `subjects` by `provider`, as a department reports it: in the trail and in the oracle's model. */
  async function serve(consumer: string, provider: string, subjects: string[]) {
    const entry: AuditEntry = {
      time: new Date(NOW.getTime() - 3_600_000).toISOString(), requestId: randomUUID(), application: `${consumer}-app`, department: consumer,
      purpose: null, agreements: [], operationName: null, documentHash: null,
      providers: { [provider]: { served: ['Query.person'], masked: [], denied: [], subjects: [...new Set(subjects)].sort() } },
      outcome: 'ok', status: 200, reason: null, durationMs: 1, kind: 'request',
    };
    await platform.audit.append(entry);
    const byProvider = served.get(consumer) ?? new Map<string, Set<string>>();
    const set = byProvider.get(provider) ?? new Set<string>();
    for (const subject of subjects) set.add(subject);
    byProvider.set(provider, set);
    served.set(consumer, byProvider);
  }

  describe('objections', () => {
    it('are recorded exactly for items the consumer may receive and subjects it was served, and refused alike whoever holds the subject', async () => {
      const department = fc.constantFrom(...DEPARTMENTS.slice(0, 8));
      const request = fc.record({ consumer: department, provider: department, subjects: fc.subarray(SUBJECTS, { minLength: 1, maxLength: 3 }) });
      await fc.assert(
        fc.asyncProperty(
          fc.array(request, { maxLength: 2 }),
          fc.record({ department, roles: fc.constantFrom(...ROLES) }),
          fc.constantFrom(...ITEMS),
          fc.constantFrom(...SUBJECTS),
          async (requests, caller, item, subject) => {
            for (const r of requests) await serve(r.consumer, r.provider, r.subjects);
            const actor: WorkflowActor = { application: `${caller.department}-app`, department: caller.department, roles: caller.roles };
            const expected = expectedReport(served, actor, item, subject);
            const context = `${caller.department} [${caller.roles.join(',')}] ${item} ${subject}`;
            const report = (subjectKey: string) => outcome(workflow.objections.report({ item, subjectKey, description: 'Wrong', actor }));
            const answer = await report(subject);
            if (expected === 'recorded') {
              expect(answer, context).toBe('done');
              return;
            }
            expect(answer === 'done' ? 'done' : answer.code, context).toBe(expected);
            if (expected === 'NOT_FOUND') {
              // A subject no record anywhere holds is refused in the very same words.
              expect(await report(`1101011990${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`), context).toEqual(answer);
            }
          },
        ),
        { numRuns: 200, seed: 15_7001 },
      );
    }, 120_000);
  });

  describe('ids', () => {
    /** Records of every kind among departments, some disputes taken to later stages. */
    const known = { applications: [] as string[], objections: [] as string[], disputes: [] as string[] };

    beforeAll(async () => {
      const admin = (department: string): WorkflowActor => ({ application: `${department}-admin`, department, roles: ['dept-admin'] });
      const pairs = [['tax', 'civil-affairs'], ['market-regulation', 'public-security'], ['health', 'human-resources'], ['natural-resources', 'civil-affairs']] as const;
      for (const [consumer, provider] of pairs) {
        const item = [...catalogue.items.values()].find((p) => p.provider === provider && p.level === 'CONDITIONAL')!.item;
        const refused = await workflow.applications.apply({
          consumer, provider, items: [item], purpose: `${consumer}-isolation-check`, legalBasis: 'A law', scenario: 'A scenario',
          validFrom: '2026-06-01', validUntil: '2027-06-01', actor: admin(consumer),
        });
        await workflow.applications.decide({ id: refused.agreement.id, decision: 'reject', reason: 'No', actor: admin(provider) });
        const pending = await workflow.applications.apply({
          consumer, provider, items: [item], purpose: `${consumer}-pending-check`, legalBasis: 'A law', scenario: 'A scenario',
          validFrom: '2026-06-01', validUntil: '2027-06-01', actor: admin(consumer),
        });
        known.applications.push(refused.agreement.id, pending.agreement.id);
        const dispute = await workflow.disputes.raise({ application: refused.agreement.id, statement: 'Needed', actor: admin(consumer) });
        known.disputes.push(dispute.id);
        const name = [...catalogue.items.values()].find((p) => p.provider === provider && p.level === 'UNCONDITIONAL' && !p.key)!.item;
        await serve(consumer, provider, [SUBJECTS[0]!]);
        known.objections.push((await workflow.objections.report({ item: name, subjectKey: SUBJECTS[0]!, description: 'Wrong', actor: admin(consumer) })).id);
      }
      // Take the second dispute to the competent department and the third to the common superior.
      await workflow.disputes.recordOutcome({ id: known.disputes[1]!, outcome: 'UNRESOLVED', note: 'No', actor: admin('public-security') });
      await workflow.disputes.escalate({ id: known.disputes[1]!, reason: 'No', actor: admin('market-regulation') });
      await workflow.disputes.recordOutcome({ id: known.disputes[2]!, outcome: 'UNRESOLVED', note: 'No', actor: admin('human-resources') });
      await workflow.disputes.escalate({ id: known.disputes[2]!, reason: 'No', actor: admin('health') });
      await workflow.disputes.recordOutcome({ id: known.disputes[2]!, outcome: 'UNRESOLVED', note: 'No', actor: admin('platform') });
      await workflow.disputes.escalate({ id: known.disputes[2]!, reason: 'No', actor: admin('health') });
    });

    type Kind = 'application' | 'objection' | 'dispute';
    /** Every read and action on an id, with input the workflow refuses (or that changes nothing) once it knows the record. */
    const OPERATIONS: Record<Kind, Record<string, (w: Workflow, id: string, actor: WorkflowActor) => Promise<unknown>>> = {
      application: {
        read: (w, id, actor) => w.applications.get({ id, actor }),
        decide: (w, id, actor) => w.applications.decide({ id, decision: 'maybe' as 'approve', actor }),
        revoke: (w, id, actor) => w.applications.revoke({ id, reason: '', actor }),
        raise: (w, id, actor) => w.disputes.raise({ application: id, statement: 'Again', actor }),
      },
      objection: {
        read: (w, id, actor) => w.objections.get({ id, actor }),
        answer: (w, id, actor) => w.objections.answer({ id, outcome: 'WRONG' as 'CORRECTED', note: '', actor }),
        raise: (w, id, actor) => w.disputes.raise({ objection: id, statement: 'Again', actor }),
      },
      dispute: {
        read: (w, id, actor) => w.disputes.get({ id, actor }),
        escalate: (w, id, actor) => w.disputes.escalate({ id, reason: '', actor }),
        outcome: (w, id, actor) => w.disputes.recordOutcome({ id, outcome: 'BOGUS' as 'SETTLED', note: '', actor }),
      },
    };
    const UNKNOWN: Record<Kind, string> = { application: 'AGR-2099-9999', objection: 'OBJ-2099-9999', dispute: 'DSP-2099-9999' };

    async function recordOf(kindOf: Kind, id: string) {
      const records = platform.workflowRecords;
      if (kindOf === 'application') return (await records.applications.get(id, NOW))?.agreement ?? null;
      if (kindOf === 'objection') return records.objections.get(id, NOW);
      return records.disputes.get(id, NOW);
    }

    it('of records the caller may not know answer as ids that do not exist, naming nobody and recording nothing of them', async () => {
      const target = fc.constantFrom<Kind>('application', 'objection', 'dispute').chain((k) =>
        fc.record({
          kind: fc.constant(k),
          operation: fc.constantFrom(...Object.keys(OPERATIONS[k])),
          id: fc.oneof(
            { arbitrary: fc.constantFrom(...known[`${k}s` as const]), weight: 4 },
            { arbitrary: fc.constant(UNKNOWN[k]), weight: 1 },
            { arbitrary: fc.integer({ min: 5000, max: 9998 }).map((n) => `${UNKNOWN[k].slice(0, 4)}2026-${n}`), weight: 1 },
          ),
        }));
      await fc.assert(
        fc.asyncProperty(fc.record({ department: fc.constantFrom(...DEPARTMENTS), roles: fc.constantFrom(...ROLES) }), target, async (caller, { kind: k, operation, id }) => {
          const requestId = randomUUID();
          const actor: WorkflowActor = { application: `${caller.department}-probe`, department: caller.department, roles: caller.roles, requestId };
          const run = OPERATIONS[k][operation]!;
          const record = await recordOf(k, id);
          const answer = await outcome(run(workflow, id, actor));
          const context = `${caller.department} [${caller.roles.join(',')}] ${operation} ${id}\n${JSON.stringify(answer)}`;
          const unknownAnswer = await outcome(run(workflow, UNKNOWN[k], { ...actor, requestId: randomUUID() }));
          const asUnknown = JSON.parse(JSON.stringify(unknownAnswer).replaceAll(UNKNOWN[k], id));
          if (record && mayKnow(record as never, caller.department)) {
            // Known: refused, if at all, for its roles, its state or the input; never as an unknown id.
            expect(answer === 'done' ? 'done' : answer.code, context).not.toBe('NOT_FOUND');
            return;
          }
          expect(answer, context).toEqual(asUnknown);
          expect(othersNamed(JSON.stringify(answer), caller.department), context).toEqual([]);
          // Its audit record (a refusal) holds the action and the caller only.
          const [written] = (await platform.audit.query({ consumer: caller.department }, { first: 5 })).records.filter((r) => r.requestId === requestId);
          if (written) expect([written.providers, written.agreements, written.purpose, written.outcome], context).toEqual([{}, [], null, 'denied']);
        }),
        { numRuns: 500, seed: 15_7002 },
      );
    }, 120_000);
  });
});
