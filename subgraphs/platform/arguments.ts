/**
 * The arguments of the audit views, checked before anything is read: a page size the trail accepts, instants that
 * parse, non-empty names, and a filter that does not ask a view for rows outside it (another department's
 * requests in `myAccesses`, another provider's accesses in `accessesToMyData`). Each problem is a BAD_USER_INPUT
 * error naming the argument and what to send instead.
 */
import { GraphQLError } from 'graphql';
import type { AuditFilter, AuditPageRequest } from '../../platform/index.ts';
import type { AccessFilter } from './__generated__/resolvers.ts';
import type { AuditReader } from './resources.ts';

/** Largest page: the audit trail's own limit. */
export const MAX_PAGE_SIZE = 500;

export function badInput(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, 'first');
  }
  return first;
}

export function nonEmpty(value: string, argumentName: string): string {
  if (value.trim() === '') throw badInput(`Argument "${argumentName}" must not be empty.`, argumentName);
  return value;
}

/** How a view is bounded to the caller's department, and what to tell a caller whose filter leaves it. */
export interface ViewBound {
  /** The record field that must be the caller's department. */
  field: 'consumer' | 'provider';
  department: string;
  /** E.g. `myAccesses lists the requests your department made`. */
  lists: string;
  /** E.g. `for accesses to your department's items, ask accessesToMyData`. */
  otherwise: string;
}

/** The view's own bound (`consumer` or `provider` = the caller's department) and the caller's filter. */
export function auditFilter(filter: AccessFilter | null | undefined, bound: ViewBound): AuditFilter {
  const given = filter ?? {};
  const result: AuditFilter = { [bound.field]: bound.department };
  for (const name of ['consumer', 'provider', 'item', 'subject', 'kind'] as const) {
    const value = given[name];
    if (value === null || value === undefined) continue;
    nonEmpty(value, `filter.${name}`);
    if (name === bound.field && value !== bound.department) {
      throw badInput(`${bound.lists}: filter.${name} may only be "${bound.department}" or be left out; ${bound.otherwise}.`, `filter.${name}`);
    }
    result[name] = value;
  }
  for (const name of ['from', 'to'] as const) {
    const value = given[name];
    if (value === null || value === undefined) continue;
    if (Number.isNaN(new Date(value).getTime())) {
      throw badInput(`Argument "filter.${name}" must be an ISO 8601 instant such as 2025-09-01T00:00:00Z, got ${JSON.stringify(value)}.`, `filter.${name}`);
    }
    result[name] = value;
  }
  return result;
}

/** The trail, with its rejection of a cursor it did not issue reported as the caller's mistake. */
export function answeringBadCursors(audit: AuditReader): AuditReader {
  return {
    async query(filter, page?: AuditPageRequest) {
      try {
        return await audit.query(filter, page);
      } catch (error) {
        if (error instanceof TypeError && page?.after) {
          throw badInput(
            'Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.',
            'after',
          );
        }
        throw error;
      }
    },
    count: (filter) => audit.count(filter),
  };
}
