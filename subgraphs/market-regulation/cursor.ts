/**
 * Opaque page cursors for the enterprise register. A cursor encodes the registration rank of the last
 * enterprise of a page; a cursor that does not decode is the caller's mistake, reported as such.
 */
import { GraphQLError } from 'graphql';

const PREFIX = 'enterprise:';

export function encodeCursor(rank: number): string {
  return Buffer.from(`${PREFIX}${rank}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const rank = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isSafeInteger(rank) || rank < 0) {
    throw new GraphQLError(
      `Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.`,
      { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } },
    );
  }
  return rank;
}
