/**
 * Starts department subgraphs for tests: seeded into a temporary directory from a small population, listening
 * on ephemeral loopback ports. Databases are cached per population for the test process, so suites that start
 * the same departments again do not regenerate them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { ensureDepartmentData, startSubgraph, type DepartmentDefinition, type RunningSubgraph } from '../../subgraphs/kit/index.ts';
import type { PopulationOptions } from '../../subgraphs/synthetic/types.ts';

/** A small population that still has couples, enterprises and real estate for every test to find. */
export const TEST_POPULATION: PopulationOptions = { seed: 7, people: 2_000, enterprises: 600 };

export interface TestDepartments {
  subgraphs: RunningSubgraph[];
  /** Subgraph name -> URL, for the gateway's URL overrides. */
  urls: Record<string, string>;
  byId(id: string): RunningSubgraph;
  stop(): Promise<void>;
}

export async function startDepartments(
  departments: readonly DepartmentDefinition[],
  population: PopulationOptions = TEST_POPULATION,
): Promise<TestDepartments> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-test-'));
  const subgraphs = await Promise.all(
    departments.map((department) => {
      const databaseFile = join(dataDir, `${department.id}.sqlite`);
      ensureDepartmentData(department, databaseFile, population);
      return startSubgraph({ department, databaseFile });
    }),
  );
  return {
    subgraphs,
    urls: Object.fromEntries(subgraphs.map((s) => [s.department.id, s.url])),
    byId(id) {
      const found = subgraphs.find((s) => s.department.id === id);
      if (!found) throw new Error(`No department ${id} was started.`);
      return found;
    },
    async stop() {
      await Promise.all(subgraphs.map((s) => s.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts a GraphQL operation and returns the status and parsed body. */
export async function postGraphQL(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
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
