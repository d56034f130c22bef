/**
 * The GraphiQL page: GraphiQL 5 with History, the explorer plugin, the saved examples and the query plan pane,
 * under the sign-in bar. Every request goes to the gateway's own `/graphql` with the session's bearer token and
 * purpose (a header typed in the Headers tab wins); introspection results are annotated with the caller's view of
 * the sharing catalogue for the chosen purpose before GraphiQL reads them, the Explorer tree and the editor mark
 * what that purpose will not get, and below the result the response bar shows status, time, request id and
 * headers. A link `/graphiql?query=…&variables=…` (the catalogue's Apply links, shared links) opens that
 * operation in a tab of its own, titled with its name.
 */
import '@graphiql/react/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { Kind, parse, type ExecutionResult } from 'graphql';
import type { Fetcher } from '@graphiql/toolkit';
import { useGraphiQL } from '@graphiql/react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CatalogueView, ExplorerConfigView, QueryPlanView } from '../views.ts';
import { annotateIntrospection } from './annotateIntrospection.ts';
import { EditorMarks } from './EditorMarks.tsx';
import { typedPurpose } from './fieldMarks.ts';
import { examplesPlugin } from './examplesPlugin.tsx';
import { markExplorerTree } from './explorerMarks.ts';
import { translator, useLocale, type Translate } from './i18n.ts';
import { queryPlanPlugin } from './queryPlanPlugin.tsx';
import { requestHeaders } from './requestHeaders.ts';
import { createResponseLog, type ResponseLog } from './responseLog.ts';
import { ResponseBar, TrackActiveTab } from './ResponseBar.tsx';
import { explorerApi, loadSession, saveSession, type Session } from './session.ts';
import { SignIn } from './SignIn.tsx';
import { initialTabs, readStoredTabs, TAB_STORAGE_KEY } from './tabs.ts';

const explorer = explorerPlugin();
const QUERY_PLAN_HEADER = 'x-govgraph-query-plan';

/** Once signed in, the "Not signed in" notice left in the result pane by the schema fetch is stale: clear it. */
function ClearSignInNotice({ token, notice }: { token: string | null; notice: string }) {
  const responseEditor = useGraphiQL((state) => state.responseEditor);
  useEffect(() => {
    if (token && responseEditor?.getValue().includes(notice)) responseEditor.setValue('');
  }, [token, responseEditor, notice]);
  return null;
}

interface FetcherDeps {
  config: ExplorerConfigView;
  session: Session;
  log: ResponseLog;
  t: Translate;
  /** The caller's catalogue view, fetched once per sign-in; null when it cannot be read. */
  catalogue: () => Promise<CatalogueView | null>;
}

function createFetcher({ config, session, log, t, catalogue }: FetcherDeps): Fetcher {
  return async (params, options) => {
    // Answered without asking the gateway (which would say 401): the result pane says what to do instead.
    if (config.signInRequired && !session.token) return { errors: [{ message: t('notSignedInNotice') }] } as unknown as ExecutionResult;
    const introspection = params.operationName === 'IntrospectionQuery';
    const { headers, purpose } = requestHeaders(session, options?.headers as Record<string, unknown> | undefined);
    const sent = {
      accept: 'application/graphql-response+json, application/json',
      'content-type': 'application/json',
      ...(introspection ? {} : { [QUERY_PLAN_HEADER]: '1' }),
      ...headers,
    };
    const body = JSON.stringify(withOperationName(params));
    const started = performance.now();
    const response = await fetch(config.graphqlPath, { method: 'POST', headers: sent, body });
    const answer = (await response.json()) as ExecutionResult & { data?: { __schema?: Parameters<typeof annotateIntrospection>[0] }; extensions?: { queryPlan?: QueryPlanView } };
    const durationMs = performance.now() - started;
    if (answer.data?.__schema) {
      const view = await catalogue();
      if (view) annotateIntrospection(answer.data.__schema, view, typedPurpose(JSON.stringify(options?.headers ?? {})) ?? session.purpose, t);
      return answer;
    }
    const plan = answer.extensions?.queryPlan ?? null;
    if (plan && answer.extensions) {
      // Shown in the query plan pane, not in the result.
      const { queryPlan: _plan, ...rest } = answer.extensions;
      answer.extensions = Object.keys(rest).length > 0 ? rest : undefined;
      if (!answer.extensions) delete answer.extensions;
    }
    log.record({
      operationName: withOperationName(params).operationName ?? null,
      status: response.status,
      durationMs,
      headers: [...response.headers].map(([name, value]): [string, string] => [name.toLowerCase(), value]).sort(([a], [b]) => a.localeCompare(b)),
      requestId: response.headers.get('x-request-id'),
      request: { url: config.graphqlPath, headers: Object.fromEntries(Object.entries(sent).filter(([name]) => name !== QUERY_PLAN_HEADER)), body },
      purpose,
      plan,
    });
    return answer;
  };
}

/**
 * GraphiQL 5 may send the operation name of the tab shown before (a tab switched to and run at once): a name the
 * document does not have is replaced by its one operation's, so the gateway does not refuse the request for it.
 */
