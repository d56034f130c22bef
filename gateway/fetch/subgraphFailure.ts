/**
 * Turns a failed subgraph fetch into an error a caller can act on: which department, what went wrong, and that
 * its fields are null in this response. Nothing internal leaks: no URLs, no stack traces, and a department's own
 * message only when it is a deliberate one (not an internal error). The rest of the operation's data is still
 * served (partial data), as with plain @apollo/gateway.
 */
import { GraphQLError } from 'graphql';
import { SubgraphFetchError } from './subgraphFetchError.ts';

interface FailedResponse {
  status: number;
}

export function subgraphFailure(subgraph: string, error: unknown, response: FailedResponse | undefined): GraphQLError {
  if (error instanceof SubgraphFetchError) {
    const invalid = error.reason === 'invalid-response';
    return new GraphQLError(
      invalid
        ? `The ${subgraph} subgraph answered with something that is not a GraphQL response (${error.detail}); the fields it provides are null in this response.`
        : `The ${subgraph} subgraph is unavailable (${error.detail}); the fields it provides are null in this response. Try again later.`,
      {
        extensions: {
          code: invalid ? 'SUBGRAPH_INVALID_RESPONSE' : 'SUBGRAPH_UNAVAILABLE',
          serviceName: subgraph,
          reason: error.reason,
          ...(error.retryAfterSeconds !== null ? { retryAfter: error.retryAfterSeconds } : {}),
        },
      },
    );
  }
  if (response) {
    const first = subgraphErrors(error)[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'SUBGRAPH_ERROR';
    const internal = code === 'INTERNAL_SERVER_ERROR' || code === 'SUBGRAPH_ERROR';
    const detail = first?.message && !internal ? `: ${first.message}` : '';
    return new GraphQLError(`The ${subgraph} subgraph could not answer (HTTP ${response.status})${detail}`, {
      extensions: { code: code === 'INTERNAL_SERVER_ERROR' ? 'SUBGRAPH_ERROR' : code, serviceName: subgraph },
    });
  }
  return new GraphQLError(
    `The ${subgraph} subgraph is unavailable (${networkCause(error)}); the fields it provides are null in this response. Try again later.`,
    { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph } },
  );
}

type SubgraphError = { message?: string; extensions?: Record<string, unknown> };

function subgraphErrors(error: unknown): SubgraphError[] {
  const body = (error as { extensions?: { response?: { body?: unknown } } })?.extensions?.response?.body;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as SubgraphError[]) : [];
}

function networkCause(error: unknown): string {
  // undici's fetch puts the system error in `cause`; its `request` throws it directly.
  const cause = (error as { cause?: { code?: string } })?.cause ?? (error as { code?: string });
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET') return 'connection reset';
  if (cause?.code === 'UND_ERR_CONNECT_TIMEOUT' || cause?.code === 'UND_ERR_HEADERS_TIMEOUT') return 'timed out';
  return typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code) ? cause.code : 'network error';
}
