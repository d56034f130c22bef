/**
 * Disputes end to end, through the gateway and the platform subgraph: market regulation's refused application goes
 * from negotiation to the competent department to the common superior, each stage's party acting with its own
 * token; the stage deadlines follow the configured working days and flag overdue on the workflow clock; a ruling
 * for the consumer grants nothing until the provider approves an agreement; each step is recorded in the audit
 * trail under the request that carried it; other departments learn nothing of the dispute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, loadHolidayCalendar } from '../../platform/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startWorkflowFederation, type WorkflowFederation } from './workflowFederation.ts';

const resident = createPopulation(TEST_POPULATION).person(0).idNumber;
const calendar = loadHolidayCalendar();
let federation: WorkflowFederation;

beforeAll(async () => {
  federation = await startWorkflowFederation({ workflow: { disputeDays: { NEGOTIATION: 3, COMPETENT_DEPARTMENT: 4, COMMON_SUPERIOR: 5 } } });
});
afterAll(async () => {
  await federation?.stop();
});

type Caller = { department: string; application?: string; roles?: string[]; purpose?: string };
const admin = (department: string): Caller => ({ department, application: `${department}-admin`, roles: ['dept-admin'] });

async function gql(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
  const response = await postGraphQL(federation.gateway.url, { query, variables }, await federation.as(caller));
  return response.body as { data?: any; errors?: any[] };
}

const DISPUTE = 'id matter { kind id } consumer provider items stage status deadline overdue escalable outcome agreement steps { stage deadline outcome { outcome by { department } } }';
const RAISE = `mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) { ${DISPUTE} } }`;
const ESCALATE = `mutation($input: EscalateDisputeInput!) { escalateDispute(input: $input) { ${DISPUTE} } }`;
const OUTCOME = `mutation($input: DisputeOutcomeInput!) { recordDisputeOutcome(input: $input) { ${DISPUTE} } }`;
const READ = `query($id: String!) { dispute(id: $id) { ${DISPUTE} } }`;
const MARITAL_STATUS = 'query($id: ResidentId!) { person(idNumber: $id) { maritalStatus } }';

/** Market regulation applies to civil affairs for marital status, for `purpose`; civil affairs refuses. */
async function refused(purpose: string): Promise<string> {
  const applied = await gql(admin('market-regulation'), 'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { application { id } } }', {
    input: {
      provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose, legalBasis: 'Regulations on Enterprise Information Disclosure art. 9',
      scenario: 'Checking the family status legal representatives declare', validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    },
  });
  const id = applied.data.applyForSharing.application.id as string;
  const rejected = await gql(admin('civil-affairs'), 'mutation($input: ApplicationDecisionInput!) { decideApplication(input: $input) { status } }', {
    input: { id, decision: 'REJECT', reason: 'Annual reports list no family status' },
  });
  expect(rejected.data.decideApplication.status).toBe('REJECTED');
  return id;
}

