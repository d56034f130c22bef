/**
 * govgraph's patch of @apollo/query-graphs and @apollo/composition (patches/) changes how much work composition and
 * the query planner do, never what they produce. Each shape below is composed and planned twice in this process,
 * with Apollo's original algorithms and with the patched ones, and the two must be byte-identical: the supergraph,
 * API schema, hints and errors of composition, and every query plan (printed and as JSON).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { Kind, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { appliedApolloPatch, EXPECTED_APOLLO_PATCH, withOriginalApolloAlgorithms, withPatchedApolloAlgorithms } from '../../schema/apolloPatch.ts';
import { composeSubgraphs, type CompositionOutcome, type SubgraphSource } from '../../schema/composition.ts';
import { composeDepartments } from '../../schema/departmentsSupergraph.ts';
import { fixedQuery, personField, syntheticSubgraphs } from '../../bench/scale/syntheticDepartments.ts';
import { cases as compatCases } from '../fixtures/federation-compat/cases.ts';
import { compatSubgraphs } from '../fixtures/federation-compat/index.ts';

const require = createRequire(import.meta.url);

/** Composes `subgraphs` with the original algorithms, then with the patched ones. */
function composeBothWays(subgraphs: readonly SubgraphSource[]): { original: CompositionOutcome; patched: CompositionOutcome } {
  return {
    original: withOriginalApolloAlgorithms(() => composeSubgraphs(subgraphs)),
    patched: withPatchedApolloAlgorithms(() => composeSubgraphs(subgraphs)),
  };
}

/**
 * Every operation of every document planned by a planner built over `supergraphSdl`, as the gateway does (validated
 * against the API schema, then planned over the supergraph): the printed plan and its JSON, or the validation errors.
 */
function planAll(supergraphSdl: string, documents: readonly string[]): string[] {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
  return documents.flatMap((text) => {
    const document = parse(text);
    const invalid = validate(apiSchema, document);
    if (invalid.length > 0) return [`invalid: ${invalid.map((e) => e.message).join('; ')}`];
    return operationNames(document).map((operationName) => {
      const operation = operationFromDocument(supergraph.schema, document, { operationName });
      const plan = planner.buildQueryPlan(operation);
      return `${operationName ?? '(anonymous)'}\n${prettyFormatQueryPlan(plan)}\n${JSON.stringify(plan)}`;
    });
  });
}

function operationNames(document: DocumentNode): (string | undefined)[] {
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []));
}

function planBothWays(supergraphSdl: string, documents: readonly string[]): { original: string[]; patched: string[] } {
  return {
    original: withOriginalApolloAlgorithms(() => planAll(supergraphSdl, documents)),
    patched: withPatchedApolloAlgorithms(() => planAll(supergraphSdl, documents)),
  };
}

function supergraphOf(outcome: CompositionOutcome): string {
  if (!outcome.ok) throw new Error(`composition failed:\n${outcome.errors.join('\n')}`);
  return outcome.supergraphSdl;
}

const canonicalOperations = readdirSync(new URL('../../schema/operations/', import.meta.url))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => readFileSync(new URL(`../../schema/operations/${file}`, import.meta.url), 'utf8'));

const compatSources: SubgraphSource[] = compatSubgraphs.map(({ name, typeDefs }) => ({ name, url: `http://127.0.0.1:1/${name}`, typeDefs }));

/** Queries over the synthetic graph that cross many departments: key jumps from department 0 to every other. */
function syntheticOperations(departments: number): string[] {
  const everyDepartment = Array.from({ length: departments }, (_, index) => personField(index, 0)).join(' ');
  return [
    fixedQuery('shared'),
    `query Everyone($id: ResidentId!) { person(idNumber: $id) { idNumber ${everyDepartment} } }`,
    `query Last($id: ResidentId!) { person(idNumber: $id) { ${personField(departments - 1, 2)} } record: d0003Record(id: "1") { id field1 } }`,
  ];
}

