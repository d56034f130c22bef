/**
 * The platform subgraph's resolvers: the catalogue (`catalogueResolvers.ts`), the sharing workflow
 * (`workflowResolvers.ts`, disputes in `disputeResolvers.ts`), the resident's own records (`residentResolvers.ts`,
 * which also keeps a resident's grant out of every other field) and, here, the audit views. The caller is the department of the verified grant (`grant.dept`), never an
 * argument: each view is bounded to records that concern that department, and each record is shown as that
 * department may see it (see accessViews.ts).
 */
import type { AuditRecord } from '../../platform/index.ts';
import { answeringBadCursors, auditFilter, nonEmpty, pageSize } from './arguments.ts';
import { consumerView, providerView, subjectView, type Viewer } from './accessViews.ts';
import type { Resolvers } from './__generated__/resolvers.ts';
import { mergedPage } from './mergedPages.ts';
import type { Context } from './resources.ts';
import { catalogueQueries } from './catalogueResolvers.ts';
import { disputeMutations, disputeQueries } from './disputeResolvers.ts';
import { schemaHistoryQueries } from './schemaHistoryResolvers.ts';
import { workflowMutations, workflowQueries } from './workflowResolvers.ts';
import { refusingResidents, residentMutations, residentQueries } from './residentResolvers.ts';

export const resolvers: Resolvers = {
  Mutation: refusingResidents('Mutation', { ...workflowMutations, ...disputeMutations, ...residentMutations }),
  Query: refusingResidents('Query', {
    ...residentQueries,
    ...catalogueQueries,
    ...workflowQueries,
    ...disputeQueries,
    ...schemaHistoryQueries,
    accessesToMyData: async (_root, { filter, first, after }, context) => {
      const department = context.grant.dept;
      const bound = auditFilter(filter, {
        field: 'provider', department,
        lists: "accessesToMyData lists accesses to your department's items",
        otherwise: 'for the requests your department made, ask myAccesses',
      });
      const page = await answeringBadCursors(context.resources.audit).query(bound, { first: pageSize(first), after: after ?? null });
      const nodes = await Promise.all(page.records.map(async (record) => providerView(record, await viewerOf(record, context))));
      return { nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
    },
    myAccesses: async (_root, { filter, first, after }, context) => {
      const department = context.grant.dept;
      const bound = auditFilter(filter, {
        field: 'consumer', department,
        lists: 'myAccesses lists the requests your department made',
        otherwise: "for accesses to your department's items, ask accessesToMyData",
      });
      const page = await answeringBadCursors(context.resources.audit).query(bound, { first: pageSize(first), after: after ?? null });
      const nodes = await Promise.all(page.records.map(async (record) => consumerView(record, await viewerOf(record, context))));
      return { nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
    },
    accessesAbout: async (_root, { subject, first, after }, context) => {
      const department = context.grant.dept;
      nonEmpty(subject, 'subject');
      // Requests the caller made about the subject, and those in which it returned the subject itself.
      const page = await mergedPage(
        answeringBadCursors(context.resources.audit),
        { asConsumer: { subject, consumer: department }, asProvider: { subject, provider: department } },
        pageSize(first),
        after ?? null,
      );
      const nodes = await Promise.all(page.records.map(async (record) => subjectView(record, subject, await viewerOf(record, context))));
      return { nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
    },
  }),
};

async function viewerOf(record: AuditRecord, context: Context): Promise<Viewer> {
  const department = context.grant.dept;
  const providers = await context.resources.agreementProvider.loadMany(record.agreements);
  // An agreement that cannot be read is not shown as the viewer's (fail closed).
  const ownAgreements = record.agreements.filter((_, i) => providers[i] === department);
  return { department, ownAgreements, maskingKey: context.grant.mk ? Buffer.from(context.grant.mk, 'base64url') : null };
}
