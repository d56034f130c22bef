/**
 * govgraph's gateway serves a Federation 2 supergraph that someone else composed exactly as plain @apollo/gateway
 * does. Five fixture subgraphs modelled on Apollo's public compatibility suite are composed, then every operation
 * below goes to govgraph's gateway and to a plain `ApolloServer({ gateway: new ApolloGateway(...) })` over the same
 * supergraph: HTTP status, whole JSON body and the subgraph calls each plan made must be equal. Where the answer is
 * known independently, it is asserted too, so both gateways being wrong the same way still fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayLogger, type RunningGateway } from '../../gateway/index.ts';
import Database from 'better-sqlite3';
import { openPlatformStore, verifyTrail, type PlatformStore } from '../../platform/index.ts';
import { composeSubgraphs, type CompositionOutcome } from '../../schema/composition.ts';
import { cases, type Operation } from '../fixtures/federation-compat/cases.ts';
import { startCompatSubgraphs, type CompatSubgraphs, type SubgraphCall } from '../fixtures/federation-compat/index.ts';

// Read by ApolloGateway's constructor: the plain gateway must not phone home either.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const silent: GatewayLogger = { debug() {}, info() {}, warn() {}, error() {} };

interface Answer {
  status: number;
  body: any;
  /** The subgraph operations the gateway's plan sent, sorted (parallel fetches arrive in any order). */
  calls: SubgraphCall[];
}

let fixtures: CompatSubgraphs;
let composition: CompositionOutcome;
let supergraphDir: string;
let govgraph: RunningGateway;
let trail: PlatformStore;
let plain: { server: ApolloServer; url: string };

beforeAll(async () => {
  fixtures = await startCompatSubgraphs();
  composition = composeSubgraphs(fixtures.subgraphs);
  if (!composition.ok) throw new Error(`The fixture subgraphs did not compose:\n${composition.errors.join('\n')}`);
  supergraphDir = mkdtempSync(join(tmpdir(), 'govgraph-compat-'));
  const supergraphFile = join(supergraphDir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composition.supergraphSdl);
  // A foreign supergraph declares no sharing levels: an open deployment admits anonymous callers and shares
  // unlevelled fields, so govgraph must then answer exactly as plain @apollo/gateway, with its audit trail on
  // (nothing is added to an operation for the record: the fixtures are foreign subgraphs that do not report).
  trail = await openPlatformStore({ file: join(supergraphDir, 'platform.sqlite') });
  govgraph = await startGateway({
    supergraph: supergraphFile,
    port: 0,
    logger: silent,
    anonymous: { application: 'compatibility-suite', department: 'anonymous' },
    defaultLevel: 'UNCONDITIONAL',
    audit: trail.audit,
    departments: { foreign: 'all' },
  });
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: composition.supergraphSdl, logger: silent }),
    // govgraph never sends stack traces; the plain gateway's default under NODE_ENV=test would.
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  plain = { server, url };
});

afterAll(async () => {
  await govgraph?.stop();
  await trail?.close();
  await plain?.server.stop();
  await fixtures?.stop();
  if (supergraphDir) rmSync(supergraphDir, { recursive: true, force: true });
});

async function ask(url: string, operation: Operation): Promise<Answer> {
  fixtures.calls.length = 0;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(operation),
  });
  const body: unknown = await response.json();
  const calls = [...fixtures.calls].sort(
    (a, b) => a.subgraph.localeCompare(b.subgraph) || a.representations - b.representations,
  );
  return { status: response.status, body, calls };
}

/** Sends `operation` to both gateways, one after the other, and asserts they answered alike. */
async function askBoth(operation: Operation): Promise<Answer> {
  const fromGovgraph = await ask(govgraph.url, operation);
  const fromPlain = await ask(plain.url, operation);
  expect(fromGovgraph).toEqual(fromPlain);
  return fromGovgraph;
}

describe('composition of a supergraph composed outside govgraph', () => {
  it('composes the five compatibility subgraphs into one supergraph', () => {
    expect(composition.ok).toBe(true);
    if (!composition.ok) return;
    expect(composition.hints).toEqual([
      '[OVERRIDDEN_FIELD_CAN_BE_REMOVED]: Field "User.name" on subgraph "users" is overridden. Consider removing it.',
    ]);
    for (const name of ['PRODUCTS', 'USERS', 'INVENTORY', 'REVIEWS', 'SEARCH']) {
      expect(composition.supergraphSdl).toContain(`${name} @join__graph(name: "${name.toLowerCase()}"`);
    }
  });

  it('keeps @tag and @inaccessible in the supergraph but not in the API schema', () => {
    if (!composition.ok) throw new Error('composition failed');
    expect(composition.supergraphSdl).toContain('notes: String @join__field(graph: PRODUCTS) @tag(name: "internal")');
    expect(composition.supergraphSdl).toMatch(/RECALLED @inaccessible @join__enumValue\(graph: PRODUCTS\)/);
    expect(composition.apiSchemaSdl).not.toMatch(/@tag|@inaccessible|RECALLED|unit: String/);
  });
});

describe('govgraph gateway versus plain @apollo/gateway over a foreign supergraph', () => {
  for (const { name, operation, expected, deliberateDifference } of cases) {
    it(name, async () => {
      if (deliberateDifference) {
        const fromGovgraph = await ask(govgraph.url, operation);
        const fromPlain = await ask(plain.url, operation);
        expect({ status: fromGovgraph.status, body: fromGovgraph.body }).toEqual(deliberateDifference.govgraph);
        expect({ status: fromPlain.status, body: fromPlain.body }).toEqual(deliberateDifference.plain);
        expect(fromGovgraph.calls).toEqual(fromPlain.calls);
        return;
      }
      const answer = await askBoth(operation);
      if (!expected) return;
      expect(answer.status).toBe(expected.status);
      expect(answer.body).toEqual(expected.body);
      if (expected.calls) expect(answer.calls).toEqual(expected.calls);
    });
  }

  it('serves the same introspection as plain @apollo/gateway: the API schema, without @inaccessible or federation internals', async () => {
    if (!composition.ok) throw new Error('composition failed');
    const answer = await askBoth({ query: getIntrospectionQuery() });
    expect(answer.status).toBe(200);
    // The gateway orders types alphabetically; composition keeps subgraph order. Compare the same schema sorted.
    const sorted = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));
    const introspected = buildClientSchema((answer.body as { data: IntrospectionQuery }).data);
    expect(sorted(introspected)).toBe(sorted(buildSchema(composition.apiSchemaSdl)));
    expect(JSON.stringify(answer.body)).not.toMatch(/"unit"|RECALLED|_entities|_service|join__|link__/);
  });
});

describe('with its audit trail on', () => {
  it('recorded every request it answered above, as a chain that verifies', async () => {
    const head = await trail.audit.head();
    expect(head.sequence).toBeGreaterThanOrEqual(cases.length);
    const recorded = await trail.audit.query({ consumer: 'anonymous' }, { first: 500 });
    expect(recorded.records.every((record) => record.kind === 'request' && record.application === 'compatibility-suite')).toBe(true);
    // Foreign subgraphs report nothing: the record keeps the decisions, no subjects and no reports.
    expect(recorded.records.flatMap((record) => Object.values(record.providers)).some((access) => access.subjects.length > 0 || access.reports)).toBe(false);
    const db = new Database(join(supergraphDir, 'platform.sqlite'), { readonly: true });
    try {
      expect(await verifyTrail(db, { jwks: { keys: [] } })).toMatchObject({ ok: true, records: head.sequence, seals: 0 });
    } finally {
      db.close();
    }
  });
});
