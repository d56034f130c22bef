/**
 * Starts one department subgraph: an Apollo Server over the department's @apollo/subgraph schema and its own
 * SQLite store, on `node:http`, with `/graphql` and `/health`. Loaders are created per request. Apollo's
 * landing page (loaded from a CDN) and inline tracing are off.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphqlHandler, listen, route, sendJson } from '../../http/index.ts';
import type { DepartmentDefinition, SubgraphContext } from './department.ts';
import { Store } from './store.ts';

export interface SubgraphServerOptions {
  department: DepartmentDefinition;
  /** Path of the department's SQLite database (seeded beforehand, see `ensureDepartmentData`). Required. */
  databaseFile: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
}

export interface RunningSubgraph {
  department: DepartmentDefinition;
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  store: Store;
  stop(): Promise<void>;
}

export async function startSubgraph(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const { department } = options;
  if (!department) throw new Error('startSubgraph: option `department` is required.');
  const store = new Store({ file: options.databaseFile });
  const server = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSubgraphSchema([{ typeDefs: department.typeDefs, resolvers: department.resolvers }]),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  const http = await listen(
    route({
      '/graphql': graphqlHandler({
        server,
        context: async () => ({ loaders: department.createLoaders(store), store }),
      }),
      '/health': (_req, res) => {
        try {
          store.ping();
          sendJson(res, 200, { status: 'ok', department: department.id });
        } catch (error) {
          sendJson(res, 503, { status: 'unavailable', department: department.id, reason: String(error) });
        }
      },
    }),
    { host: options.host, port: options.port },
  );
  return {
    department,
    url: `${http.origin}/graphql`,
    store,
    async stop() {
      await http.close();
      await server.stop();
      store.close();
    },
  };
}
