/**
 * The resident's fields: their accesses (`myDataAccesses`), their correction requests (`myCorrections`) and a new one
 * (`requestCorrection`). The resident is the grant's `rid`, which the gateway sets only for a verified resident's
 * token (dept the reserved `resident`), checked again here by the ResidentId rules; never an argument. A department's
 * grant gets FORBIDDEN here, and a resident's grant gets FORBIDDEN from every other field (`refusingResidents`), so
 * the platform holds the line even if the gateway's scope (gateway/admit/useResidentScope.ts) did not.
 * Each answer reports the resident as its subject, so the trail records whose records were read (the resident's own
 * requests are left out of `myDataAccesses`: it lists departments' accesses).
 */
import { GraphQLError } from 'graphql';
import { RESIDENT_DEPARTMENT, RESIDENT_ROOT_FIELDS } from '../../sharing/residents.ts';
import { validateResidentId } from '../../sharing/identifiers/index.ts';
import { answeringBadCursors, pageSize } from './arguments.ts';
import type { MutationResolvers, QueryResolvers } from './__generated__/resolvers.ts';
import type { Context } from './resources.ts';
import { correctionView, residentAccessView } from './residentViews.ts';
import { answering } from './workflowErrors.ts';
import { connection, workflowPage } from './workflowPages.ts';

/** The signed-in resident of this request; FORBIDDEN for anyone else. */
export function residentOf(context: Context): string {
  const { dept, resident } = context.grant;
  const check = dept === RESIDENT_DEPARTMENT ? validateResidentId(resident) : null;
  if (!check?.ok) {
    throw new GraphQLError('Only a signed-in resident asks about their own records: sign in as a resident on /residents (a department\'s token cannot).', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  context.served?.subject(check.value);
  return check.value;
}

export const residentQueries: Pick<QueryResolvers<Context>, 'myDataAccesses' | 'myCorrections'> = {
  myDataAccesses: async (_root, { first, after }, context) => {
    const resident = residentOf(context);
    const filter = { subject: resident, kind: 'request', notConsumer: RESIDENT_DEPARTMENT };
    const audit = answeringBadCursors(context.resources.audit);
    const [page, totalCount] = await Promise.all([audit.query(filter, { first: pageSize(first), after: after ?? null }), audit.count(filter)]);
    const catalogue = context.resources.catalogue.sharing;
    const nodes = await Promise.all(page.records.map(async (record) => {
      const agreements = (await context.resources.agreement.loadMany(record.agreements)).map((found) => (found instanceof Error ? null : found));
      return residentAccessView(record, resident, catalogue, agreements);
    }));
    return { nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount };
  },
  myCorrections: (_root, { first, after }, context) =>
    answering(async () => {
      const resident = residentOf(context);
      const found = await context.resources.workflow.corrections.page(resident, workflowPage(first, after), context.resources.now());
      return connection(found, (objection) => objection.id, (objection) => correctionView(objection, context.resources.catalogue.sharing));
    }),
};

export const residentMutations: Pick<MutationResolvers<Context>, 'requestCorrection'> = {
  requestCorrection: (_root, { input }, context) =>
    answering(async () => {
      const resident = residentOf(context);
      const objection = await context.resources.workflow.corrections.request({
        resident, item: input.item, description: input.description, ...(context.requestId && { requestId: context.requestId }),
      });
      return correctionView(objection, context.resources.catalogue.sharing);
    }),
};

/**
 * Every other root field refuses a resident's grant: a resident reaches only the fields of `RESIDENT_ROOT_FIELDS`
 * (their own records, and the published catalogue).
 */
export function refusingResidents(type: 'Query', resolvers: QueryResolvers<Context>): QueryResolvers<Context>;
export function refusingResidents(type: 'Mutation', resolvers: MutationResolvers<Context>): MutationResolvers<Context>;
export function refusingResidents(type: 'Query' | 'Mutation', resolvers: object): object {
  const guarded: Record<string, unknown> = {};
  for (const [name, resolve] of Object.entries(resolvers)) {
    if (RESIDENT_ROOT_FIELDS.has(`${type}.${name}`) || typeof resolve !== 'function') {
      guarded[name] = resolve;
      continue;
    }
    guarded[name] = (root: unknown, args: unknown, context: Context, info: unknown) => {
      if (context.grant.dept === RESIDENT_DEPARTMENT || context.grant.resident) {
        throw new GraphQLError(`${type}.${name} is for departments' applications: a resident's sign-in reaches only your own records.`, { extensions: { code: 'FORBIDDEN' } });
      }
      return (resolve as (...args: unknown[]) => unknown)(root, args, context, info);
    };
  }
  return guarded;
}
