/**
 * One page over the union of several audit queries, newest first, as if it were one query: each query is read a
 * page at a time through the trail's own paging, the pages are merged by the trail's order (time, then sequence,
 * descending), and a record that several queries find appears once. The cursor holds where each query stands (its
 * own trail cursor, or done), so the next page goes on exactly where this one stopped, even in the middle of one
 * query's page. Records are append-only, so re-reading up to that point finds the same records.
 */
import { GraphQLError } from 'graphql';
import type { AuditFilter, AuditPage, AuditRecord } from '../../platform/index.ts';
import type { AuditReader } from './resources.ts';

export interface MergedPage {
  records: AuditRecord[];
  /** Pass as `after` for the next page; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Where one query stands: the trail cursor to go on after (null: from its start), or done. */
type Position = string | null | 'done';

const PREFIX = 'merged:';
const EMPTY: AuditPage = { records: [], endCursor: null, hasNextPage: false };

/** The `first` newest records any of `queries` finds, after the merged cursor `after`. */
export async function mergedPage(
  audit: AuditReader,
  queries: Readonly<Record<string, AuditFilter>>,
  first: number,
  after: string | null,
): Promise<MergedPage> {
  const names = Object.keys(queries).sort();
  const start = after === null ? names.map((): Position => null) : decodeCursor(after, names);
  const read = (i: number, count: number) =>
    audit.query(queries[names[i]!]!, { first: count, ...(start[i] ? { after: start[i] } : {}) });
  const pages = await Promise.all(names.map((_, i) => (start[i] === 'done' ? EMPTY : read(i, first))));

  const taken = names.map(() => 0);
  const records: AuditRecord[] = [];
  while (records.length < first) {
    let newest: AuditRecord | undefined;
    pages.forEach((page, i) => {
      const head = page.records[taken[i]!];
      if (head && (!newest || isNewer(head, newest))) newest = head;
    });
    if (!newest) break;
    records.push(newest);
    const sequence = newest.sequence;
    pages.forEach((page, i) => {
      if (page.records[taken[i]!]?.sequence === sequence) taken[i]!++;
    });
  }

  const positions = await Promise.all(
    pages.map(async (page, i): Promise<Position> => {
      const count = taken[i]!;
      if (start[i] === 'done') return 'done';
      if (count === page.records.length) return page.hasNextPage ? page.endCursor : 'done';
      if (count === 0) return start[i]!;
      // Stopped inside this query's page: the trail's cursor for the last record taken is the end of a page that long.
      return (await read(i, count)).endCursor;
    }),
  );
  return {
    records,
    endCursor: records.length > 0 ? encodeCursor(names, positions) : null,
    hasNextPage: pages.some((page, i) => taken[i]! < page.records.length || page.hasNextPage),
  };
}

function isNewer(a: AuditRecord, b: AuditRecord): boolean {
  return a.time > b.time || (a.time === b.time && a.sequence > b.sequence);
}

function encodeCursor(names: readonly string[], positions: readonly Position[]): string {
  const state = Object.fromEntries(names.map((name, i) => [name, positions[i]]));
  return Buffer.from(PREFIX + JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, names: readonly string[]): Position[] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let state: unknown;
  try {
    state = text.startsWith(PREFIX) ? JSON.parse(text.slice(PREFIX.length)) : undefined;
  } catch {
    state = undefined;
  }
  const positions = names.map((name) => (isRecord(state) ? state[name] : undefined));
  if (!positions.every((p): p is Position => p === null || typeof p === 'string')) {
    throw new GraphQLError(
      'Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.',
      { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } },
    );
  }
  return positions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
