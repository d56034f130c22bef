/**
 * Starts one department subgraph: an Apollo Server over the department's @apollo/subgraph schema and its own
 * SQLite store, on `node:http`, with `/graphql`, `/health`, `/ready` and `/metrics` (traces and metrics:
 * `./observability.ts`). Loaders are created per request. Apollo's landing page (loaded from a CDN) and inline
 * tracing are off. A department that brings its own resources (the platform) has them opened from the same data
 * file, and its per-request part of them in the context instead.
 *
 * The department enforces its own sharing scope: every `/graphql` request (`_entities` and `_service` included)
 * must carry a grant the gateway signed for this department (`Authorization: Bearer <grant>`) and the binding of
 * this request to it (`x-govgraph-binding`: one gateway request, this body, once), else HTTP 401; every field goes
 * through the shield rules derived from the department's @share catalogue. What each request served is reported
 * back in `extensions.govgraph`, signed with the department's key, after it is appended to the department's own
 * access log (reporting/). `/health` and `/.well-known/jwks.json` (the department's public keys) stay open.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError } from 'graphql';
import type { JWK } from 'jose';
import { graphqlHandler, listen, route, sendJson } from '../../http/index.ts';
import { checkMetricsOptions, createTracing, metricsEndpoint, readinessHandler, type MetricsOptions, type TracingOptions } from '../../observability/index.ts';
import { outcomeOf } from '../../platform/audit/outcome.ts';
import type { AuditSink } from '../../platform/audit/trail.ts';
import { BINDING_HEADER, createBindingVerifier, sha256Hex } from '../../sharing/binding.ts';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import type { DepartmentKeys } from '../../sharing/departmentKeys.ts';
import { createGrantVerifier } from '../../sharing/grantToken.ts';
import { PLATFORM_DEPARTMENT } from '../../sharing/residents.ts';
import { bringsOwnResources, type BoundRequestContext, type DepartmentDefinition, type ResourceContext, type SeededDepartmentDefinition, type SubgraphContext } from './department.ts';
import { BoundRequestRefused, authenticateRequest, enforceSharing, type AuthenticatedRequest } from './enforcement/index.ts';
import { createSubgraphTelemetry } from './observability.ts';
import { accessEntry } from './reporting/accessEntry.ts';
import { createServedCollector } from './reporting/servedCollector.ts';
import { useServedReport } from './reporting/useServedReport.ts';
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
  /** Clock skew allowed on a grant's and a binding's expiry, in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /**
   * The department's own keys (`loadOrCreateDepartmentKeys(dataDir, id)`): they sign its reports and seal its
   * access log, and bindings are derived with them. Required.
   */
  keys: DepartmentKeys;
  /**
   * The department's own access log: every request it serves is appended (and durable) before it answers, and
   * every refused bound request too (`openAccessLog`). Required: a department that cannot record does not serve.
   */
  accessLog: AuditSink;
  /** Where the department's traces go (`observability/`, `tracingFromEnv`). Default none: tracing off. */
  tracing?: TracingOptions | null;
  /**
   * Where `/metrics` is served (observability/metricsAccess.ts): a listener of its own, behind a bearer token, or
   * by default on the main listener to loopback callers only.
   */
  metrics?: MetricsOptions;
}

export interface RunningSubgraph {
  department: DepartmentDefinition;
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  /** Where `/metrics` answers: on a listener of its own (`metrics.port`), else the main origin's `/metrics`. */
  metricsUrl: string;
  /** The department's data file, read-only (a department that brings its own resources reads through those instead). */
  store: Store;
  stop(): Promise<void>;
}

