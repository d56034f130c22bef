/**
 * Turns a failed subgraph fetch into an error a caller can act on: which subgraph, what went wrong, and that
 * its fields are null in this response. Nothing internal leaks (no URLs, no stack traces). The rest of the
 * operation's data is still served (partial data), as with plain @apollo/gateway.
 */
import { GraphQLError } from 'graphql';

interface FailedResponse {
  status: number;
}

export function subgraphFailure(subgraph: string, error: unknown, response: FailedResponse | undefined): GraphQLError {
  if (response) {
    const first = subgraphErrors(error)[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'SUBGRAPH_ERROR';
    const detail = first?.message ? `: ${first.message}` : '';
    return new GraphQLError(`The ${subgraph} subgraph could not answer (HTTP ${response.status})${detail}`, {
      extensions: { code, serviceName: subgraph },
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
  return cause?.code ?? 'network error';
}
