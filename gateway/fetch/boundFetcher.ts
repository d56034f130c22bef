/**
 * The fetcher of one reporting department: binds every attempt of every request to its grant, the gateway's
 * request id and its exact body (sharing/binding.ts; a retry is a new attempt with a new binding, since the first
 * may have reached the department), and keeps the binding with the response so the department's report can be
 * checked against it (`bindingOf`). Sits under the resilience layer: its deadline and breaker cover the key read.
 */
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { BINDING_HEADER, type Binding, type RequestBinder } from '../../sharing/binding.ts';
import { SubgraphFetchError } from './subgraphFetchError.ts';
import { KeysUnavailable, type DepartmentKeySource } from './departmentKeySource.ts';

const bindings = new WeakMap<object, Binding>();

/** The binding the request that got this response was sent with. */
export function bindingOf(response: object | undefined): Binding | undefined {
  return response ? bindings.get(response) : undefined;
}

export interface BoundFetcherOptions {
  department: string;
  routingUrl: string;
  binder: RequestBinder;
  keys: DepartmentKeySource;
}

export function boundFetcher(inner: Fetcher, options: BoundFetcherOptions): Fetcher {
  const { department, routingUrl, binder, keys } = options;
  return (async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const grantToken = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
    const requestId = headers['x-request-id'];
    const body = typeof init?.body === 'string' ? init.body : '';
    // Nothing to bind without a grant (a gateway without grant signing): the department refuses it, and says why.
    if (!grantToken || !requestId) return inner(url, init);
    let secret: Buffer;
    try {
      secret = binder.secretFor((await keys.keysOf(department, routingUrl)).agreement);
    } catch (error) {
      if (error instanceof KeysUnavailable) throw new SubgraphFetchError('keys-unavailable', error.message);
      throw error; // unreachable: a connection failure like any other (retried, counted by the breaker)
    }
    const binding = binder.bind({ secret, requestId, grantToken, body });
    headers[BINDING_HEADER] = binding.header;
    const response = await inner(url, { ...init, headers } as FetcherRequestInit);
    if (response.status === 401) keys.refresh(department);
    bindings.set(response, binding);
    return response;
  }) as Fetcher;
}
