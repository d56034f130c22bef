/**
 * The sharing workflow in the graph. The actor is the verified grant's application, department and roles (the
 * gateway copies them from the caller's token), never an argument; the workflow decides what the actor may do
 * (`platform/workflow/roles.ts`), checks the input against the catalogue of the supergraph the gateway serves,
 * and records every action, refused ones included, in the audit trail.
 */
import type { AgreementStatus, WorkflowActor } from '../../platform/index.ts';
import { badInput } from './arguments.ts';
import type { MutationResolvers, QueryResolvers } from './__generated__/resolvers.ts';
import type { Context } from './resources.ts';
import { answering } from './workflowErrors.ts';
import { applicationView, objectionView } from './workflowViews.ts';
import { connection, workflowPage } from './workflowPages.ts';

const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['APPROVED', 'EXPIRED', 'REVOKED'];

export function actorOf(context: Context): WorkflowActor {
  const { sub, dept, roles } = context.grant;
  // The gateway's request id: the action's audit record and the request's own record share it.
  return { application: sub, department: dept, roles: [...roles], ...(context.requestId && { requestId: context.requestId }) };
}

/** `null` (an argument given as null) reads as "not given". */
export function given<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

export const workflowQueries: Pick<QueryResolvers<Context>, 'applications' | 'application' | 'agreements' | 'objections' | 'objection'> = {
  applications: (_root, { filter, first, after }, context) =>
    answering(async () => {
      const page = workflowPage(first, after);
      const now = context.resources.now();
      const found = await context.resources.workflow.applications.page({
        actor: actorOf(context),
        consumer: given(filter?.consumer),
        provider: given(filter?.provider),
        status: given(filter?.status),
        overdue: given(filter?.overdue),
      }, page, now);
      return connection(found, (application) => application.agreement.id, (application) => applicationView(application, now));
    }),
  application: (_root, { id }, context) =>
    answering(async () => applicationView(await context.resources.workflow.applications.get({ id, actor: actorOf(context) }), context.resources.now())),
  agreements: (_root, { filter, first, after }, context) =>
    answering(async () => {
      const status = given(filter?.status);
      if (status !== undefined && !AGREEMENT_STATUSES.includes(status)) {
        throw badInput(`filter.status of an agreement is ${AGREEMENT_STATUSES.join(', ')}; for ${status} applications, ask applications(filter: { status: ${status} }).`, 'filter.status');
      }
      const page = workflowPage(first, after);
      const now = context.resources.now();
      const found = await context.resources.workflow.applications.page({
        actor: actorOf(context), consumer: given(filter?.consumer), provider: given(filter?.provider), status, statuses: AGREEMENT_STATUSES,
      }, page, now);
      return connection(found, (application) => application.agreement.id, (application) => applicationView(application, now));
    }),
  objections: (_root, { filter, first, after }, context) =>
    answering(async () => {
      const page = workflowPage(first, after);
      const found = await context.resources.workflow.objections.page({
        actor: actorOf(context),
        consumer: given(filter?.consumer),
        provider: given(filter?.provider),
        status: given(filter?.status),
        overdue: given(filter?.overdue),
      }, page, context.resources.now());
      return connection(found, (objection) => objection.id, objectionView);
    }),
  objection: (_root, { id }, context) =>
    answering(async () => objectionView(await context.resources.workflow.objections.get({ id, actor: actorOf(context) }))),
};

export const workflowMutations: Omit<MutationResolvers<Context>, 'raiseDispute' | 'escalateDispute' | 'recordDisputeOutcome'> = {
  applyForSharing: (_root, { input }, context) =>
    answering(async () => {
      const { sharing } = context.resources.catalogue;
      const actor = actorOf(context);
      // UNCONDITIONAL items of other departments are everyone's at once; sensitive ones are applied for (to get them raw).
      const available = [...new Set(input.items)].filter((item) => {
        const policy = sharing.items.get(item);
        return policy !== undefined && policy.level === 'UNCONDITIONAL' && !policy.sensitive && policy.provider !== actor.department;
      });
      const applied = input.items.filter((item) => !available.includes(item));
      const availableNote = available.length > 0
        ? `${available.join(', ')} ${available.length === 1 ? 'is' : 'are'} UNCONDITIONAL: every department may use ${available.length === 1 ? 'it' : 'them'} at once, without an application`
        : '';
      if (applied.length === 0 && available.length > 0) {
        return { application: null, availableWithoutApplication: available, message: `No application needed: ${availableNote}.` };
      }
      const now = context.resources.now();
      const application = await context.resources.workflow.applications.apply({
        consumer: actor.department,
        provider: input.provider,
        items: applied,
        purpose: input.purpose,
        legalBasis: input.legalBasis,
        scenario: input.scenario,
        validFrom: given(input.validFrom) ?? now.toISOString(),
        validUntil: input.validUntil,
        actor,
      });
      const id = application.agreement.id;
      const applying = `Applied to ${input.provider} for ${applied.join(', ')} as ${id}; ${input.provider} must answer by ${application.deadline}`;
      return {
        application: applicationView(application, now),
        availableWithoutApplication: available,
        message: availableNote ? `${applying}. ${availableNote[0]!.toUpperCase()}${availableNote.slice(1)}, so ${available.length === 1 ? 'it was' : 'they were'} not applied for.` : `${applying}.`,
      };
    }),
  decideApplication: (_root, { input }, context) =>
    answering(async () => {
      const application = await context.resources.workflow.applications.decide({
        id: input.id,
        decision: input.decision === 'REJECT' ? 'reject' : 'approve',
        ...(input.items != null && { items: input.items }),
        ...(input.validUntil != null && { validUntil: input.validUntil }),
        ...(input.reason != null && { reason: input.reason }),
        actor: actorOf(context),
      });
      return applicationView(application, context.resources.now());
    }),
  revokeAgreement: (_root, { input }, context) =>
    answering(async () => {
      const application = await context.resources.workflow.applications.revoke({ id: input.id, reason: input.reason, actor: actorOf(context) });
      return applicationView(application, context.resources.now());
    }),
  reportObjection: (_root, { input }, context) =>
    answering(async () => objectionView(await context.resources.workflow.objections.report({ ...input, actor: actorOf(context) }))),
  answerObjection: (_root, { input }, context) =>
    answering(async () => objectionView(await context.resources.workflow.objections.answer({ ...input, actor: actorOf(context) }))),
};

