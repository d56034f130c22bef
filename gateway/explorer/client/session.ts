/**
 * The analyst's session in this browser tab: the bearer token and the purpose, kept in sessionStorage (gone
 * when the tab closes; shared by the GraphiQL and catalogue pages of the same tab), and the same-origin calls
 * to the gateway's explorer endpoints. Nothing here talks to any other origin.
 */
import type { AgreementsView, CatalogueView, DevelopmentIdentitiesView, DevelopmentTokenView, ExplorerConfigView } from '../views.ts';

export interface Session {
  token: string | null;
  /** The `X-Purpose` to send: a purpose code or an agreement id; null for none. */
  purpose: string | null;
  /** What the sign-in shows, e.g. `tax · analyst`, or `pasted token`. */
  label: string | null;
}

const KEY = 'govgraph.explorer.session';

export function loadSession(): Session {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    return { token: stored?.token ?? null, purpose: stored?.purpose ?? null, label: stored?.label ?? null };
  } catch {
    return { token: null, purpose: null, label: null };
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** Headers every gateway request of this session carries. */
export function sessionHeaders(session: Session): Record<string, string> {
  return {
    ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    ...(session.purpose ? { 'x-purpose': session.purpose } : {}),
  };
}

export class ExplorerRequestFailed extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string>) } });
  const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
  if (!response.ok) {
    throw new ExplorerRequestFailed(response.status, body?.errors?.[0]?.message ?? `${path} answered HTTP ${response.status}.`);
  }
  return body as T;
}

const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

export const explorerApi = {
  config: () => call<ExplorerConfigView>('/explorer/config'),
  identities: () => call<DevelopmentIdentitiesView>('/explorer/identities'),
  developmentToken: (department: string, role: string) =>
    call<DevelopmentTokenView>('/explorer/identities/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ department, role }),
    }),
  /** With no token, as the gateway's anonymous caller (where it admits one). */
  agreements: (token: string | null) => call<AgreementsView>('/explorer/agreements', { headers: bearer(token) }),
  catalogue: (token: string | null) => call<CatalogueView>('/explorer/catalogue', { headers: bearer(token) }),
};
