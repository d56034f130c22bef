/**
 * A fetcher for @apollo/gateway's data sources over undici's `request` on a keep-alive pool, answering with the
 * small part of the Fetch Response the gateway reads (status, headers, text/json). undici's WHATWG `fetch` spends
 * most of its time in Request/stream machinery the gateway does not need (measured: a third of the gateway's
 * CPU under OneStop load, docs/PERFORMANCE.md).
 */
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { request, type Dispatcher } from 'undici';

class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly bodyUsed = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  async text(): Promise<string> {
    return this.body;
  }
  private parsed: { value: unknown } | null = null;
  /** Parsed once: the resilience layer checks the answer's shape and the gateway then reads the same value. */
  async json(): Promise<unknown> {
    this.parsed ??= { value: JSON.parse(this.body) };
    return this.parsed.value;
  }
  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

export function undiciFetcher(dispatcher: Dispatcher): Fetcher {
  return (async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    const response = await request(url, {
      dispatcher,
      method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init?.headers as Record<string, string> | undefined,
      body: init?.body as string | undefined,
      signal: init?.signal as AbortSignal | undefined,
    });
    const body = await response.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    return new BufferedResponse(url, response.statusCode, '', headers, body) as unknown as FetcherResponse;
  }) as Fetcher;
}
