/**
 * The federated gateway: @apollo/gateway inside @apollo/server on `node:http`. Federation semantics are plain
 * @apollo/gateway's; govgraph's rules are the context builder's (identify/, admit/) and then the plugins
 * pipeline.ts assembles in request order (admit, decide, fetch, shape, record). Nothing phones home: Apollo telemetry, usage and schema reporting are
 * off, and no landing page is loaded from a CDN.
 */
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { parse } from 'graphql';
import { Agent } from 'undici';
import { graphqlHandler, listen, route, sendJson, type RequestHandler } from '../http/index.ts';
import { createGatewayTelemetry, createTracing, gatewayReadinessChecks, metricsEndpoint, readinessHandler } from '../observability/index.ts';
import { createRequestBinder } from '../sharing/binding.ts';
import { createGrantSigner } from '../sharing/grantToken.ts';
import { readSharingCatalogue, type SharingCatalogue } from '../sharing/index.ts';
import { createAdmission } from './admit/admission.ts';
import type { GatewayContext } from './context.ts';
import { createDepartmentKeySource } from './fetch/departmentKeySource.ts';
import { explorerRoutes, queryPlanExposure } from './explorer/index.ts';
import { createGrantIssuer } from './fetch/grantIssuer.ts';
import { resolveGatewayOptions, type AgreementSource, type GatewayLogger, type GatewayOptions } from './options.ts';
import { gatewayPipeline } from './pipeline.ts';
import { createRecorder } from './record/recorder.ts';
import { createFormerAgreements, type FormerAgreementSource, type FormerAgreements } from './decide/formerAgreements.ts';
import { createRefusalGuard } from './identify/index.ts';
import { createContextBuilder, gatewayCallerVerifier } from './identify/requestContext.ts';
import { decidedGateway } from './fetch/decidedGateway.ts';
import { createSubgraphClient } from './fetch/subgraphClient.ts';
import { supergraphSource } from './supergraph/supergraphSource.ts';

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  origin: string;
  /** Where `/metrics` answers: on a listener of its own (`metrics.port`), else the main origin's `/metrics`. */
  metricsUrl: string;
  /** sha256 of the supergraph now serving. */
  supergraphHash(): string;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = resolveGatewayOptions(options);
  // @apollo/gateway reads this in its constructor; a government deployment must not report anywhere.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  let loadedHash = '';
  let catalogue: SharingCatalogue = readSharingCatalogue(parse('scalar Empty'));
  let supergraphSdl = 'scalar Empty';
  // One caller verification for /graphql and the explorer's endpoints (one key set, one token cache).
  const verify = gatewayCallerVerifier(config);
  // GraphiQL and the catalogue pages (gateway/explorer/); options checked here, before anything starts.
  const explorer = config.explorer === false ? null : explorerRoutes({ ...config, explorer: config.explorer, verify, catalogue: () => catalogue, supergraphSdl: () => supergraphSdl });
  const ttlSeconds = config.grantSigning?.ttlSeconds ?? 60;
  // Grants carry the confirmation key of this process's binding key: every request to a department is bound to one.
  const binder = createRequestBinder();
  const grants = config.grantSigning
    ? createGrantIssuer({ signer: createGrantSigner({ ...config.grantSigning, ttlSeconds }), ttlSeconds, confirmationKey: binder.confirmationKey, maskingKey: config.maskingKey })
    : null;
  const foreign = config.departments.foreign ?? [];
  const client = createSubgraphClient({
    ...config,
    grants,
    reporting: grants ? { binder, foreign, keys: createDepartmentKeySource({ configured: config.departments.keys, dispatcher: new Agent({ connections: 4 }) }) } : null,
  });
  // A provider that does not report: an undeclared one, a foreign subgraph, or any when departments get no grants.
  const unreported = (provider: string | null) => provider === null || !grants || foreign === 'all' || foreign.includes(provider);
  // Traces, metrics and readiness (observability/): the trail is timed where the gateway appends to it.
  const telemetry = createGatewayTelemetry({ tracing: createTracing(config.tracing ?? { serviceName: 'govgraph-gateway' }) });
  const trail = config.audit;
  // The one writer of the audit trail (record/recorder.ts): requests, refusals and refusals counted in aggregate.
  const recorder = createRecorder({ sink: trail && telemetry.observeAudit(trail), logger: config.logger, unreported });
  const routedSubgraphs = new Map<string, string>();
  telemetry.observeSubgraphClient(() => client.status());
  // The query plan, for a signed-in caller who asks (GraphiQL's Query plan pane); Apollo's own header is off.
  const queryPlans = queryPlanExposure();
  const gateway = new ApolloGateway({
    __exposeQueryPlanExperimental: false,
    experimental_didResolveQueryPlan: queryPlans.didResolveQueryPlan,
    supergraphSdl: supergraphSource({
      location: config.supergraph,
      store: config.supergraphStore,
      pollIntervalMs: config.pollIntervalMs,
      logger: config.logger,
      onLoaded: (hash) => (loadedHash = hash),
    }),
    buildService: (definition) => {
      const service = client.buildService(definition);
      const url = config.subgraphUrls[definition.name] ?? definition.url!;
      routedSubgraphs.set(definition.name, url);
      return telemetry.traceSubgraph(definition.name, url, service);
    },
    logger: apolloGatewayLogger(config.logger),
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    catalogue = readSharingCatalogue(parse(coreSupergraphSdl));
    supergraphSdl = coreSupergraphSdl;
  });
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    telemetry.plugin(),
    gatewayPipeline({ config, recorder, catalogue: () => catalogue, formerAgreements: formerAgreementsOf(config.agreements), queryPlans: queryPlans.plugin }),
  ];
  const server = new ApolloServer<GatewayContext>({
    // @apollo/gateway, planning the document the sharing policy decided for each operation (fetch/decidedGateway.ts).
    gateway: decidedGateway(gateway),
    plugins,
    includeStacktraceInErrorResponses: false,
    // A GET must carry a preflight-forcing header; a POST must be JSON (http/graphqlHandler.ts answers 415 otherwise).
    csrfPrevention: true,
    // Persisted documents are resolved per application before Apollo sees the request (gateway/admit/).
    persistedQueries: false,
    allowBatchedHttpRequests: config.applicationPolicy.largestBatch > 1,
    // The parser's own ceiling; each application's token limit is checked before parsing.
    parseOptions: { maxTokens: config.applicationPolicy.largestTokenLimit },
    // The process owner (bin/ or a test) stops the server; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    // Unknown internal errors are logged, not shown: their messages may name internals.
    formatError(formatted, error) {
      if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
      config.logger.error(`[gateway] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { message: 'Internal server error: the request could not be completed.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  try {
    await server.start();
  } catch (error) {
    await client.close();
    throw new Error(`The gateway could not load its supergraph (${config.supergraph}): ${(error as Error).message}`);
  }
  // Identity, then admission: rate limit, batch, trusted documents, operation limits (gateway/admit/).
  // Refusals before identity: limited per source address, recorded in aggregate beyond the limit (gateway/identify/).
  const refusals = createRefusalGuard({ options: config.refusals, audit: recorder.recording ? recorder : null, logger: config.logger });
  const buildContext = createContextBuilder(config, recorder, createAdmission({ policy: config.applicationPolicy, trustedDocuments: config.trustedDocuments }), verify, refusals);
  // /metrics: its own listener, a bearer token, or loopback callers only (observability/metricsAccess.ts).
  const metrics = metricsEndpoint(telemetry.registry, config.metrics);
  // The explorer answers its assets and a browser's GET of /graphql before the routes below.
  const withExplorer = explorer ? explorer.serve : (handler: RequestHandler) => handler;
  const http = await listen(
    withExplorer(route({
      ...explorer?.routes,
      '/graphql': telemetry.observeRequests(graphqlHandler({
        server,
        context: (req, operations) => telemetry.linkContext((linked: IncomingMessage) => buildContext(linked, operations))(req),
        maxBodyBytes: config.maxRequestBytes,
        onRejected: buildContext.onRejected,
      })),
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', supergraph: loadedHash }),
      '/ready': readinessHandler(() =>
        gatewayReadinessChecks({
          agreements: config.agreements,
          audit: trail,
          recentAuditFailure: () => telemetry.recentAuditFailure(10_000),
          subgraphs: () => routedSubgraphs,
          grantKey: config.grantSigning,
        }),
      ),
      '/metrics': metrics.route,
    })),
    { host: config.host, port: config.port },
  );
  const metricsUrl = await metrics.start().then((url) => url ?? `${http.origin}/metrics`, async (error: unknown) => {
    await http.close();
    throw new Error(`The metrics listener could not start: ${(error as Error).message}`);
  });
  config.logger.debug(`[gateway] listening on ${http.origin}`);
  return {
    url: `${http.origin}/graphql`,
    origin: http.origin,
    metricsUrl,
    supergraphHash: () => loadedHash,
    async stop() {
      await http.close();
      await metrics.stop();
      // The refusals counted since the last aggregate record are written before the trail's owner closes it.
      await refusals.close();
      await server.stop();
      await client.close();
      await telemetry.tracing.shutdown();
    },
  };
}

/** What became of a caller's agreements not in force, when the agreement source can tell (the platform store's can). */
function formerAgreementsOf(source: AgreementSource | null): FormerAgreements | undefined {
  return source?.list && source.history && source.version ? createFormerAgreements(source as FormerAgreementSource) : undefined;
}

/**
 * The logger @apollo/gateway gets: govgraph's own, without the info lines that repeat what govgraph already says
 * ("Gateway successfully loaded schema. * Mode: unmanaged", "Updated Supergraph SDL was found [Composition ID …]"
 * next to "[gateway] supergraph reloaded from … (hash)"). Its warnings and errors, and every other line, pass.
 */
const DUPLICATES = [/^Gateway successfully loaded schema\./, /^Updated Supergraph SDL was found/];

function apolloGatewayLogger(logger: GatewayLogger): GatewayLogger {
  const repeated = (message: unknown) => DUPLICATES.some((pattern) => pattern.test(String(message)));
  return { debug: (m) => logger.debug(m), info: (m) => void (repeated(m) || logger.info(m)), warn: (m) => logger.warn(m), error: (m) => logger.error(m) };
}
