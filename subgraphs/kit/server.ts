/**
 * Starts one department subgraph: an Apollo Server over the department's @apollo/subgraph schema and its own
 * SQLite store, on `node:http`, with `/graphql`, `/health`, `/ready` and `/metrics` (traces and metrics:
 * `./observability.ts`). Loaders are created per request. Apollo's landing page (loaded from a CDN) and inline
 * tracing are off. A department that brings its own resources (the platform) has them opened from the same data
 * file, and its per-request part of them in the context instead.
 *
 * The department enforces its own sharing scope: every `/graphql` request (`_entities` and `_service` included)
 * must carry a grant the gateway signed for this department (`Authorization: Bearer <grant>`, else HTTP 401), and
 * every field goes through the shield rules derived from the department's @share catalogue. `/health` stays open.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { JWK } from 'jose';
import { graphqlHandler, listen, route, sendJson } from '../../http/index.ts';
import { createTracing, metricsHandler, readinessHandler, type TracingOptions } from '../../observability/index.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { createGrantVerifier } from '../../sharing/grantToken.ts';
import type { GrantClaims } from '../../sharing/types.ts';
import { bringsOwnResources, type DepartmentDefinition, type ResourceContext, type SeededDepartmentDefinition, type SubgraphContext } from './department.ts';
import { authenticateGrant, enforceSharing } from './enforcement/index.ts';
import { createSubgraphTelemetry } from './observability.ts';
import { Store } from './store.ts';

export interface SubgraphServerOptions {
  department: DepartmentDefinition;
  /**
   * Path of the department's SQLite database (seeded beforehand, see `ensureDepartmentData`); for a department
   * that brings its own resources, the file its `openResources` opens (the platform: the platform store), or a URL
   * naming resources outside any file (`postgres://…`, `connected:<mapping file>`). Required.
   */
  databaseFile: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /**
   * The gateway's public grant keys: a JWKS (e.g. `readGatewayJwks(dataDir)`) or the URL the gateway publishes it
   * at. Required: a department answers only requests carrying a grant signed with one of these keys.
   */
  gatewayKeys: { keys: JWK[] } | URL;
  /** Clock skew allowed on a grant's expiry, in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /** Where the department's traces go (`observability/`, `tracingFromEnv`). Default none: tracing off. */
  tracing?: TracingOptions | null;
}

export interface RunningSubgraph {
  department: DepartmentDefinition;
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  /** The department's data file, read-only (a department that brings its own resources reads through those instead). */
  store: Store;
  stop(): Promise<void>;
}

export async function startSubgraph(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const { department } = options;
  if (!department) throw new Error('startSubgraph: option `department` is required.');
  const { gatewayKeys } = options;
  if (!(gatewayKeys instanceof URL) && !Array.isArray(gatewayKeys?.keys)) {
    throw new Error(
      `startSubgraph(${department.id}): option \`gatewayKeys\` is required: the gateway's public grant keys as a JWKS ({ keys: [...] }) or its URL.`,
    );
  }
  const verifyGrant = createGrantVerifier({
    jwks: gatewayKeys,
    audience: department.id,
    ...(options.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.clockToleranceSeconds }),
  });
  const { schema } = enforceSharing(buildSubgraphSchema([{ typeDefs: department.typeDefs, resolvers: department.resolvers }]), {
    department: department.id,
    catalogue: readSharingCatalogue(department.typeDefs, { provider: department.id }),
  });
  // Own resources first: opening them may create the data file the kit then opens read-only.
  const resources = bringsOwnResources(department) ? await department.openResources(options.databaseFile) : null;
  let store: Store;
  try {
    // Resources outside any file (the platform store on PostgreSQL, a connected department's database or
    // interface, named by a URL) leave the kit an empty placeholder database.
    const elsewhere = resources !== null && /^[a-z][a-z0-9+.-]+:/i.test(options.databaseFile);
    store = new Store(elsewhere ? { file: ':memory:', readonly: false } : { file: options.databaseFile });
  } catch (error) {
    await resources?.close();
    throw error;
  }
  const contextFor = (grant: GrantClaims, requestId: string | undefined): SubgraphContext<unknown> | ResourceContext<unknown> =>
    resources
      ? { resources: resources.forRequest(), grant, ...(requestId && { requestId }) }
      : { loaders: (department as SeededDepartmentDefinition).createLoaders(store), store, grant };
  const telemetry = createSubgraphTelemetry({
    department: department.id,
    tracing: createTracing(options.tracing ?? { serviceName: `govgraph-${department.id}` }),
  });
  const server = new ApolloServer<SubgraphContext<unknown> | ResourceContext<unknown>>({
    schema,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), telemetry.plugin()],
    includeStacktraceInErrorResponses: false,
    // The process owner (bin/ or a test) stops the server; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
  });
  await server.start();
  const http = await listen(
    route({
      '/graphql': telemetry.observeRequests(
        graphqlHandler({
          server,
          context: telemetry.linkContext(async (req) => {
            const grant = await authenticateGrant(verifyGrant, req.headers.authorization);
            return contextFor(grant, gatewayRequestId(req.headers['x-request-id']));
          }),
        }),
      ),
      '/health': (_req, res) => {
        try {
          store.ping();
          sendJson(res, 200, { status: 'ok', department: department.id });
        } catch (error) {
          sendJson(res, 503, { status: 'unavailable', department: department.id, reason: String(error) });
        }
      },
      '/ready': readinessHandler(() => ({
        store: async () => {
          store.ping();
          await resources?.ready?.();
          return 'readable';
        },
      })),
      '/metrics': metricsHandler(telemetry.registry),
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
      await resources?.close();
      await telemetry.tracing.shutdown();
    },
  };
}

/** The gateway's request id (`x-request-id`, sent with the grant), when it looks like one; otherwise none. */
function gatewayRequestId(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^[A-Za-z0-9._:-]{1,100}$/.test(text) ? text : undefined;
}