describe('the patch of @apollo/query-graphs and @apollo/composition', () => {
  it('is applied, to the one copy of each package that composition, the planner and the gateway load', () => {
    expect(appliedApolloPatch()).toBe(EXPECTED_APOLLO_PATCH);
    for (const patched of ['@apollo/federation-internals/dist/govgraphPatch.js', '@apollo/query-graphs/package.json']) {
      const copies = ['@apollo/composition', '@apollo/query-planner', '@apollo/gateway', '@apollo/query-graphs'].map((user) =>
        createRequire(require.resolve(user)).resolve(patched));
      expect(new Set([...copies, require.resolve(patched)]).size).toBe(1);
    }
  });

  it('is the patch written for the installed versions', () => {
    const patches = readdirSync(new URL('../../patches/', import.meta.url)).filter((file) => file.endsWith('.patch')).sort();
    const installed = ['@apollo/composition', '@apollo/federation-internals', '@apollo/query-graphs'].map((name) => {
      const { version } = require(`${name}/package.json`) as { version: string };
      return `${name.replace('/', '+')}+${version}.patch`;
    });
    expect(patches).toEqual(installed);
  });

  it('refuses nothing the original composes: the embedded departments compose to the same supergraph both ways', () => {
    const original = withOriginalApolloAlgorithms(() => composeDepartments());
    const patched = withPatchedApolloAlgorithms(() => composeDepartments());
    expect(original.ok).toBe(true);
    expect(patched).toEqual(original);
  });

  it('plans the canonical operations over the embedded supergraph identically both ways', () => {
    const { original, patched } = planBothWays(supergraphOf(composeDepartments()), canonicalOperations);
    expect(original).toHaveLength(2);
    expect(original.join('\n')).toContain('Fetch(service: "natural-resources")');
    expect(patched).toEqual(original);
  });

  it('composes the federation compatibility subgraphs identically both ways', () => {
    const { original, patched } = composeBothWays(compatSources);
    expect(original.ok).toBe(true);
    expect(patched).toEqual(original);
  });

  it('plans every federation compatibility shape identically both ways', () => {
    const { original, patched } = planBothWays(supergraphOf(composeSubgraphs(compatSources)), compatCases.map((c) => c.operation.query));
    expect(original.length).toBeGreaterThanOrEqual(compatCases.length);
    expect(original.filter((plan) => plan.includes('Fetch(service: "inventory")')).length).toBeGreaterThan(0);
    expect(patched).toEqual(original);
  });

  it('composes and plans 40 departments sharing one entity identically both ways', () => {
    const { original, patched } = composeBothWays(syntheticSubgraphs(40, 'shared'));
    expect(original.ok).toBe(true);
    expect(patched).toEqual(original);
    const plans = planBothWays(supergraphOf(original), syntheticOperations(40));
    expect(plans.original.join('\n')).toContain('Fetch(service: "synthetic-0039")');
    expect(plans.patched).toEqual(plans.original);
  });

  it('composes and plans 40 departments with types of their own identically both ways', () => {
    const { original, patched } = composeBothWays(syntheticSubgraphs(40, 'own'));
    expect(original.ok).toBe(true);
    expect(patched).toEqual(original);
    const plans = planBothWays(supergraphOf(original), [fixedQuery('own')]);
    expect(plans.patched).toEqual(plans.original);
  });

  it('reports the same satisfiability errors both ways when a shared entity field cannot be reached', () => {
    // Department "unreachable" adds a Person field but no resolvable key: no path from Query.person reaches it, and
    // the error lists every dead end through the 30 departments (the patched code computes them only then).
    const broken: SubgraphSource = {
      name: 'unreachable',
      url: 'http://127.0.0.1:1/unreachable',
      typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        scalar ResidentId
        type Person @key(fields: "idNumber", resolvable: false) { idNumber: ResidentId! hidden: String }
        type Query { unreachablePing: String }`),
    };
    const { original, patched } = composeBothWays([...syntheticSubgraphs(30, 'shared'), broken]);
    expect(original.ok).toBe(false);
    if (original.ok) return;
    expect(original.errors.join('\n')).toContain('Person.hidden');
    expect(original.errors.join('\n')).toContain('synthetic-0029');
    expect(patched).toEqual(original);
  });
});
