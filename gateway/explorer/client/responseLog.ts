/**
 * What GraphiQL's fetcher saw of each operation it sent, for the response bar and the query plan pane: HTTP
 * status, time to the answer, response headers (among them `x-request-id`, the key to the request's audit
 * record), the request as sent (for "copy as cURL") and the plan the gateway returned. One log per page, created
 * by the page and passed to the fetcher and the panes; introspection is not logged.
 */
import type { QueryPlanView } from '../views.ts';
import type { PurposeUsed } from './requestHeaders.ts';

export interface LoggedResponse {
  /** 1, 2, 3… in the order the answers came. */
  sequence: number;
  /** The GraphiQL tab that was active when the operation was sent. */
  tabId: string | null;
  operationName: string | null;
  status: number;
  /** Milliseconds from sending to the whole answer read. */
  durationMs: number;
  /** Response headers, names in lower case, sorted. */
  headers: [string, string][];
  requestId: string | null;
  request: { url: string; headers: Record<string, string>; body: string };
  purpose: PurposeUsed;
  plan: QueryPlanView | null;
}

export interface ResponseLog {
  /** Records an answer for the tab active now. */
  record(entry: Omit<LoggedResponse, 'sequence' | 'tabId'>): LoggedResponse;
  /** The last answer the tab received. */
  forTab(tabId: string | null): LoggedResponse | null;
  /** Tells the log which tab is active (called by a component inside GraphiQL). */
  trackActiveTab(activeTab: () => string | null): void;
  /** Called with each new entry; returns the unsubscribe. */
  subscribe(listener: (entry: LoggedResponse) => void): () => void;
}

export function createResponseLog(): ResponseLog {
  let sequence = 0;
  let activeTab: () => string | null = () => null;
  const byTab = new Map<string | null, LoggedResponse>();
  const listeners = new Set<(entry: LoggedResponse) => void>();
  return {
    record(entry) {
      const logged = { ...entry, sequence: ++sequence, tabId: activeTab() };
      byTab.set(logged.tabId, logged);
      for (const listener of listeners) listener(logged);
      return logged;
    },
    forTab: (tabId) => byTab.get(tabId) ?? null,
    trackActiveTab(getter) {
      activeTab = getter;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The request as a cURL command. The bearer token is left out on purpose (commands get pasted into tickets and
 * chats): it reads `$GOVGRAPH_TOKEN`, which `npm run token` or the bar's token fills.
 */
export function curlCommand(request: LoggedResponse['request'], origin: string): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const lines = [`curl ${quote(new URL(request.url, origin).toString())}`];
  for (const [name, value] of Object.entries(request.headers).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(name === 'authorization' && value.startsWith('Bearer ') ? `-H "authorization: Bearer $GOVGRAPH_TOKEN"` : `-H ${quote(`${name}: ${value}`)}`);
  }
  lines.push(`--data-raw ${quote(request.body)}`);
  return lines.join(' \\\n  ');
}

/** A link that opens the operation in GraphiQL in a tab of its own (no token, no headers: nothing secret). */
export function shareLink(origin: string, query: string, variables: string | null): string {
  const search = new URLSearchParams({ query });
  if (variables && variables.trim() && variables.trim() !== '{}') search.set('variables', variables);
  return `${origin}/graphiql?${search}`;
}
