/**
 * The gateway's options, with their defaults, validated once at start with a message naming the bad option.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@apollo/utils.logger';
import type { CryptoKey, JWK } from 'jose';
import { z } from 'zod';
import type { Agreement, ShareLevel } from '../sharing/index.ts';
import type { TracingOptions } from '../observability/tracing.ts';
import { checkMetricsOptions, type MetricsOptions } from '../observability/metricsAccess.ts';
import type { AuditSink } from '../platform/audit/trail.ts';
import type { ExplorerOptions } from './explorer/options.ts';
import type { ResidentVerifierOptions } from './identify/residentVerifier.ts';
import { STORE_LOCATION, type PublishedSupergraphs } from './supergraph/supergraphSource.ts';
import type { FormerAgreementSource } from './decide/formerAgreements.ts';
import { resolveRefusalOptions, type RefusalOptions, type ResolvedRefusalOptions } from './identify/index.ts';
import { byName, check, expecting, positiveInteger } from './optionChecks.ts';
import { createApplicationPolicy, type ApplicationPolicy, type ApplicationPolicyConfig } from './admit/applicationPolicy.ts';
import type { AgreementUsage } from './quotas/agreementUsage.ts';
import { DEFAULT_BREAKER } from './fetch/circuitBreaker.ts';
import type { SubgraphResilience } from './fetch/subgraphClient.ts';
import type { TrustedDocumentStore } from './trusted/trustedDocumentStore.ts';

/**
 * Where the gateway reads the caller department's active agreements on every request. With `list`, `history` and
 * `version` as well (the platform store's agreements have them), a denial for want of an agreement says what became
 * of a former one (decide/formerAgreements.ts).
 */
export interface AgreementSource extends Partial<FormerAgreementSource> {
  agreementsFor(consumer: string, at: Date): Promise<Agreement[]>;
}

/** Also the protections of HardeningOptions (below): limits, trusted documents, quotas, resilience. */
export interface GatewayOptions extends HardeningOptions {
  /**
   * Where the supergraph comes from: a file path (watched, reloaded on change), an http(s) URL (polled), or
   * `store`: the newest supergraph published to `supergraphStore` (polled; `npm run publish`).
   * Default: the committed `schema/supergraph.graphql`.
   */
  supergraph?: string;
  /** With `supergraph: 'store'`: the platform store's published versions (`PlatformStore.schemaVersions`). Default none. */
  supergraphStore?: PublishedSupergraphs | null;
  /**
   * Subgraph name -> GraphQL URL, overriding the routing URLs written in the supergraph (e.g. when ports are
   * configured differently than at composition). Default: none, the supergraph's URLs are used.
   */
  subgraphUrls?: Record<string, string>;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 4000. */
  port?: number;
  /** How often a supergraph URL (or the store) is polled, in milliseconds. Default 10,000. */
  pollIntervalMs?: number;
  /** Keep-alive connections per subgraph origin. Default 32. */
  connectionsPerSubgraph?: number;
  /** Where log lines go. Default `console`. */
  logger?: GatewayLogger;
  /**
   * How callers are identified: bearer JWTs verified against `jwks` (a key set or a JWKS URL), from one of
   * `issuers`, for `audience` (default `govgraph`). Required unless `anonymous` is set.
   */
  identity?: { jwks: { keys: JWK[] } | URL; issuers: string[]; audience?: string };
  /**
   * Residents' sign-in (gateway/identify/residentVerifier.ts): tokens whose `sub` is a resident ID, verified against
   * the residents' identity provider's `jwks`, from one of `issuers`, for `audience` (default `govgraph-resident`,
   * never the departments'). A resident reaches only their own records (sharing/residents.ts). Default none: no
   * resident can sign in.
   */
  residents?: ResidentVerifierOptions | null;
  /**
   * Admit requests without a token as this one named caller, who sees only what its department may see
   * (for open-data or test deployments). Default none: no token, no data.
   */
  anonymous?: { application: string; department: string } | null;
  /** Level of fields the supergraph declares none for (a foreign supergraph). Default `NONE`. */
  defaultLevel?: ShareLevel;
  /** Agreements that grant conditional items. Default none: conditional items are denied to other departments. */
  agreements?: AgreementSource | null;
  /**
   * The key the gateway signs departments' grant tokens with. Default none: no grant token is sent (a foreign
   * supergraph whose subgraphs do not check one).
   */
  grantSigning?: {
    privateKey: CryptoKey;
    kid: string;
    ttlSeconds?: number;
    /** Where departments read the gateway's public keys; when given, `/ready` fails while `kid` is not there. */
    publishedAt?: URL | null;
  } | null;
  /**
   * The platform's masking key (32 bytes, `loadOrCreateMaskingKey`): sensitive keys are shown to each consumer
   * department as its own keyed pseudonym (sharing/masking.ts), and every grant carries that department's derived key.
   * Every replica must have the same. Default: a random key for this process (pseudonyms change with every start).
   */
  maskingKey?: Buffer;
  /**
   * The departments behind the supergraph. Every subgraph is a govgraph department unless named in `foreign`
   * (or `foreign: 'all'`): its requests are bound to their grants and it must answer with its signed report of
   * what it served (an answer without one is not used). `keys` gives a department's public keys (a JWKS or the URL
   * it is published at); the others are read from the department's own `/.well-known/jwks.json`. Default: every
   * subgraph a department, keys discovered.
   */
  departments?: { foreign?: readonly string[] | 'all'; keys?: Record<string, { keys: JWK[] } | URL> };
  /**
   * The audit trail: every request is recorded before its response is sent, and a request whose record cannot
   * be written is answered 503 without data. Default none (no trail: for tests and foreign supergraphs only).
   */
  audit?: AuditSink | null;
  /**
   * Where the gateway's traces go (`observability/tracing.ts`; `tracingFromEnv` reads the OTEL_* variables).
   * Default none: tracing off. Metrics need no option: always collected, served at `/metrics`.
   */
  tracing?: TracingOptions | null;
  /**
   * GraphiQL at `/graphiql` (and for a browser's GET of `/graphql`) and the catalogue at `/catalog`, from the
   * locally built assets (`gateway/explorer/`), or `false` for none. Default: on, without development identities.
   */
  explorer?: ExplorerOptions | false;
  /**
   * Requests refused before their caller is known, limited per source address (gateway/identify/): beyond the
   * limit 429 with Retry-After, counted and recorded once per source per interval. Default 5 per second, burst 50,
   * no trusted proxy (the connection's peer is the source), one record a minute.
   */
  refusals?: RefusalOptions;
  /**
   * Where `/metrics` is served (observability/metricsAccess.ts): a listener of its own (`port`, `host`), behind a
   * bearer `token`, or by default on the main listener to loopback callers only.
   */
  metrics?: MetricsOptions;
}

