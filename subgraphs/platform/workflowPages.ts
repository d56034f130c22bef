/**
 * Paging of the workflow's lists (applications, agreements, objections): oldest first by id, `first` 1 to 500,
 * and an opaque cursor that names the last id of a page, so the next page starts right after it whatever was
 * added meanwhile (ids only grow). A cursor that is not one of these is the caller's mistake, said as such.
 */
import type { PageRequest, RecordPage } from '../../platform/index.ts';
import { badInput, pageSize } from './arguments.ts';

const PREFIX = 'workflow:';

/** `first` and `after` as the store reads them; BAD_USER_INPUT naming the argument otherwise. */
export function workflowPage(first: number, after: string | null | undefined): PageRequest {
  return { first: pageSize(first), afterId: after == null ? null : decodeCursor(after) };
}

/** A store's page as the schema's connection, each record shown through `view`. */
export function connection<T, V>(page: RecordPage<T>, idOf: (record: T) => string, view: (record: T) => V) {
  const last = page.records.at(-1);
  return {
    nodes: page.records.map(view),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(idOf(last)) : null },
    totalCount: page.totalCount,
  };
}

export function encodeCursor(id: string): string {
  return Buffer.from(PREFIX + id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) {
    throw badInput('Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.', 'after');
  }
  return text.slice(PREFIX.length);
}
