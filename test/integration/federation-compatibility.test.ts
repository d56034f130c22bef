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
import { startCompatSubgraphs, type CompatSubgraphs, type SubgraphCall } from '../fixtures/federation-compat/index.ts';

// Read by ApolloGateway's constructor: the plain gateway must not phone home either.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const silent: GatewayLogger = { debug() {}, info() {}, warn() {}, error() {} };

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

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

interface Case {
  /** The `it` sentence. */
  name: string;
  operation: Operation;
  /** The answer known independently of either gateway, when there is one. */
  expected?: { status: number; body: unknown; calls?: SubgraphCall[] };
  /** Where govgraph answers differently on purpose: its answer, and plain @apollo/gateway's. */
  deliberateDifference?: { why: string; govgraph: { status: number; body: unknown }; plain: { status: number; body: unknown } };
}

const cases: Case[] = [
  {
    name: 'resolves entities by a single @key in one batched _entities fetch like plain @apollo/gateway',
    operation: { query: '{ topReviews { id author { email yearsOfEmployment } } }' },
    expected: {
      status: 200,
      body: {
        data: {
          topReviews: [
            { id: 'r1', author: { email: 'ada@example.org', yearsOfEmployment: 4 } },
            { id: 'r2', author: { email: 'support@apollographql.com', yearsOfEmployment: 3 } },
            { id: 'r3', author: { email: 'unlisted@example.org', yearsOfEmployment: 1 } },
          ],
        },
      },
      calls: [
        { subgraph: 'reviews', representations: 0 },
        { subgraph: 'users', representations: 3 },
      ],
    },
  },
  {
    name: 'resolves union members by a compound @key like plain @apollo/gateway',
    operation: {
      query: '{ search(term: "federation") { __typename ... on Product { id notes } ... on DeprecatedProduct { reason } } }',
    },
    expected: {
      status: 200,
      body: {
        data: {
          search: [
            { __typename: 'Product', id: 'apollo-federation', notes: 'Federation 2 is the default' },
            { __typename: 'DeprecatedProduct', reason: 'Migrate to Federation V2' },
          ],
        },
      },
    },
  },
  {
    name: 'answers __typename on a union without an entity fetch like plain @apollo/gateway',
    operation: { query: '{ search(term: "a") { __typename } }' },
    expected: {
      status: 200,
      body: {
        data: {
          search: [{ __typename: 'Product' }, { __typename: 'DeprecatedProduct' }, { __typename: 'Product' }, { __typename: 'User' }],
        },
      },
      calls: [{ subgraph: 'search', representations: 0 }],
    },
  },
  {
    name: 'resolves entities by a nested @key like plain @apollo/gateway',
    operation: { query: '{ topReviews { id rating product { id sku variation { id } } } }' },
    expected: {
      status: 200,
      body: {
        data: {
          topReviews: [
            { id: 'r1', rating: 5, product: { id: 'apollo-federation', sku: 'federation', variation: { id: 'OSS' } } },
            { id: 'r2', rating: 3, product: { id: 'apollo-studio', sku: 'studio', variation: { id: 'platform' } } },
            { id: 'r3', rating: 1, product: { id: 'apollo-federation', sku: 'federation', variation: { id: 'OSS' } } },
          ],
        },
      },
    },
  },
  {
    name: 'fetches a field of a list of entities in one batched _entities call like plain @apollo/gateway',
    operation: { query: '{ products { id reviews { id rating } } }' },
    expected: {
      status: 200,
      body: {
        data: {
          products: [
            { id: 'apollo-federation', reviews: [{ id: 'r1', rating: 5 }, { id: 'r3', rating: 1 }] },
            { id: 'apollo-studio', reviews: [{ id: 'r2', rating: 3 }] },
          ],
        },
      },
      calls: [
        { subgraph: 'products', representations: 0 },
        { subgraph: 'reviews', representations: 2 },
      ],
    },
  },
  {
    name: 'resolves @requires fields computed from the required values like plain @apollo/gateway',
    operation: { query: '{ users { email averageProductsCreatedPerYear } }' },
    expected: {
      status: 200,
      body: {
        data: {
          users: [
            { email: 'support@apollographql.com', averageProductsCreatedPerYear: 4 },
            { email: 'ada@example.org', averageProductsCreatedPerYear: 2 },
            { email: 'unlisted@example.org', averageProductsCreatedPerYear: 0 },
          ],
        },
      },
    },
  },
  {
    name: 'resolves a @requires field with nested required fields and an argument like plain @apollo/gateway',
    operation: {
      query: '{ product(id: "apollo-studio") { id delivery(zip: "10115") { estimatedDelivery fastestDelivery shippingCost } } }',
    },
    expected: {
      status: 200,
      body: {
        data: {
          product: {
            id: 'apollo-studio',
            delivery: { estimatedDelivery: '5 days', fastestDelivery: '3 days', shippingCost: 20 },
          },
        },
      },
    },
  },
  {
    name: 'uses @provides fields without calling the owning subgraph like plain @apollo/gateway',
    operation: { query: '{ product(id: "apollo-federation") { createdBy { email totalProductsCreated } } }' },
    expected: {
      status: 200,
      body: { data: { product: { createdBy: { email: 'support@apollographql.com', totalProductsCreated: 12 } } } },
      calls: [{ subgraph: 'products', representations: 0 }],
    },
  },
  {
    name: 'fetches fields @provides does not cover from the owning subgraph like plain @apollo/gateway',
    operation: { query: '{ product(id: "apollo-federation") { createdBy { email yearsOfEmployment } } }' },
    expected: {
      status: 200,
      body: { data: { product: { createdBy: { email: 'support@apollographql.com', yearsOfEmployment: 3 } } } },
      calls: [
        { subgraph: 'products', representations: 0 },
        { subgraph: 'users', representations: 1 },
      ],
    },
  },
  {
    name: 'takes an @override field from the overriding subgraph like plain @apollo/gateway',
    operation: { query: '{ users { email name } }' },
    expected: {
      status: 200,
      body: {
        data: {
          users: [
            { email: 'support@apollographql.com', name: 'Apollo Studio Support' },
            { email: 'ada@example.org', name: 'Ada Lovelace' },
            { email: 'unlisted@example.org', name: 'Unlisted Person' },
          ],
        },
      },
      calls: [
        { subgraph: 'products', representations: 3 },
        { subgraph: 'users', representations: 0 },
      ],
    },
  },
  {
    name: 'resolves a @shareable value type from either subgraph like plain @apollo/gateway',
    operation: {
      query: `{
        product(id: "apollo-federation") { dimensions { size weight } }
        inventory(id: "warehouse-berlin") { ... on Warehouse { largestParcel { size weight } } }
      }`,
    },
    expected: {
      status: 200,
      body: {
        data: {
          product: { dimensions: { size: 'small', weight: 1 } },
          inventory: { largestParcel: { size: 'large', weight: 30 } },
        },
      },
    },
  },
  {
    name: 'rejects selecting an @inaccessible field like plain @apollo/gateway',
    operation: { query: '{ product(id: "apollo-federation") { dimensions { unit } } }' },
    expected: {
      status: 400,
      body: {
        errors: [
          {
            message: 'Cannot query field "unit" on type "ProductDimension".',
            locations: [{ line: 1, column: 51 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
      calls: [],
    },
  },
  {
    name: 'rejects an @inaccessible enum value as an argument like plain @apollo/gateway',
    operation: { query: '{ productsByStatus(status: RECALLED) { id } }' },
    expected: {
      status: 400,
      body: {
        errors: [
          {
            message: 'Value "RECALLED" does not exist in "ProductStatus" enum.',
            locations: [{ line: 1, column: 28 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
      calls: [],
    },
  },
  {
    name: 'rejects an @inaccessible enum value in variables like plain @apollo/gateway',
    operation: {
      query: 'query ByStatus($status: ProductStatus!) { productsByStatus(status: $status) { id } }',
      variables: { status: 'RECALLED' },
    },
    expected: {
      status: 400,
      body: {
        errors: [
          {
            message: 'Variable "$status" got invalid value "RECALLED"; Value "RECALLED" does not exist in "ProductStatus" enum.',
            locations: [{ line: 1, column: 16 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
      calls: [],
    },
  },
  {
    name: 'handles an @inaccessible enum value returned by a subgraph like plain @apollo/gateway',
    operation: { query: '{ product(id: "recalled-widget") { id status } }' },
    // The value is not in the API schema, so it must not reach the client: the gateway nulls it and says so.
    expected: {
      status: 200,
      body: {
        data: { product: { id: 'recalled-widget', status: null } },
        extensions: {
          valueCompletion: [
            { message: 'Invalid value found for field Product.status.', path: ['product', 'status'], extensions: { code: 'INVALID_GRAPHQL' } },
          ],
        },
      },
    },
  },
  {
    name: 'hides @inaccessible members from introspection like plain @apollo/gateway',
    operation: {
      query: `{
        dimension: __type(name: "ProductDimension") { fields { name } }
        status: __type(name: "ProductStatus") { enumValues(includeDeprecated: true) { name } }
        inventory: __type(name: "Inventory") { kind possibleTypes { name } }
        searchResult: __type(name: "SearchResult") { kind possibleTypes { name } }
        join: __type(name: "join__Graph") { name }
      }`,
    },
    expected: {
      status: 200,
      body: {
        data: {
          dimension: { fields: [{ name: 'size' }, { name: 'weight' }] },
          status: { enumValues: [{ name: 'ACTIVE' }, { name: 'DISCONTINUED' }] },
          inventory: { kind: 'INTERFACE', possibleTypes: [{ name: 'Store' }, { name: 'Warehouse' }] },
          searchResult: { kind: 'UNION', possibleTypes: [{ name: 'Product' }, { name: 'DeprecatedProduct' }, { name: 'User' }] },
          join: null,
        },
      },
      calls: [],
    },
  },
  {
    name: 'resolves an entity interface and its implementations like plain @apollo/gateway',
    operation: { query: '{ inventories { __typename id name ... on Warehouse { city } ... on Store { openingHours } } }' },
    expected: {
      status: 200,
      body: {
        data: {
          inventories: [
            { __typename: 'Warehouse', id: 'warehouse-berlin', name: 'Berlin Central', city: 'Berlin' },
            { __typename: 'Warehouse', id: 'warehouse-lagos', name: 'Lagos Port', city: 'Lagos' },
            { __typename: 'Store', id: 'store-oakland', name: 'Oakland Outlet', openingHours: '09:00-18:00' },
          ],
        },
      },
      calls: [{ subgraph: 'inventory', representations: 0 }],
    },
  },
  {
    name: 'resolves interface fields contributed by an @interfaceObject like plain @apollo/gateway',
    operation: { query: '{ inventories { id deprecatedProducts { sku reason } } }' },
    expected: {
      status: 200,
      body: {
        data: {
          inventories: [
            {
              id: 'warehouse-berlin',
              deprecatedProducts: [
                { sku: 'apollo-federation-v1', reason: 'Migrate to Federation V2' },
                { sku: 'apollo-gateway-v0', reason: 'No longer maintained' },
              ],
            },
            { id: 'warehouse-lagos', deprecatedProducts: [] },
            { id: 'store-oakland', deprecatedProducts: [{ sku: 'apollo-gateway-v0', reason: 'No longer maintained' }] },
          ],
        },
      },
      calls: [
        { subgraph: 'inventory', representations: 0 },
        { subgraph: 'products', representations: 3 },
      ],
    },
  },
  {
    name: 'finds the concrete type behind an @interfaceObject like plain @apollo/gateway',
    operation: { query: '{ primaryInventory { __typename id name ... on Store { openingHours } } }' },
    expected: {
      status: 200,
      body: {
        data: {
          primaryInventory: { __typename: 'Store', id: 'store-oakland', name: 'Oakland Outlet', openingHours: '09:00-18:00' },
        },
      },
    },
  },
  {
    name: 'applies named fragments on interfaces and value types like plain @apollo/gateway',
    operation: {
      query: `
        query Places { inventories { ...Place } }
        fragment Place on Inventory { __typename id deprecatedProducts { sku } ... on Warehouse { largestParcel { ...Parcel } } }
        fragment Parcel on ProductDimension { size }
      `,
    },
  },
  {
    name: 'passes variables to root and @requires fields like plain @apollo/gateway',
    operation: {
      query: 'query Delivery($id: ID!, $zip: String!) { product(id: $id) { id delivery(zip: $zip) { estimatedDelivery shippingCost } } }',
      variables: { id: 'apollo-federation', zip: '94111' },
    },
    expected: {
      status: 200,
      body: { data: { product: { id: 'apollo-federation', delivery: { estimatedDelivery: '2 days', shippingCost: 4 } } } },
    },
  },
  {
    name: 'answers aliased fields across subgraphs like plain @apollo/gateway',
    operation: {
      query: `{
        first: product(id: "apollo-federation") { key: id code: sku maker: createdBy { fullName: name } }
        second: product(id: "apollo-studio") { key: id maker: createdBy { fullName: name years: yearsOfEmployment } }
      }`,
    },
    expected: {
      status: 200,
      body: {
        data: {
          first: { key: 'apollo-federation', code: 'federation', maker: { fullName: 'Apollo Studio Support' } },
          second: { key: 'apollo-studio', maker: { fullName: 'Ada Lovelace', years: 4 } },
        },
      },
    },
  },
  {
    name: 'runs the operation named by operationName among several like plain @apollo/gateway',
    operation: {
      query: 'query Catalogue { products { id } } query People { users { email } }',
      operationName: 'People',
    },
    expected: {
      status: 200,
      body: { data: { users: [{ email: 'support@apollographql.com' }, { email: 'ada@example.org' }, { email: 'unlisted@example.org' }] } },
      calls: [{ subgraph: 'users', representations: 0 }],
    },
  },
  {
    name: 'rejects several operations without an operationName with a 400 naming them (plain @apollo/gateway: a 500)',
    operation: { query: 'query Catalogue { products { id } } query People { users { email } }' },
    deliberateDifference: {
      why: 'a client error is a 400 that says what to send (gateway/plugins/useOperationLimits.ts)',
      govgraph: {
        status: 400,
        body: {
          errors: [{
            message: 'The document has 2 operations (Catalogue, People); say which one to run with operationName.',
            extensions: { code: 'BAD_REQUEST', operations: ['Catalogue', 'People'] },
          }],
        },
      },
      plain: {
        status: 500,
        body: { errors: [{ message: 'Must provide operation name if query contains multiple operations.', extensions: { code: 'INVALID_GRAPHQL' } }] },
      },
    },
  },
  {
    name: 'resolves a deprecated root field like plain @apollo/gateway',
    operation: {
      query: '{ deprecatedProduct(sku: "apollo-federation-v1", package: "@apollo/federation-v1") { reason createdBy { name phone } } }',
    },
    expected: {
      status: 200,
      body: {
        data: {
          deprecatedProduct: {
            reason: 'Migrate to Federation V2',
            createdBy: { name: 'Apollo Studio Support', phone: '+1-555-0100' },
          },
        },
      },
    },
  },
  {
    name: 'returns partial data and the error of a failing subgraph field like plain @apollo/gateway',
    operation: { query: '{ topReviews { id body } }' },
    expected: {
      status: 200,
      body: {
        errors: [
          {
            message: 'Review r3 is under moderation.',
            path: ['topReviews', 2, 'body'],
            extensions: { code: 'UNDER_MODERATION', serviceName: 'reviews' },
          },
        ],
        data: {
          topReviews: [
            { id: 'r1', body: 'Composes cleanly' },
            { id: 'r2', body: 'Pricey for what it does' },
            { id: 'r3', body: null },
          ],
        },
      },
    },
  },
  {
    name: 'returns partial data and the error of a failing entity field like plain @apollo/gateway',
    operation: { query: '{ topReviews { id author { email phone } } }' },
    expected: {
      status: 200,
      body: {
        errors: [
          {
            message: 'The phone directory has no entry for unlisted@example.org.',
            path: ['topReviews', 2, 'author', 'phone'],
            extensions: { code: 'PHONE_DIRECTORY_UNAVAILABLE', serviceName: 'users' },
          },
        ],
        data: {
          topReviews: [
            { id: 'r1', author: { email: 'ada@example.org', phone: '+44-20-7946-0000' } },
            { id: 'r2', author: { email: 'support@apollographql.com', phone: '+1-555-0100' } },
            { id: 'r3', author: { email: 'unlisted@example.org', phone: null } },
          ],
        },
      },
      calls: [
        { subgraph: 'reviews', representations: 0 },
        { subgraph: 'users', representations: 3 },
      ],
    },
  },
  {
    name: 'nulls the parent of a failing non-null field from another subgraph like plain @apollo/gateway',
    operation: { query: '{ product(id: "recalled-widget") { id reviews { id } } }' },
    expected: {
      status: 200,
      body: {
        errors: [
          {
            message: 'The review store for widget is unavailable.',
            path: ['product', 'reviews'],
            extensions: { code: 'REVIEWS_UNAVAILABLE', serviceName: 'reviews' },
          },
        ],
        data: { product: null },
      },
    },
  },
];

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
