/**
 * Authenticates every request to a department before anything else runs: the grant the gateway signed for it
 * (`Authorization: Bearer <grant>`) and the binding of this very request to that grant (`x-govgraph-binding`,
 * sharing/binding.ts: one gateway request, this body, once). Without both, HTTP 401 `UNAUTHENTICATED` with the
 * reason: `_entities` and `_service` included, so a direct call, or a grant captured on the wire and replayed,
 * gets nothing. Fails closed: an unexpected verification error is a 401 too, never a pass.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { BindingRejected, type BindingVerifier, type VerifiedBinding } from '../../../sharing/binding.ts';
import { GrantRejected, type GrantVerifier } from '../../../sharing/grantToken.ts';
import type { GrantClaims } from '../../../sharing/types.ts';

export interface AuthenticatedRequest {
  grant: GrantClaims;
  binding: VerifiedBinding;
}

export interface RequestCredentials {
  authorization: string | undefined;
  binding: string | undefined;
  requestId: string | undefined;
  /** The request as received (its body). */
  raw: string;
}

/**
 * A grant that verified but a binding that did not: the request was refused, and the department may record who
 * presented the grant (a replay shows up in its access log).
 */
export class BoundRequestRefused extends GraphQLError {
  constructor(
    readonly grant: GrantClaims,
    readonly rejection: BindingRejected,
  ) {
    super(rejection.reason, { extensions: unauthenticated() });
  }
}

/** Verifies grant and binding; throws a GraphQLError Apollo Server answers with 401 (503 when the gateway's keys cannot be fetched). */
export async function authenticateRequest(
  verify: { grant: GrantVerifier; binding: BindingVerifier },
  credentials: RequestCredentials,
): Promise<AuthenticatedRequest> {
  const grant = await authenticateGrant(verify.grant, credentials.authorization);
  try {
    const binding = verify.binding({
      header: credentials.binding,
      confirmationKey: grant.cnf?.jwk ?? null,
      grantToken: bearerToken(credentials.authorization)!,
      requestId: credentials.requestId,
      body: credentials.raw,
    });
    return { grant, binding };
  } catch (error) {
    if (error instanceof BindingRejected) throw new BoundRequestRefused(grant, error);
    throw new GraphQLError('The request binding could not be verified.', { extensions: unauthenticated() });
  }
}

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
    throw new GraphQLError(reason, { extensions: unauthenticated() });
  }
}

function unauthenticated() {
  return {
    code: 'UNAUTHENTICATED',
    http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="govgraph-department", error="invalid_token"']]) },
  };
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new GrantRejected('malformed', 'The Authorization header must be "Bearer <grant token>".');
  return match[1];
}
