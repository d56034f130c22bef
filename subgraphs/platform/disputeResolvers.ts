/**
 * Disputes in the graph: the list and one dispute, raising, escalating and recording an outcome. As for the rest
 * of the workflow the actor is the verified grant's application, department and roles, never an argument; the
 * workflow (`platform/workflow/disputes.ts`) decides who may do what at each stage and records every step.
 */
import type { MutationResolvers, QueryResolvers } from './__generated__/resolvers.ts';
import { disputeView } from './disputeViews.ts';
import type { Context } from './resources.ts';
import { answering } from './workflowErrors.ts';
import { connection, workflowPage } from './workflowPages.ts';
import { actorOf, given } from './workflowResolvers.ts';

export const disputeQueries: Pick<QueryResolvers<Context>, 'disputes' | 'dispute'> = {
  disputes: (_root, { filter, first, after }, context) =>
    answering(async () => {
      const page = workflowPage(first, after);
      const found = await context.resources.workflow.disputes.page({
        actor: actorOf(context),
        consumer: given(filter?.consumer),
        provider: given(filter?.provider),
        item: given(filter?.item),
        stage: given(filter?.stage),
        status: given(filter?.status),
        overdue: given(filter?.overdue),
      }, page, context.resources.now());
      return connection(found, (dispute) => dispute.id, disputeView);
    }),
  dispute: (_root, { id }, context) =>
    answering(async () => disputeView(await context.resources.workflow.disputes.get({ id, actor: actorOf(context) }))),
};

export const disputeMutations: Pick<MutationResolvers<Context>, 'raiseDispute' | 'escalateDispute' | 'recordDisputeOutcome'> = {
  raiseDispute: (_root, { input }, context) =>
    answering(async () => disputeView(await context.resources.workflow.disputes.raise({
      application: input.application ?? null, objection: input.objection ?? null, statement: input.statement, actor: actorOf(context),
    }))),
  escalateDispute: (_root, { input }, context) =>
    answering(async () => disputeView(await context.resources.workflow.disputes.escalate({ id: input.id, reason: input.reason, actor: actorOf(context) }))),
  recordDisputeOutcome: (_root, { input }, context) =>
    answering(async () => disputeView(await context.resources.workflow.disputes.recordOutcome({
      id: input.id, outcome: input.outcome, note: input.note, agreement: input.agreement ?? null, actor: actorOf(context),
    }))),
};
