/**
 * Starts department subgraphs for tests: seeded into a temporary directory from a small population, listening
 * on ephemeral loopback ports. Databases are cached per population for the test process, so suites that start
 * the same departments again do not regenerate them.
 *
 * Departments answer only grants the gateway signs for them, each request bound to its grant: each start creates a
 * gateway grant key in its temporary directory (`grantKey`, also on disk for a gateway started over the same
 * `dataDir`) and a request binder of its own; `grantTokenFor` signs grants with that key (carrying the binder's
 * confirmation key), and `post` binds each request as the gateway does, so a test can call a department as the
 * gateway would. Each department has its own keys (`keys`, on disk under `dataDir/keys/departments/`) and its
 * own access log (`accessLogs`, `dataDir/departments/<id>.access.sqlite`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { decodeJwt, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { BINDING_HEADER, createRequestBinder, type Binding, type RequestBinder } from '../../sharing/binding.ts';
import { departmentPublicKeys, loadOrCreateDepartmentKeys, type DepartmentKeys } from '../../sharing/departmentKeys.ts';
import { createGrantSigner } from '../../sharing/grantToken.ts';
import { checkSealedReport, type SealedReport } from '../../sharing/servedReport.ts';
import { consumerKeyOf } from './sharing.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { ensureDepartmentData, startSubgraph, type DepartmentDefinition, type RunningSubgraph, type SubgraphServerOptions } from '../../subgraphs/kit/index.ts';
import { accessLogFile, openAccessLog, type AccessLog } from '../../subgraphs/kit/reporting/index.ts';
import type { PopulationOptions } from '../../subgraphs/synthetic/types.ts';

/** A small population that still has couples, enterprises and real estate for every test to find. */
export const TEST_POPULATION: PopulationOptions = { seed: 7, people: 2_000, enterprises: 600 };