function withOperationName<T extends { query: string; operationName?: string | null }>(params: T): T {
  if (!params.operationName) return params;
  let names: string[];
  try {
    names = parse(params.query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
  } catch {
    return params;
  }
  return names.length === 1 && !names.includes(params.operationName) ? { ...params, operationName: names[0] } : params;
}

/** Marks the Explorer tree whenever its pane is open. */
function ExplorerTreeMarks({ catalogue, purpose, t }: { catalogue: CatalogueView | null; purpose: string | null; t: Translate }) {
  const visible = useGraphiQL((state) => state.visiblePlugin);
  useEffect(() => {
    if (!catalogue || visible !== explorer) return;
    let stop: (() => void) | null = null;
    const find = () => {
      const root = document.querySelector<HTMLElement>('.graphiql-plugin');
      if (root) stop = markExplorerTree(root, catalogue, purpose, t);
      else requestAnimationFrame(find);
    };
    find();
    return () => stop?.();
  }, [catalogue, purpose, visible, t]);
  return null;
}

function ExplorerPage({ config }: { config: ExplorerConfigView }) {
  const [locale] = useLocale();
  const t = useMemo(() => translator(locale), [locale]);
  const [session, setSession] = useState(loadSession);
  useEffect(() => saveSession(session), [session]);
  const log = useMemo(createResponseLog, []);
  // One catalogue per sign-in, fetched when introspection or the marks first need it.
  const catalogueRequest = useRef<{ token: string | null; view: Promise<CatalogueView | null> } | null>(null);
  const catalogue = () => {
    if (catalogueRequest.current?.token !== session.token) {
      catalogueRequest.current = { token: session.token, view: explorerApi.catalogue(session.token).catch(() => null) };
    }
    return catalogueRequest.current.view;
  };
  const [catalogueView, setCatalogueView] = useState<CatalogueView | null>(null);
  useEffect(() => {
    setCatalogueView(null);
    if (!session.token && config.signInRequired) return;
    let current = true;
    void catalogue().then((view) => current && setCatalogueView(view));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.token]);
  const fetcher = useMemo(() => createFetcher({ config, session, log, t, catalogue }), [config, session, log, t]);
  const planPlugin = useMemo(() => queryPlanPlugin(log, t), [log, t]);
  const plugins = useMemo(() => [HISTORY_PLUGIN, explorer, examplesPlugin(config.examples, t), planPlugin], [config.examples, t, planPlugin]);
  const [start] = useState(() => startingTabs(config));
  return (
    <div className="gg-page">
      <SignIn session={session} onChange={setSession} developmentIdentities={config.developmentIdentities} signInRequired={config.signInRequired} page="graphiql" />
      <main className="gg-graphiql">
        <GraphiQL
          fetcher={fetcher}
          plugins={plugins}
          defaultTabs={config.examples.map(({ query, variables }) => ({ query, variables }))}
          initialQuery={start.query ?? undefined}
          initialVariables={start.variables ?? undefined}
          defaultEditorToolsVisibility="variables"
        >
          <GraphiQL.Logo>govgraph</GraphiQL.Logo>
          <GraphiQL.Footer>
            <ClearSignInNotice token={session.token} notice={t('notSignedInNotice')} />
            <TrackActiveTab log={log} />
            <EditorMarks catalogue={catalogueView} purpose={session.purpose} t={t} />
            <ExplorerTreeMarks catalogue={catalogueView} purpose={session.purpose} t={t} />
            <ResponseBar log={log} t={t} planPlugin={planPlugin} />
          </GraphiQL.Footer>
        </GraphiQL>
      </main>
    </div>
  );
}

/**
 * Writes the tabs GraphiQL starts with (the examples on a first visit; a linked operation in a tab of its own,
 * active) and returns the active tab's contents, which GraphiQL is given as its initial editors so it picks that
 * tab (see tabs.ts).
 */
function startingTabs(config: ExplorerConfigView): { query: string | null; variables: string | null } {
  const search = new URLSearchParams(location.search);
  const query = search.get('query');
  const linked = query ? { query, variables: search.get('variables') } : null;
  const tabs = initialTabs(readStoredTabs(localStorage), config.examples, linked, newTabId);
  localStorage.setItem(TAB_STORAGE_KEY, JSON.stringify(tabs));
  if (linked) history.replaceState(null, '', location.pathname);
  const active = tabs.tabs[tabs.activeTabIndex];
  return { query: active?.query ?? null, variables: active?.variables ?? null };
}

/** A tab id (GraphiQL's are random too); `crypto.randomUUID` exists only in secure contexts, which plain http on a closed network is not. */
function newTabId(): string {
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2, 10)}-${Math.random().toString(16).slice(2, 10)}`;
}

const root = createRoot(document.getElementById('root')!);
explorerApi.config().then(
  (config) => root.render(<StrictMode><ExplorerPage config={config} /></StrictMode>),
  (error: Error) => root.render(<p className="gg-problem" role="alert">The explorer cannot start: {error.message}</p>),
);
