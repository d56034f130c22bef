/**
 * A department's existing REST/JSON interface, as the connector calls it: GETs (and a POST batch endpoint where
 * the mapping declares one) under `baseUrl`, each with a deadline, at most `maxConcurrency` in flight over every
 * request, the mapping's headers sent along. 404 means "no such object" (null); any other failure — a status,
 * a deadline, a refused connection, an answer that is not JSON — is an `UpstreamFailure` that the resolvers turn
 * into a GraphQL error naming the department, with the endpoint's template (never the filled-in key) so no
 * personal data reaches the message.
 */
import { GraphQLError } from 'graphql';
import type { ConnectorMapping, RestSource } from '../mapping/mapping.ts';
import { substituteEnvironment } from '../mapping/environment.ts';
import { MappingError } from '../mapping/validateMapping.ts';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrencyLimit.ts';
import { createRestLoaders, type RestRequest } from './restResolvers.ts';

export const REST_DEFAULTS = { timeoutMs: 5_000, maxConcurrency: 8 } as const;
export const UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE';

export interface Call {
  method: 'GET' | 'POST';
  /** The endpoint as declared (`/persons/{idNumber}`), for messages. */
  template: string;
  /** The filled-in path and query. */
  path: string;
  body?: unknown;
}

export interface RestInterface {
  readonly callsMade: number;
  readonly limit: ConcurrencyLimit;
  /** The answer's JSON, or null for 404. Rejects with a GraphQLError naming the department. */
  call(call: Call): Promise<unknown>;
  forRequest(): RestRequest;
  ping(): Promise<void>;
  close(): void;
}

export async function openRestInterface(mapping: ConnectorMapping, options: { file: string; env?: NodeJS.ProcessEnv }): Promise<RestInterface> {
  const source = mapping.source.rest as RestSource;
  const env = options.env ?? process.env;
  const baseUrl = substituteEnvironment(source.baseUrl, 'source.rest.baseUrl', options.file, env).replace(/\/+$/, '');
  const headers = Object.fromEntries(
    Object.entries(source.headers ?? {}).map(([name, value]) => [name, substituteEnvironment(value, `source.rest.headers.${name}`, options.file, env)]),
  );
  const timeoutMs = source.timeoutMs ?? REST_DEFAULTS.timeoutMs;
  const limit = createConcurrencyLimit(source.maxConcurrency ?? REST_DEFAULTS.maxConcurrency);
  const department = mapping.department;
  let calls = 0;

  const failure = (call: Call, reason: string, detail: string, status?: number) =>
    new GraphQLError(`${department}'s interface failed (${call.method} ${call.template}: ${detail}); the fields it provides are null in this response. Try again later.`, {
      extensions: { code: UPSTREAM_UNAVAILABLE, department, reason, endpoint: `${call.method} ${call.template}`, ...(status !== undefined && { status }) },
    });

  async function call(request: Call): Promise<unknown> {
    return limit.run(async () => {
      calls++;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${request.path}`, {
          method: request.method,
          headers: { accept: 'application/json', ...(request.body !== undefined && { 'content-type': 'application/json' }), ...headers },
          ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw failure(request, 'timeout', `no answer within ${timeoutMs} ms`);
        throw failure(request, 'unreachable', 'the interface cannot be reached');
      }
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw failure(request, 'status', `HTTP ${response.status}`, response.status);
      }
      try {
        return await response.json();
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw failure(request, 'timeout', `no answer within ${timeoutMs} ms`);
        throw failure(request, 'invalid-response', 'the answer is not JSON');
      }
    });
  }

  const upstream: RestInterface = {
    get callsMade() {
      return calls;
    },
    limit,
    call,
    forRequest: () => createRestLoaders(mapping, upstream),
    async ping() {
      try {
        const response = await fetch(baseUrl, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
      } catch (error) {
        throw new Error(`${department}: cannot reach its interface ${baseUrl} (source.rest.baseUrl in ${options.file}): ${(error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message)}.`);
      }
    },
    close() {},
  };
  checkEndpoints(mapping, options.file);
  await upstream.ping();
  return upstream;
}

/** Every placeholder of an endpoint names a field of its type (a key field for `get`). */
export function checkEndpoints(mapping: ConnectorMapping, file: string): void {
  const problems: string[] = [];
  for (const [typeName, type] of Object.entries(mapping.types)) {
    for (const name of placeholders(type.get ?? '')) if (!type.key.includes(name)) problems.push(`types.${typeName}.get: {${name}} is not a key field of ${typeName} (key: ${type.key.join(', ')})`);
    for (const [relationName, relation] of Object.entries(type.relations ?? {})) {
      for (const name of placeholders(relation.get ?? '')) if (!(name in type.fields)) problems.push(`types.${typeName}.relations.${relationName}.get: {${name}} is not a field of ${typeName}`);
    }
  }
  if (problems.length > 0) throw new MappingError(file, problems);
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!).filter((n) => n !== 'keys');
}