export async function startSubgraph(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const { department } = options;
  if (!department) throw new Error('startSubgraph: option `department` is required.');
  if (options.metrics) checkMetricsOptions(options.metrics, 'startSubgraph option');
  const { gatewayKeys } = options;
  if (!(gatewayKeys instanceof URL) && !Array.isArray(gatewayKeys?.keys)) {
    throw new Error(
      `startSubgraph(${department.id}): option \`gatewayKeys\` is required: the gateway's public grant keys as a JWKS ({ keys: [...] }) or its URL.`,
    );
  }
  const { keys, accessLog } = options;
  if (!keys?.signing || !keys.agreement || keys.department !== department.id) {
    throw new Error(`startSubgraph(${department.id}): option \`keys\` is required: the department's own keys (loadOrCreateDepartmentKeys(dataDir, "${department.id}")).`);
  }
  if (typeof accessLog?.append !== 'function') {
    throw new Error(`startSubgraph(${department.id}): option \`accessLog\` is required: where the department records what it serves (openAccessLog).`);
  }
  const tolerance = options.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.clockToleranceSeconds };
  const verify = {
    grant: createGrantVerifier({ jwks: gatewayKeys, audience: department.id, ...tolerance }),
    binding: createBindingVerifier({ agreement: keys.agreement, ...tolerance }),
  };
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
  const contextFor = (request: AuthenticatedRequest, requestId: string, startedAt: number): SubgraphContext<unknown> | ResourceContext<unknown> => {
    const bound: BoundRequestContext = { ...request, requestId, startedAt, served: createServedCollector() };
    return resources
      ? { ...bound, resources: resources.forRequest() }
      : { ...bound, loaders: (department as SeededDepartmentDefinition).createLoaders(store), store };
  };
  /** A grant that verified, presented with a binding that did not: refused, and recorded (a replay shows up here). */
  const recordRefusal = async (refused: BoundRequestRefused, requestId: string | undefined, raw: string, startedAt: number) => {
    await accessLog.append(
      accessEntry({
        department: department.id,
        grant: refused.grant,
        requestId: requestId ?? '(none)',
        operationName: null,
        operation: sha256Hex(raw),
        startedAt,
        status: 401,
        outcome: outcomeOf(401, [], null),
        reason: `${refused.rejection.kind}: ${refused.rejection.reason}`,
      }),
    );
  };
  const telemetry = createSubgraphTelemetry({
    department: department.id,
    tracing: createTracing(options.tracing ?? { serviceName: `govgraph-${department.id}` }),
  });
  const server = new ApolloServer<SubgraphContext<unknown> | ResourceContext<unknown>>({
    schema,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      telemetry.plugin(),
      useServedReport({ department: department.id, keys, accessLog }),
    ],
    includeStacktraceInErrorResponses: false,
    // The process owner (bin/ or a test) stops the server; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
  });
  await server.start();
  const metrics = metricsEndpoint(telemetry.registry, options.metrics ?? {});
  const http = await listen(
    route({
      '/graphql': telemetry.observeRequests(
        graphqlHandler({
          server,
          context: async (req, _operations, raw) =>
            telemetry.linkContext(async () => {
              const startedAt = Date.now();
              const requestId = gatewayRequestId(req.headers['x-request-id']);
              let request: AuthenticatedRequest;
              try {
                request = await authenticateRequest(verify, {
                  authorization: req.headers.authorization,
                  binding: firstHeader(req.headers[BINDING_HEADER]),
                  requestId,
                  raw,
                });
              } catch (error) {
                if (error instanceof BoundRequestRefused) await recordRefusal(error, requestId, raw, startedAt);
                throw error;
              }
              // A resident's grant is only ever for the platform's resident fields (sharing/residents.ts): no other department serves it.
              if (request.grant.resident && department.id !== PLATFORM_DEPARTMENT) {
                throw new GraphQLError(`${department.id} serves departments' applications only: a resident's sign-in reaches only their own records on the platform.`, {
                  extensions: { code: 'FORBIDDEN', http: { status: 403 } },
                });
              }
              return contextFor(request, requestId!, startedAt);
            })(req),
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
      '/metrics': metrics.route,
      // The department's public keys: the gateway derives bindings and an auditor verifies reports with them.
      '/.well-known/jwks.json': (_req, res) => sendJson(res, 200, keys.jwks),
    }),
    { host: options.host, port: options.port },
  );
  const metricsUrl = await metrics.start().then((url) => url ?? `${http.origin}/metrics`, async (error: unknown) => {
    await http.close();
    throw new Error(`The metrics listener could not start: ${(error as Error).message}`);
  });
  return {
    department,
    url: `${http.origin}/graphql`,
    metricsUrl,
    store,
    async stop() {
      await http.close();
      await metrics.stop();
      await server.stop();
      store.close();
      await resources?.close();
      await telemetry.tracing.shutdown();
    },
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The gateway's request id (`x-request-id`, sent with the grant), when it looks like one; otherwise none. */
function gatewayRequestId(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^[A-Za-z0-9._:-]{1,100}$/.test(text) ? text : undefined;
}
