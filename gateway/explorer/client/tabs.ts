/**
 * GraphiQL's tabs as the explorer opens them, written to GraphiQL's own storage before it starts (it reads its
 * tabs from there, and from `defaultTabs` only when there are none): the saved examples on a first visit, each
 * titled with its operation; an operation linked by `/graphiql?query=…` (the catalogue's Apply links, shared
 * links) in a tab of its own, made active and titled with its operation name, on a first visit as on any later
 * one; and an example opened from the Examples pane goes to the tab that already holds it instead of a duplicate.
 */

/** GraphiQL's key for its tabs in localStorage (`graphiql:` + `tabState`). */
export const TAB_STORAGE_KEY = 'graphiql:tabState';

export interface StoredTab {
  id: string;
  hash: string;
  title: string;
  query: string | null;
  variables: string | null;
  headers: string | null;
  operationName: string | null;
  response: string | null;
}

export interface StoredTabs {
  tabs: StoredTab[];
  activeTabIndex: number;
}

export interface TabContent {
  query: string;
  variables?: string | null;
  headers?: string | null;
}

/** The operation name GraphiQL would title a tab with (its own rule: the first operation not in a comment). */
export function operationNameOf(query: string): string | null {
  return /^(?!#).*(query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(query)?.[2] ?? null;
}

export function createStoredTab(content: TabContent, id: string): StoredTab {
  const operationName = operationNameOf(content.query);
  const variables = content.variables ?? null;
  const headers = content.headers ?? null;
  return { id, hash: [content.query, variables ?? '', headers ?? ''].join('|'), title: operationName ?? '<untitled>', query: content.query, variables, headers, operationName, response: null };
}

/** The stored tabs, or null when there are none (a first visit) or they are unreadable. */
export function readStoredTabs(storage: Pick<Storage, 'getItem'>): StoredTabs | null {
  try {
    const parsed = JSON.parse(storage.getItem(TAB_STORAGE_KEY) ?? 'null') as StoredTabs | null;
    return parsed && Array.isArray(parsed.tabs) && typeof parsed.activeTabIndex === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The tabs GraphiQL should start with: those stored (or the examples, on a first visit), with `linked` in a tab of
 * its own and active (the tab already holding exactly it, if one does).
 */
export function initialTabs(stored: StoredTabs | null, examples: readonly TabContent[], linked: TabContent | null, newId: () => string): StoredTabs {
  const base: StoredTabs = stored ?? { tabs: examples.map((example) => createStoredTab(example, newId())), activeTabIndex: 0 };
  if (!linked) return base;
  const existing = base.tabs.findIndex((tab) => tab.query === linked.query && (tab.variables ?? null) === (linked.variables ?? null));
  if (existing >= 0) return { ...base, activeTabIndex: existing };
  return { tabs: [...base.tabs, createStoredTab(linked, newId())], activeTabIndex: base.tabs.length };
}

/** Where an example opens: the index of a tab that already holds its query, or null for a new tab. */
export function tabHolding(tabs: readonly { query: string | null }[], query: string): number | null {
  const index = tabs.findIndex((tab) => tab.query === query);
  return index >= 0 ? index : null;
}