export interface TestDepartments {
  subgraphs: RunningSubgraph[];
  /** Subgraph name -> URL, for the gateway's URL overrides. */
  urls: Record<string, string>;
  byId(id: string): RunningSubgraph;
  /** The temporary data directory (databases, and the gateway grant key under `keys/`). */
  dataDir: string;
  /** The gateway grant key the departments trust. */
  grantKey: GrantKey;
  /** The test's stand-in for a gateway process's request binder (grants carry its confirmation key). */
  binder: RequestBinder;
  /** Each department's own keys. */
  keys: Record<string, DepartmentKeys>;
  /** Each department's own access log. */
  accessLogs: Record<string, AccessLog>;
  /** A grant for `department` (the audience), as the gateway would sign it for `caller`. */
  grantTokenFor(department: string, caller: GrantCaller, options?: { ttlSeconds?: number }): Promise<string>;
  /** A binding of one request to department `id`, as the gateway makes it. */
  bind(id: string, request: { grant: string; body: string; requestId: string }): Binding;
  /**
   * Posts to department `id` with `grant`, bound as the gateway binds it (a fresh request id unless given); with
   * `binding: false` unbound, or with a binding header of the test's own.
   */
  post(id: string, body: GraphQLBody, grant: string, options?: PostOptions): Promise<PostedToDepartment>;
  /** Posts to department `id` with a grant of the department itself: every catalogued item, raw. */
  postAsProvider(id: string, body: GraphQLBody): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * A department's answer: its body without the report, and the report (`extensions.govgraph`), checked as the
 * gateway checks it (a bound answer without a valid report fails the test here).
 */
export interface PostedToDepartment {
  status: number;
  body: any;
  requestId: string;
  binding: Binding | null;
  report: SealedReport | null;
}

export interface PostOptions {
  requestId?: string;
  /** false: no binding header; a string: that header value instead of a fresh binding. Default a fresh binding. */
  binding?: false | string;
  /** The exact body text to send (default JSON.stringify(body)). */
  raw?: string;
}

/** Who a test grant is for and what it grants; lists default to empty, purpose to null. */
export interface GrantCaller {
  /** Caller application (`sub`). */
  application: string;
  /** Caller department (`dept`); the audience department itself for a provider's own request. */
  department: string;
  /** CONDITIONAL items granted, `Type.field`. */
  items?: string[];
  /** Sensitive items granted raw. */
  raw?: string[];
  purpose?: string | null;
  agreements?: string[];
  /** A resident's grant: the resident (claim `rid`), with `department` the reserved `resident`. */
  resident?: string;
}

/**
 * The test's stand-in for the binding key of the gateway process that holds `key`: one per grant key, so every grant
 * a test signs with it carries the confirmation key its requests are then bound with.
 */
const binders = new WeakMap<GrantKey, RequestBinder>();
const bindersByKid = new Map<string, RequestBinder>();
export function binderOf(key: GrantKey): RequestBinder {
  let binder = binders.get(key);
  if (!binder) {
    binders.set(key, (binder = createRequestBinder()));
    bindersByKid.set(binder.confirmationKey.kid, binder);
  }
  return binder;
}

/**
 * Signs a grant for `department` with `key`, as the gateway does: with the confirmation key of `binderOf(key)`, or
 * of `confirmation`, or (`confirmation: null`) without one, as a gateway that binds nothing would.
 */
export function signGrant(
  key: GrantKey,
  department: string,
  caller: GrantCaller,
  options: { ttlSeconds?: number } = {},
  confirmation: RequestBinder | null = binderOf(key),
): Promise<string> {
  const signer = createGrantSigner({ privateKey: key.privateKey, kid: key.kid, ...(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {}) });
  return signer.sign({
    sub: caller.application,
    dept: caller.department,
    aud: department,
    purpose: caller.purpose ?? null,
    agreements: caller.agreements ?? [],
    items: caller.items ?? [],
    raw: caller.raw ?? [],
    ...(confirmation ? { cnf: { jwk: confirmation.confirmationKey } } : {}),
    // The caller's masking key, derived from the test federation's platform key as the gateway derives it.
    mk: consumerKeyOf(caller.department).toString('base64url'),
    ...(caller.resident && { resident: caller.resident }),
  });
}

/**
 * Starts one department over `databaseFile` with its own keys and access log in `dataDir` (as bin/subgraph.ts
 * does, the log on the test's thread); stopping it closes its log.
 */
export type RunningDepartment = RunningSubgraph & { keys: DepartmentKeys; accessLog: AccessLog };

export async function startDepartmentIn(dataDir: string, options: Omit<SubgraphServerOptions, 'keys' | 'accessLog'>): Promise<RunningDepartment> {
  const keys = await loadOrCreateDepartmentKeys(dataDir, options.department.id);
  const accessLog = await openAccessLog({ keys, file: accessLogFile(dataDir, options.department.id) });
  let running: RunningSubgraph;
  try {
    running = await startSubgraph({ ...options, keys, accessLog });
  } catch (error) {
    await accessLog.close();
    throw error;
  }
  return {
    ...running,
    keys,
    accessLog,
    async stop() {
      await running.stop();
      await accessLog.close();
    },
  };
}

/** A running department as the gateway reaches it: its URL and its published keys. */
export interface DepartmentTarget {
  department: { id: string };
  url: string;
  keys: { jwks: { keys: JWK[] } };
}

/**
 * Posts to a department as the gateway does: with `grant` (signed by `signGrant`), bound with the binder whose
 * confirmation key the grant carries, under a fresh request id unless given; the answer's report is checked as
 * the gateway checks it and returned apart from the body.
 */
export async function postAsGateway(target: DepartmentTarget, body: GraphQLBody, grant: string, options: PostOptions = {}): Promise<PostedToDepartment> {
  const id = target.department.id;
  const requestId = options.requestId ?? randomUUID();
  const raw = options.raw ?? JSON.stringify(body);
  const binder = bindersByKid.get((decodeJwt(grant).cnf as { jwk?: { kid?: string } } | undefined)?.jwk?.kid ?? '');
  const binding = options.binding === undefined && binder
    ? binder.bind({ secret: binder.secretFor(departmentPublicKeys(id, target.keys.jwks).agreement), requestId, grantToken: grant, body: raw })
    : null;
  const header = binding?.header ?? (typeof options.binding === 'string' ? options.binding : null);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${grant}`,
      'x-request-id': requestId,
      ...(header ? { [BINDING_HEADER]: header } : {}),
    },
    body: raw,
  });
  const answer = (await response.json()) as any;
  const sealed = answer?.extensions?.govgraph;
  if (sealed !== undefined) {
    delete answer.extensions.govgraph;
    if (Object.keys(answer.extensions).length === 0) delete answer.extensions;
  }
  if (!binding || (sealed === undefined && response.status !== 200)) return { status: response.status, body: answer, requestId, binding, report: null };
  const report = checkSealedReport(sealed, { department: id, requestId, grant: binding.id, operation: binding.operation, secret: binding.secret });
  if (typeof report === 'string') throw new Error(`${id} answered without a valid report: ${report}`);
  return { status: response.status, body: answer, requestId, binding, report };
}

export async function startDepartments(
  departments: readonly DepartmentDefinition[],
  population: PopulationOptions = TEST_POPULATION,
): Promise<TestDepartments> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-test-'));
  const grantKey = await loadOrCreateGrantKey(dataDir);
  const binder = binderOf(grantKey);
  const keys: Record<string, DepartmentKeys> = {};
  const accessLogs: Record<string, AccessLog> = {};
  const subgraphs = await Promise.all(
    departments.map(async (department) => {
      const databaseFile = join(dataDir, `${department.id}.sqlite`);
      ensureDepartmentData(department, databaseFile, population);
      const running = await startDepartmentIn(dataDir, { department, databaseFile, gatewayKeys: grantKey.jwks });
      keys[department.id] = running.keys;
      accessLogs[department.id] = running.accessLog;
      return running;
    }),
  );
  const byId = (id: string): RunningSubgraph => {
    const found = subgraphs.find((s) => s.department.id === id);
    if (!found) throw new Error(`No department ${id} was started.`);
    return found;
  };
  const bind: TestDepartments['bind'] = (id, { grant, body, requestId }) => {
    const secret = binder.secretFor(departmentPublicKeys(id, keys[id]!.jwks).agreement);
    return binder.bind({ secret, requestId, grantToken: grant, body });
  };
  const post: TestDepartments['post'] = (id, body, grant, options = {}) =>
    postAsGateway({ department: { id }, url: byId(id).url, keys: keys[id]! }, body, grant, options);
  return {
    subgraphs,
    urls: Object.fromEntries(subgraphs.map((s) => [s.department.id, s.url])),
    byId,
    dataDir,
    grantKey,
    binder,
    keys,
    accessLogs,
    grantTokenFor: (department, caller, options) => signGrant(grantKey, department, caller, options),
    bind,
    post,
    async postAsProvider(id, body) {
      const grant = await signGrant(grantKey, id, { application: `${id}-own-systems`, department: id });
      const { status, body: answer } = await post(id, body, grant);
      return { status, body: answer };
    },
    async stop() {
      await Promise.all(subgraphs.map((s) => s.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** Posts a GraphQL operation and returns the status and parsed body. */
export async function postGraphQL(
  url: string,
  body: GraphQLBody,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Sends a typed operation (from schema/__generated__/operations.ts) and returns the status and typed body. */
export async function execute<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { data?: TData | null; errors?: GraphQLFormattedError[] } }> {
  return postGraphQL(url, { query: print(document), variables }, headers);
}
