/**
 * Authenticates every request to a department by the grant the gateway signed for it, before anything else runs:
 * `Authorization: Bearer <grant>`. A request without a valid grant for this department gets HTTP 401,
 * `UNAUTHENTICATED`, and the verifier's reason: `_entities` and `_service` included, so a direct call gets nothing.
 * Fails closed: an unexpected verification error is a 401 too, never a pass.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { GrantRejected, type GrantVerifier } from '../../../sharing/grantToken.ts';
import type { GrantClaims } from '../../../sharing/types.ts';

/**
 * Verifies the `Authorization` header's grant; throws a GraphQLError Apollo Server answers with 401 (or 503 when
 * the gateway's published keys cannot be fetched: the caller should retry, not get a new token).
 */
export async function authenticateGrant(verify: GrantVerifier, authorization: string | undefined): Promise<GrantClaims> {
  try {
    return await verify(bearerToken(authorization));
  } catch (error) {
    if (error instanceof GrantRejected && error.kind === 'keys-unavailable') {
      throw new GraphQLError(error.reason, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
    }
    const reason = error instanceof GrantRejected ? error.reason : 'The grant token could not be verified.';
    throw new GraphQLError(reason, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="govgraph-department", error="invalid_token"']]) },
      },
    });
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new GrantRejected('malformed', 'The Authorization header must be "Bearer <grant token>".');
  return match[1];
}
