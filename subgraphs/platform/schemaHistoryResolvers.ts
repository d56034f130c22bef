/**
 * The schema history in the graph: the registry's published versions, newest first, a page at a time, for every
 * department or one. Versions are few (one per publish), so a page is cut from the department's whole list; the
 * cursor names the publication sequence of the last version shown, so a version published meanwhile never shifts
 * the next page.
 */
import { badInput, nonEmpty, pageSize } from './arguments.ts';
import type { QueryResolvers } from './__generated__/resolvers.ts';
import type { Context } from './resources.ts';

const PREFIX = 'schema:';

export const schemaHistoryQueries: Pick<QueryResolvers<Context>, 'schemaVersions'> = {
  schemaVersions: async (_root, { department, first, after }, context) => {
    const size = pageSize(first);
    if (department != null) nonEmpty(department, 'department');
    const before = after == null ? null : decodeCursor(after);
    const newestFirst = (await context.resources.schemaVersions.list(department ?? undefined)).reverse();
    const rest = before === null ? newestFirst : newestFirst.filter((version) => version.sequence < before);
    const nodes = rest.slice(0, size);
    const last = nodes.at(-1);
    return {
      nodes: nodes.map(({ department: id, version, publishedAt, actor, reason, rollbackOf, schemaHash, changes }) => ({
        department: id, version, publishedAt, actor, reason, rollbackOf, schemaHash, changes: changes.map((change) => ({ ...change })),
      })),
      pageInfo: { hasNextPage: rest.length > size, endCursor: last ? Buffer.from(`${PREFIX}${last.sequence}`, 'utf8').toString('base64url') : null },
      totalCount: newestFirst.length,
    };
  },
};

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const sequence = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw badInput('Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.', 'after');
  }
  return sequence;
}
