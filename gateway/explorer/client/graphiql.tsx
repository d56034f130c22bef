/**
 * The GraphiQL page: GraphiQL 5 with the explorer plugin and the saved examples, under the sign-in bar. Every
 * request goes to the gateway's own `/graphql` with the session's bearer token and purpose; introspection
 * results are annotated with the caller's view of the sharing catalogue before GraphiQL reads them. A link
 * `/graphiql?query=…&variables=…` (the catalogue's application links) opens that operation in a new tab.
 */
import '@graphiql/react/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import type { ExecutionResult } from 'graphql';
import type { Fetcher } from '@graphiql/toolkit';
import { useGraphiQL } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CatalogueView, ExplorerConfigView } from '../views.ts';
import { annotateIntrospection } from './annotateIntrospection.ts';
import { examplesPlugin } from './examplesPlugin.tsx';
import { explorerApi, loadSession, saveSession, sessionHeaders, type Session } from './session.ts';
import { SignIn } from './SignIn.tsx';

const explorer = explorerPlugin();

// Answered without asking the gateway (which would say 401): the result pane says what to do instead.
const NOT_SIGNED_IN_MESSAGE = 'Not signed in: pick a development identity or paste a token in the bar above; the schema then loads for your department.';
const NOT_SIGNED_IN = { errors: [{ message: NOT_SIGNED_IN_MESSAGE }] } as unknown as ExecutionResult;

/** Once signed in, the "Not signed in" notice left in the result pane by the schema fetch is stale: clear it. */
function ClearSignInNotice({ token }: { token: string | null }) {
  const responseEditor = useGraphiQL((state) => state.responseEditor);
  useEffect(() => {
    if (token && responseEditor?.getValue().includes('Not signed in:')) responseEditor.setValue('');
  }, [token, responseEditor]);
  return null;
}

function createFetcher(config: ExplorerConfigView, session: Session): Fetcher {
  // One catalogue per sign-in, fetched when introspection first needs it.
  let catalogue: Promise<CatalogueView | null> | null = null;
  return async (params, options) => {
    if (config.signInRequired && !session.token) return NOT_SIGNED_IN;
    const response = await fetch(config.graphqlPath, {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...sessionHeaders(session),
        ...(options?.headers as Record<string, string> | undefined),
      },
      body: JSON.stringify(params),
    });
    const body = (await response.json()) as { data?: { __schema?: Parameters<typeof annotateIntrospection>[0] } };
    if (body.data?.__schema && (session.token || !config.signInRequired)) {
      catalogue ??= explorerApi.catalogue(session.token).catch(() => null);
      const view = await catalogue;
      if (view) annotateIntrospection(body.data.__schema, view);
    }
    return body as ExecutionResult;
  };
}

function ExplorerPage({ config }: { config: ExplorerConfigView }) {
  const [session, setSession] = useState(loadSession);
  useEffect(() => saveSession(session), [session]);
  const fetcher = useMemo(() => createFetcher(config, session), [config, session]);
  const plugins = useMemo(() => [explorer, examplesPlugin(config.examples)], [config.examples]);
  const [linked] = useState(linkedOperation);
  return (
    <div className="gg-page">
      <SignIn session={session} onChange={setSession} developmentIdentities={config.developmentIdentities} signInRequired={config.signInRequired} page="graphiql" />
      <main className="gg-graphiql">
        <GraphiQL
          fetcher={fetcher}
          plugins={plugins}
          defaultTabs={config.examples.map(({ query, variables }) => ({ query, variables }))}
          initialQuery={linked?.query}
          initialVariables={linked ? linked.variables : firstVisitVariables(config)}
          defaultEditorToolsVisibility="variables"
        >
          <GraphiQL.Logo>govgraph</GraphiQL.Logo>
          <GraphiQL.Footer>
            <ClearSignInNotice token={session.token} />
          </GraphiQL.Footer>
        </GraphiQL>
      </main>
    </div>
  );
}

/** `/graphiql?query=…&variables=…` (the catalogue's application links): opened in a new tab. */
function linkedOperation(): { query: string; variables: string | undefined } | null {
  const search = new URLSearchParams(location.search);
  const query = search.get('query');
  return query ? { query, variables: search.get('variables') ?? undefined } : null;
}

/**
 * GraphiQL 5 fills the variables editor of the first default tab from `initialVariables` only, so the first
 * example's variables are passed on a first visit (with no tabs kept from earlier, where they would open a tab).
 */
function firstVisitVariables(config: ExplorerConfigView): string | undefined {
  return localStorage.getItem('graphiql:tabState') === null ? config.examples[0]?.variables : undefined;
}

const root = createRoot(document.getElementById('root')!);
explorerApi.config().then(
  (config) => root.render(<StrictMode><ExplorerPage config={config} /></StrictMode>),
  (error: Error) => root.render(<p className="gg-problem" role="alert">The explorer cannot start: {error.message}</p>),
);