/** Apollo's logger interface: the gateway's lines, and @apollo/gateway's own (server.ts), go to one. */
export type GatewayLogger = Logger;

export type ResolvedGatewayOptions = Required<Omit<GatewayOptions, 'logger' | 'identity' | 'refusals' | keyof HardeningOptions>> & ResolvedHardeningOptions & {
  logger: GatewayLogger;
  identity: GatewayOptions['identity'] | null;
  refusals: ResolvedRefusalOptions;
};

export const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
export const DEFAULT_GATEWAY_PORT = 4000;

const quietConsole: GatewayLogger = {
  debug: () => {},
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

const OPTIONS = z.object({
  defaultLevel: expecting<ShareLevel>('UNCONDITIONAL, CONDITIONAL or NONE', (value) => ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'].includes(value as string)),
  supergraph: expecting<string>('a file path, an http(s) URL or `store`', (value) => typeof value === 'string' && value.trim() !== ''),
  port: expecting<number>('an integer from 0 to 65535', (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535),
  pollIntervalMs: expecting<number>('an integer of at least 100', (value) => Number.isInteger(value) && (value as number) >= 100),
  connectionsPerSubgraph: positiveInteger,
  maskingKey: expecting<Buffer>('a Buffer of at least 32 bytes (loadOrCreateMaskingKey)', (value) => Buffer.isBuffer(value) && value.length >= 32, true),
  departments: z.object({ foreign: expecting("'all' or a list of subgraph names", (value) => value === 'all' || (Array.isArray(value) && value.every((name) => typeof name === 'string'))) }),
  subgraphUrls: byName(expecting<string>('an http(s) URL', (value) => typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value))),
});

export function resolveGatewayOptions(options: GatewayOptions = {}): ResolvedGatewayOptions {
  const resolved: ResolvedGatewayOptions = {
    ...resolveHardeningOptions(options),
    supergraph: options.supergraph ?? DEFAULT_SUPERGRAPH,
    supergraphStore: options.supergraphStore ?? null,
    subgraphUrls: options.subgraphUrls ?? {},
    host: options.host ?? '127.0.0.1',
    port: options.port ?? DEFAULT_GATEWAY_PORT,
    pollIntervalMs: options.pollIntervalMs ?? 10_000,
    connectionsPerSubgraph: options.connectionsPerSubgraph ?? 32,
    logger: options.logger ?? quietConsole,
    identity: options.identity ?? null,
    residents: options.residents ?? null,
    anonymous: options.anonymous ?? null,
    defaultLevel: options.defaultLevel ?? 'NONE',
    agreements: options.agreements ?? null,
    grantSigning: options.grantSigning ?? null,
    audit: options.audit ?? null,
    tracing: options.tracing ?? null,
    explorer: options.explorer ?? {},
    departments: { foreign: options.departments?.foreign ?? [], keys: options.departments?.keys ?? {} },
    maskingKey: options.maskingKey ?? randomBytes(32),
    refusals: resolveRefusalOptions(options.refusals),
    metrics: options.metrics ?? {},
  };
  checkMetricsOptions(resolved.metrics, 'Gateway option');
  if (!resolved.identity && !resolved.anonymous) {
    throw new Error('Gateway option `identity` ({ jwks, issuers }) is required unless `anonymous` admits unauthenticated callers.');
  }
  check(OPTIONS, resolved, 'Gateway option');
  if (resolved.residents) {
    const { jwks, issuers, audience } = resolved.residents;
    if (!jwks || !(jwks instanceof URL || Array.isArray(jwks.keys))) throw new Error('Gateway option `residents.jwks` must be a key set ({ keys }) or a JWKS URL.');
    if (!Array.isArray(issuers) || issuers.length === 0) throw new Error('Gateway option `residents.issuers` must name at least one issuer.');
    if (audience !== undefined && audience === (resolved.identity?.audience ?? 'govgraph')) {
      throw new Error('Gateway option `residents.audience` must differ from the departments\' audience: a department\'s token must never sign a resident in.');
    }
  }
  if (resolved.supergraph === STORE_LOCATION && !resolved.supergraphStore) {
    throw new Error("Gateway option `supergraph: 'store'` needs `supergraphStore` (the platform store's schemaVersions).");
  }
  return resolved;
}

const milliseconds = expecting<number>('a positive integer of milliseconds', (value) => Number.isInteger(value) && (value as number) >= 1);

const HARDENING = z.object({
  maxRequestBytes: expecting<number>('an integer of at least 1024', (value) => Number.isInteger(value) && (value as number) >= 1024),
  subgraphResilience: z.object({
    timeoutMs: milliseconds,
    timeouts: byName(milliseconds),
    retries: expecting<number>('an integer from 0 to 3', (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3),
    maxPending: positiveInteger.nullable(),
    breaker: z.object({ failureThreshold: positiveInteger, cooldownMs: positiveInteger }, { error: 'must be { failureThreshold: positive integer, cooldownMs: positive integer } or null' }).nullable(),
  }),
});

/**
 * The options that protect the platform from careless or hostile callers and from failing departments: per-application
 * limits, trusted documents, quotas, the request body limit and how departments' failures are contained.
 */
export interface HardeningOptions {
  /**
   * Operation limits, trusted mode and rate limit per application, daily record quotas per agreement
   * (gateway/admit/). Default: the built-in limits and a 1,000 requests/s rate limit per application.
   */
  applicationPolicy?: ApplicationPolicy | ApplicationPolicyConfig;
  /** Documents registered per application (trusted mode, persisted queries). Default none. */
  trustedDocuments?: TrustedDocumentStore | null;
  /** Where records served per agreement per day are counted; required when a daily quota is configured. */
  agreementUsage?: AgreementUsage | null;
  /** Largest request body, in bytes (413 beyond). Default 1 MiB. */
  maxRequestBytes?: number;
  /** How failing departments are contained (deadline, retries, pending bound, circuit breaker). */
  subgraphResilience?: Partial<SubgraphResilience>;
}

export interface ResolvedHardeningOptions {
  applicationPolicy: ApplicationPolicy;
  trustedDocuments: TrustedDocumentStore | null;
  agreementUsage: AgreementUsage | null;
  maxRequestBytes: number;
  subgraphResilience: SubgraphResilience;
}

export function resolveHardeningOptions(options: HardeningOptions): ResolvedHardeningOptions {
  const policy = options.applicationPolicy;
  const resilience: SubgraphResilience = {
    timeoutMs: 10_000,
    timeouts: {},
    retries: 1,
    maxPending: null,
    breaker: DEFAULT_BREAKER,
    ...options.subgraphResilience,
  };
  const resolved: ResolvedHardeningOptions = {
    applicationPolicy: policy && 'settingsFor' in policy ? policy : createApplicationPolicy(policy ?? {}, 'Gateway option `applicationPolicy`'),
    trustedDocuments: options.trustedDocuments ?? null,
    agreementUsage: options.agreementUsage ?? null,
    maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024,
    subgraphResilience: resilience,
  };
  if (resolved.applicationPolicy.hasAgreementQuotas && !resolved.agreementUsage) {
    throw new Error('The application policy sets daily quotas for agreements, but no `agreementUsage` store was given to count them in.');
  }
  check(HARDENING, resolved, 'Gateway option');
  return resolved;
}
