/**
 * The analyst's session in this browser tab: the bearer token and the purpose, kept in sessionStorage (gone
 * when the tab closes; shared by the GraphiQL and catalogue pages of the same tab), and the same-origin calls
 * to the gateway's explorer endpoints. Nothing here talks to any other origin.
 */
import type { AgreementsView, CatalogueView, DevelopmentIdentitiesView, DevelopmentResidentTokenView, DevelopmentTokenView, ExplorerConfigView } from '../views.ts';

export interface Session {
  token: string | null;
  /** The `X-Purpose` to send: a purpose code or an agreement id; null for none. */
  purpose: string | null;
  /** What the sign-in shows, e.g. `tax · analyst`, or `pasted token`. */
  label: string | null;
  /** The development identity signed in as (`tax|analyst`); null for a pasted token. */
  identity: string | null;
}

export const SIGNED_OUT: Session = { token: null, purpose: null, label: null, identity: null };

const KEY = 'govgraph.explorer.session';

export function loadSession(): Session {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    return { token: stored?.token ?? null, purpose: stored?.purpose ?? null, label: stored?.label ?? null, identity: stored?.identity ?? null };
  } catch {
    return SIGNED_OUT;
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

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A GraphQL request to the gateway's own /graphql as the session's caller (audited like any request). */
export async function graphql<T>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json, application/json', 'content-type': 'application/json', ...sessionHeaders({ ...session, purpose: null }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => null)) as GraphQLAnswer<T> | null;
  if (!body) throw new ExplorerRequestFailed(response.status, `/graphql answered HTTP ${response.status} without JSON.`);
  return body;
}

export const explorerApi = {
  config: () => call<ExplorerConfigView>('/explorer/config'),
  identities: () => call<DevelopmentIdentitiesView>('/explorer/identities'),
  developmentToken: (department: string, role: string) =>
    call<DevelopmentTokenView>('/explorer/identities/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ department, role }),
    }),
  /** A synthetic resident's token (the embedded default's development resident issuer only). */
  residentToken: (resident: string) =>
    call<DevelopmentResidentTokenView>('/explorer/residents/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resident }),
    }),
  /** With no token, as the gateway's anonymous caller (where it admits one). */
  agreements: (token: string | null) => call<AgreementsView>('/explorer/agreements', { headers: bearer(token) }),
  catalogue: (token: string | null) => call<CatalogueView>('/explorer/catalogue', { headers: bearer(token) }),
};
