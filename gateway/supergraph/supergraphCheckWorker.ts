/**
 * Worker thread (see supergraphCheck.ts): loads a supergraph exactly as @apollo/gateway does when it is handed
 * one (validated supergraph, its GraphQL schemas, API schema, query planner) and posts whether that worked, or
 * the error the gateway would have thrown.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { SupergraphCheckInput, SupergraphCheckResult } from './supergraphCheck.ts';

const { supergraphSdl } = workerData as SupergraphCheckInput;
let result: SupergraphCheckResult;
try {
  const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: true });
  supergraph.schema.toGraphQLJSSchema();
  supergraph.apiSchema().toGraphQLJSSchema();
  new QueryPlanner(supergraph);
  result = { ok: true };
} catch (error) {
  result = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(result);
