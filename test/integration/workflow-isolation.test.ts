/**
 * The workflow and its views answer only what the caller may know, through the gateway, as properties over
 * generated callers, items, subjects and ids (fast-check, seeded). Real requests (OneStop, LegalRepresentatives)
 * fill the audit trail first; the oracle reads that trail record by record, with the catalogue's levels and the
 * demo agreements, independently of the workflow's own queries:
 * - `reportObjection` records an objection exactly when the caller may report, the item is another department's,
 *   its department may receive it and a request of its department was served that subject by the item's provider;
 *   every other answer is the code the oracle expects, and a refusal about the subject is word for word the refusal
 *   for a resident no record holds;
 * - every read and action on an application, objection or dispute id the caller's department may not know answers
 *   exactly as an id that does not exist, names no other department, and its record in the caller's own
 *   `myAccesses` shows nothing of the record.
 */
import { print } from 'graphql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGREEMENTS, type AuditRecord } from '../../platform/index.ts';
import { LegalRepresentativesDocument, OneStopDocument } from '../../schema/__generated__/operations.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startWorkflowFederation, type WorkflowFederation } from './workflowFederation.ts';

const population = createPopulation(TEST_POPULATION);
const catalogue = readSharingCatalogue(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')));
const DEPARTMENTS = ['public-security', 'civil-affairs', 'human-resources', 'market-regulation', 'tax', 'natural-resources', 'health', 'platform', 'people-government'];
const ROLES = [['app'], ['dept-admin'], ['analyst'], []];
const residents = Array.from({ length: 5 }, (_, i) => population.person(i).idNumber);
const NOW = Date.now();
const inForce = DEMO_AGREEMENTS.filter(({ agreement, then }) =>
  (agreement.status ?? 'PENDING') === 'APPROVED' && !then && Date.parse(agreement.validFrom) <= NOW && NOW < Date.parse(agreement.validUntil),
).map(({ agreement }) => agreement);

let federation: WorkflowFederation;
type Caller = { department: string; application?: string; roles?: string[]; purpose?: string };

async function gql(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { ...(await federation.as(caller)), 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { requestId: response.headers.get('x-request-id'), body: (await response.json()) as { data?: any; errors?: any[] } };
}
const admin = (department: string): Caller => ({ department, application: `${department}-admin`, roles: ['dept-admin'] });

/** Every request record of the trail, read whole: the oracle's model of what each consumer was served by whom. */
async function servedModel(): Promise<{ served: (consumer: string, provider: string, subject: string) => boolean; triples: [string, string, string][] }> {
  const records: AuditRecord[] = [];
  let after: string | null = null;
  do {
    const page = await federation.platform.audit.query({}, { first: 500, ...(after ? { after } : {}) });
    records.push(...page.records);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  const requests = records.filter((record) => record.kind === 'request');
  const triples = requests.flatMap((r) => Object.entries(r.providers).flatMap(([provider, access]) => access.subjects.map((subject): [string, string, string] => [r.department!, provider, subject])));
  return {
    served: (consumer, provider, subject) => requests.some((r) => r.department === consumer && (r.providers[provider]?.subjects ?? []).includes(subject)),
    triples,
  };
}

/** Names of departments in `text` other than `department` (the gateway's `serviceName` of the platform subgraph aside). */
function othersNamed(text: string, department: string): string[] {
  const said = text.replaceAll('"serviceName":"platform"', '');
  return DEPARTMENTS.filter((d) => d !== department && new RegExp(`(^|[^a-z-])${d}([^a-z-]|$)`).test(said));
}

const known = { application: [] as string[], objection: [] as string[], dispute: [] as string[] };
/** Who may know each known record: its parties (a dispute's later deciders are not reached here). */
const parties = new Map<string, string[]>();

beforeAll(async () => {
  federation = await startWorkflowFederation();
  // Requests that fill the trail, as departments report them at the source.
  const oneStop = print(OneStopDocument);
  await gql({ department: 'tax', purpose: 'property-tax-assessment' }, oneStop, { id: residents[0] });
  await gql({ department: 'tax', purpose: 'individual-income-tax-deduction' }, 'query($id: ResidentId!) { person(idNumber: $id) { maritalStatus } }', { id: residents[1] });
  await gql({ department: 'civil-affairs', purpose: 'marriage-registration' }, oneStop, { id: residents[1] });
  await gql({ department: 'human-resources', purpose: 'social-insurance-enrolment' }, oneStop, { id: residents[2] });
  await gql({ department: 'natural-resources' }, oneStop, { id: residents[3] });
  await gql({ department: 'market-regulation' }, print(LegalRepresentativesDocument), { first: 2 });

  // Records of every kind: market regulation's refused and pending applications to civil affairs, a dispute about
  // the refused one, and tax's objection to the marital status it was served.
  const apply = async (purpose: string) => (await gql(admin('market-regulation'), 'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { application { id } } }', {
    input: {
      provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose, legalBasis: 'Regulations on Enterprise Information Disclosure art. 9',
      scenario: 'Checking declared family status', validUntil: new Date(NOW + 365 * 86_400_000).toISOString(),
    },
  })).body.data.applyForSharing.application.id as string;
  const refused = await apply('isolation-refused-check');
  await gql(admin('civil-affairs'), 'mutation($input: ApplicationDecisionInput!) { decideApplication(input: $input) { id } }', { input: { id: refused, decision: 'REJECT', reason: 'No' } });
  known.application.push(refused, await apply('isolation-pending-check'));
  known.dispute.push((await gql(admin('market-regulation'), 'mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) { id } }', { input: { application: refused, statement: 'Needed' } }))
    .body.data.raiseDispute.id);
  known.objection.push((await gql({ department: 'tax', roles: ['app'] }, 'mutation($input: ObjectionInput!) { reportObjection(input: $input) { id } }', {
    input: { item: 'Person.maritalStatus', subjectKey: residents[1], description: 'Divorce missing' },
  })).body.data.reportObjection.id);
  for (const id of [...known.application, ...known.dispute]) parties.set(id, ['market-regulation', 'civil-affairs']);
  parties.set(known.objection[0]!, ['tax', 'civil-affairs']);
}, 120_000);
afterAll(async () => {
  await federation?.stop();
});

describe('reportObjection through the gateway', () => {
  it('records an objection exactly for an item the consumer may receive and a subject it was served, and refuses alike whoever holds the subject', async () => {
    const { served, triples } = await servedModel();
    const enterprises = (await federation.platform.audit.query({ kind: 'request', consumer: 'market-regulation' }, { first: 5 })).records
      .flatMap((r) => r.providers['market-regulation']?.subjects ?? []).slice(0, 2);
    const subjects = [...residents, ...enterprises];
    const items = [...catalogue.items.values()].filter((p) => p.provider !== 'platform').map((p) => p.item);
    const REPORT = 'mutation($input: ObjectionInput!) { reportObjection(input: $input) { id consumer provider item subjectKey } }';
    // Half the attempts start from what the trail says a department was served (an item of that provider, that
    // subject), so attempts the oracle accepts are generated as often as refusals.
    const anyAttempt = fc.tuple(
      fc.record({ department: fc.constantFrom(...DEPARTMENTS.slice(0, 7)), roles: fc.constantFrom(...ROLES) }),
      fc.constantFrom(...items, 'Person.shoeSize'),
      fc.constantFrom(...subjects),
    );
    const fromTrail = fc.tuple(fc.constantFrom(...triples), fc.constantFrom<string[]>(['app'], ['dept-admin'], ['analyst']), fc.nat()).map(([[consumer, provider, subject], roles, n]) => {
      const ofProvider = items.filter((item) => catalogue.items.get(item)!.provider === provider);
      return [{ department: consumer, roles }, ofProvider[n % ofProvider.length]!, subject] as [{ department: string; roles: string[] }, string, string];
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyAttempt, fromTrail),
        async ([{ department, roles }, item, subject]) => {
          const caller = { department, roles, application: `${department}-reporter` };
          const report = (subjectKey: string) => gql(caller, REPORT, { input: { item, subjectKey, description: 'The record is wrong' } });
          const policy = catalogue.items.get(item);
          const expected = !roles.some((r) => r === 'app' || r === 'dept-admin') ? 'FORBIDDEN'
            : !policy || policy.provider === department ? 'BAD_USER_INPUT'
            : !(policy.level === 'UNCONDITIONAL' || (policy.level === 'CONDITIONAL' && inForce.some((a) => a.consumer === department && a.provider === policy.provider && a.items.includes(item)))) ? 'FORBIDDEN'
            : !served(department, policy.provider!, subject) ? 'NOT_FOUND'
            : 'recorded';
          const { body } = await report(subject);
          const context = `${department} [${roles.join(',')}] ${item} ${subject}\n${JSON.stringify(body)}`;
          if (expected === 'recorded') {
            expect(body, context).toEqual({ data: { reportObjection: { id: expect.stringMatching(/^OBJ-/), consumer: department, provider: policy!.provider, item, subjectKey: subject } } });
            return;
          }
          expect([body.data, body.errors?.map((e) => e.extensions.code)], context).toEqual([null, [expected]]);
          if (expected === 'NOT_FOUND') {
            // A valid resident ID that no department holds: the very same refusal.
            expect((await report('11010519491231002X')).body, context).toEqual(body);
          }
        },
      ),
      { numRuns: 60, seed: 15_7003 },
    );
  }, 120_000);
});

describe('ids of other departments\' records through the gateway', () => {
  type Kind = 'application' | 'objection' | 'dispute';
  const UNKNOWN: Record<Kind, string> = { application: 'AGR-2026-9999', objection: 'OBJ-2026-9999', dispute: 'DSP-2026-9999' };
  const OPERATIONS: Record<Kind, { field: string; query: string; variables: (id: string) => Record<string, unknown>; kind?: string }[]> = {
    application: [
      { field: 'application', query: 'query($id: String!) { application(id: $id) { id consumer provider } }', variables: (id) => ({ id }) },
      { field: 'decideApplication', kind: 'agreement.approve', query: 'mutation($id: String!) { decideApplication(input: { id: $id, decision: APPROVE, items: [] }) { id } }', variables: (id) => ({ id }) },
      { field: 'revokeAgreement', kind: 'agreement.revoke', query: 'mutation($id: String!) { revokeAgreement(input: { id: $id, reason: "" }) { id } }', variables: (id) => ({ id }) },
      { field: 'raiseDispute', kind: 'dispute.raise', query: 'mutation($id: String!) { raiseDispute(input: { application: $id, statement: "Again" }) { id } }', variables: (id) => ({ id }) },
    ],
    objection: [
      { field: 'objection', query: 'query($id: String!) { objection(id: $id) { id consumer provider subjectKey } }', variables: (id) => ({ id }) },
      { field: 'answerObjection', kind: 'objection.answer', query: 'mutation($id: String!) { answerObjection(input: { id: $id, outcome: CORRECTED, note: "" }) { id } }', variables: (id) => ({ id }) },
      { field: 'raiseDispute', kind: 'dispute.raise', query: 'mutation($id: String!) { raiseDispute(input: { objection: $id, statement: "Again" }) { id } }', variables: (id) => ({ id }) },
    ],
    dispute: [
      { field: 'dispute', query: 'query($id: String!) { dispute(id: $id) { id consumer provider } }', variables: (id) => ({ id }) },
      { field: 'escalateDispute', kind: 'dispute.escalate', query: 'mutation($id: String!) { escalateDispute(input: { id: $id, reason: "" }) { id } }', variables: (id) => ({ id }) },
      { field: 'recordDisputeOutcome', kind: 'dispute.outcome', query: 'mutation($id: String!) { recordDisputeOutcome(input: { id: $id, outcome: UPHELD, note: "" }) { id } }', variables: (id) => ({ id }) },
    ],
  };

  it('answer as ids that do not exist, name nobody, and leave nothing of the record in the caller\'s own view of the trail', async () => {
    const target = fc.constantFrom<Kind>('application', 'objection', 'dispute').chain((k) => fc.record({
      kind: fc.constant(k),
      operation: fc.nat(OPERATIONS[k].length - 1),
      id: fc.oneof({ arbitrary: fc.constantFrom(...known[k]), weight: 3 }, { arbitrary: fc.constant(UNKNOWN[k]), weight: 1 }),
    }));
    await fc.assert(
      fc.asyncProperty(fc.record({ department: fc.constantFrom(...DEPARTMENTS), roles: fc.constantFrom(...ROLES) }), target, async ({ department, roles }, { kind: k, operation, id }) => {
        const caller = { department, roles, application: `${department}-prober` };
        const op = OPERATIONS[k][operation]!;
        const answer = await gql(caller, op.query, op.variables(id));
        const context = `${department} [${roles.join(',')}] ${op.field} ${id}\n${JSON.stringify(answer.body)}`;
        const mayKnow = parties.get(id)?.includes(department) ?? false;
        if (mayKnow) {
          expect(answer.body.errors?.map((e) => e.extensions.code) ?? [], context).not.toContain('NOT_FOUND');
          return;
        }
        const unknown = await gql(caller, op.query, op.variables(UNKNOWN[k]));
        expect(answer.body, context).toEqual(JSON.parse(JSON.stringify(unknown.body).replaceAll(UNKNOWN[k], id)));
        expect(othersNamed(JSON.stringify(answer.body), department), context).toEqual([]);
        if (op.kind) {
          // The refusal is in the caller's own view of the trail (any role of its department reads it), holding nothing of the record.
          const view = await gql({ department, roles: ['analyst'] }, 'query($kind: String!) { myAccesses(filter: { kind: $kind }, first: 10) { nodes { requestId agreements concerns providers { provider } } } }', { kind: op.kind });
          const mine = view.body.data.myAccesses.nodes.find((n: any) => n.requestId === answer.requestId);
          expect(mine, context).toEqual({ requestId: answer.requestId, agreements: [], concerns: [], providers: [] });
        }
      }),
      { numRuns: 60, seed: 15_7004 },
    );
  }, 120_000);
});