describe('a dispute along the statutory route', () => {
  it('goes to the common superior, whose ruling grants nothing until the provider approves an agreement', async () => {
    const purpose = 'beneficial-ownership-check';
    const application = await refused(purpose);
    const raised = await gql(admin('market-regulation'), RAISE, { input: { application, statement: 'Beneficial ownership checks need the spouse' } });
    expect(raised.errors).toBeUndefined();
    const { id, deadline } = raised.data.raiseDispute;
    expect(raised.data.raiseDispute).toEqual({
      id, matter: { kind: 'APPLICATION', id: application }, consumer: 'market-regulation', provider: 'civil-affairs', items: ['Person.maritalStatus'],
      stage: 'NEGOTIATION', status: 'OPEN', deadline, overdue: false, escalable: false, outcome: null, agreement: null,
      steps: [{ stage: 'NEGOTIATION', deadline, outcome: null }],
    });
    expect(id).toMatch(/^DSP-\d{4}-\d{4}$/);

    // The provider sees it among its open disputes about the item; the competent department does not yet.
    const about = 'query($item: String!) { disputes(filter: { item: $item, status: OPEN }, first: 50) { totalCount nodes { id stage } } }';
    expect((await gql({ department: 'civil-affairs', roles: ['analyst'] }, about, { item: 'Person.maritalStatus' })).data.disputes.nodes).toContainEqual({ id, stage: 'NEGOTIATION' });
    expect((await gql(admin('platform'), about, { item: 'Person.maritalStatus' })).data.disputes).toEqual({ totalCount: 0, nodes: [] });

    await gql(admin('civil-affairs'), OUTCOME, { input: { id, outcome: 'UNRESOLVED', note: 'We keep our refusal' } });
    const atCompetent = (await gql(admin('market-regulation'), ESCALATE, { input: { id, reason: 'Civil affairs keeps its refusal' } })).data.escalateDispute;
    expect([atCompetent.stage, atCompetent.steps.map((s: any) => [s.stage, s.outcome?.outcome ?? null])]).toEqual([
      'COMPETENT_DEPARTMENT', [['NEGOTIATION', 'UNRESOLVED'], ['COMPETENT_DEPARTMENT', null]],
    ]);
    expect((await gql(admin('platform'), about, { item: 'Person.maritalStatus' })).data.disputes.nodes).toEqual([{ id, stage: 'COMPETENT_DEPARTMENT' }]);
    await gql(admin('platform'), OUTCOME, { input: { id, outcome: 'UNRESOLVED', note: 'Coordination failed' } });
    await gql(admin('market-regulation'), ESCALATE, { input: { id, reason: 'Coordination failed' } });
    const ruling = await gql(admin('people-government'), OUTCOME, { input: { id, outcome: 'UPHELD', note: 'Civil affairs shares marital status for beneficial ownership checks' } });
    expect(ruling.data.recordDisputeOutcome).toMatchObject({ stage: 'COMMON_SUPERIOR', status: 'RESOLVED', outcome: 'UPHELD', agreement: null, escalable: false });

    // No side door: the ruling grants nothing; the consumer applies again and the provider approves.
    const consumer = { department: 'market-regulation', purpose };
    expect((await gql(consumer, MARITAL_STATUS, { id: resident })).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const again = await reappliedAndApproved(purpose);
    expect((await gql(consumer, MARITAL_STATUS, { id: resident })).errors).toBeUndefined();
    expect(again).toMatch(/^AGR-/);
  });

  it('flags each stage overdue after its configured working days, and lets the consumer escalate then', async () => {
    const application = await refused('overdue-dispute-check');
    federation.clock.set('2026-03-02T01:00:00.000Z');
    try {
      const { id, deadline } = (await gql(admin('market-regulation'), RAISE, { input: { application, statement: 'Needed' } })).data.raiseDispute;
      expect(deadline).toBe(addWorkingDays(new Date('2026-03-02T01:00:00.000Z'), 3, calendar).toISOString());
      federation.clock.set(deadline);
      const overdue = '{ disputes(filter: { overdue: true }, first: 50) { nodes { id stage overdue escalable } } }';
      expect((await gql({ department: 'civil-affairs', roles: ['analyst'] }, overdue)).data.disputes.nodes).toContainEqual({ id, stage: 'NEGOTIATION', overdue: true, escalable: true });
      const escalated = (await gql(admin('market-regulation'), ESCALATE, { input: { id, reason: 'No answer within the negotiation' } })).data.escalateDispute;
      expect([escalated.stage, escalated.overdue, escalated.deadline]).toEqual(['COMPETENT_DEPARTMENT', false, addWorkingDays(new Date(deadline), 4, calendar).toISOString()]);
    } finally {
      federation.clock.set(null);
    }
  });
});

describe('who learns of a dispute', () => {
  it('answers other departments as for an id that does not exist, in reads and actions alike', async () => {
    const application = await refused('private-dispute-check');
    const { id } = (await gql(admin('market-regulation'), RAISE, { input: { application, statement: 'Needed' } })).data.raiseDispute;
    const unseen = (asked: string, verb: string, field: string) => ({
      data: field === 'dispute' ? { dispute: null } : null,
      errors: [{
        message: `Cannot ${verb} ${asked}: no dispute with that id concerns tax; disputes lists those that do.`,
        path: [field],
        extensions: { code: 'NOT_FOUND', problems: ['no dispute with that id concerns tax; disputes lists those that do'], serviceName: 'platform' },
      }],
    });
    for (const asked of [id, 'DSP-2026-9999']) {
      expect(await gql(admin('tax'), READ, { id: asked })).toEqual(unseen(asked, 'read', 'dispute'));
      expect(await gql(admin('tax'), ESCALATE, { input: { id: asked, reason: 'x' } })).toEqual(unseen(asked, 'escalate', 'escalateDispute'));
      expect(await gql(admin('tax'), OUTCOME, { input: { id: asked, outcome: 'SETTLED', note: 'x' } })).toEqual(unseen(asked, 'record an outcome of', 'recordDisputeOutcome'));
    }
    expect((await gql({ department: 'tax', roles: ['analyst'] }, '{ disputes(first: 500) { nodes { id } } }')).data.disputes.nodes.map((d: any) => d.id)).not.toContain(id);
  });

  it('records each step under the request that carried it, seen by the parties in their views of the trail', async () => {
    const application = await refused('recorded-dispute-check');
    const response = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { ...(await federation.as(admin('market-regulation'))), 'content-type': 'application/json' },
      body: JSON.stringify({ query: RAISE, variables: { input: { application, statement: 'Needed for annual reports' } } }),
    });
    const requestId = response.headers.get('x-request-id');
    const { id } = ((await response.json()) as any).data.raiseDispute;
    const view = `query($kind: String!) { myAccesses(filter: { kind: $kind }, first: 5) { nodes { requestId kind agreements concerns } } }`;
    expect((await gql({ department: 'market-regulation', roles: ['analyst'] }, view, { kind: 'dispute.raise' })).data.myAccesses.nodes[0]).toEqual({
      requestId, kind: 'dispute.raise', agreements: [application], concerns: ['Person.maritalStatus'],
    });
    const provider = `{ accessesToMyData(filter: { kind: "dispute.raise" }, first: 5) { nodes { requestId consumer { department } agreements concerns } } }`;
    expect((await gql({ department: 'civil-affairs', roles: ['analyst'] }, provider)).data.accessesToMyData.nodes[0]).toEqual({
      requestId, consumer: { department: 'market-regulation' }, agreements: [application], concerns: ['Person.maritalStatus'],
    });
    expect(id).toMatch(/^DSP-/);
  });
});

/** The ordinary route to access after a ruling: market regulation applies again for `purpose`, civil affairs approves. */
async function reappliedAndApproved(purpose: string): Promise<string> {
  const applied = await gql(admin('market-regulation'), 'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { application { id } } }', {
    input: {
      provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose, legalBasis: 'Ruling of the people\'s government on the dispute',
      scenario: 'Checking beneficial ownership, as ruled', validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    },
  });
  const id = applied.data.applyForSharing.application.id as string;
  expect((await gql(admin('civil-affairs'), 'mutation($input: ApplicationDecisionInput!) { decideApplication(input: $input) { status } }', { input: { id, decision: 'APPROVE' } }))
    .data.decideApplication.status).toBe('APPROVED');
  return id;
}
