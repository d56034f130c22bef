/**
 * Starts department subgraphs for tests: seeded into a temporary directory from a small population, listening
 * on ephemeral loopback ports. Databases are cached per population for the test process, so suites that start
 * the same departments again do not regenerate them.
 *
 * Departments answer only grants the gateway signs for them: each start creates a gateway grant key in its
 * temporary directory (`grantKey`, also on disk for a gateway started over the same `dataDir`), and
 * `grantTokenFor` signs grants with it, so a test can call a department as the gateway would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { createGrantSigner } from '../../sharing/grantToken.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { ensureDepartmentData, startSubgraph, type DepartmentDefinition, type RunningSubgraph } from '../../subgraphs/kit/index.ts';
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
  /** A grant for `department` (the audience), as the gateway would sign it for `caller`. */
  grantTokenFor(department: string, caller: GrantCaller, options?: { ttlSeconds?: number }): Promise<string>;
  /** Posts to department `id` with a grant of the department itself: every catalogued item, raw. */
  postAsProvider(id: string, body: GraphQLBody): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
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
}

/** Signs a grant for `department` with `key`, as the gateway does. */
export function signGrant(key: GrantKey, department: string, caller: GrantCaller, options: { ttlSeconds?: number } = {}): Promise<string> {
  const signer = createGrantSigner({ privateKey: key.privateKey, kid: key.kid, ...(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {}) });
  return signer.sign({
    sub: caller.application,
    dept: caller.department,
    aud: department,
    purpose: caller.purpose ?? null,
    agreements: caller.agreements ?? [],
    items: caller.items ?? [],
    raw: caller.raw ?? [],
  });
}

export async function startDepartments(
  departments: readonly DepartmentDefinition[],
  population: PopulationOptions = TEST_POPULATION,
): Promise<TestDepartments> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-test-'));
  const grantKey = await loadOrCreateGrantKey(dataDir);
  const subgraphs = await Promise.all(
    departments.map((department) => {
      const databaseFile = join(dataDir, `${department.id}.sqlite`);
      ensureDepartmentData(department, databaseFile, population);
      return startSubgraph({ department, databaseFile, gatewayKeys: grantKey.jwks });
    }),
  );
  const byId = (id: string): RunningSubgraph => {
    const found = subgraphs.find((s) => s.department.id === id);
    if (!found) throw new Error(`No department ${id} was started.`);
    return found;
  };
  return {
    subgraphs,
    urls: Object.fromEntries(subgraphs.map((s) => [s.department.id, s.url])),
    byId,
    dataDir,
    grantKey,
    grantTokenFor: (department, caller, options) => signGrant(grantKey, department, caller, options),
    async postAsProvider(id, body) {
      const grant = await signGrant(grantKey, id, { application: `${id}-own-systems`, department: id });
      return postAsGateway(byId(id).url, body, grant);
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

/** Posts a GraphQL operation to a department as the gateway does: with a grant token for it. */
export async function postAsGateway(
  url: string,
  body: GraphQLBody,
  grantToken: string,
): Promise<{ status: number; body: any }> {
  return postGraphQL(url, body, { authorization: `Bearer ${grantToken}` });
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
