/**
 * The breaking-change diff over two composed supergraphs: what is breaking for a consumer (outputs may only get
 * stricter, inputs only looser; nothing removed; a conditional item keeps its provider) and what is safe.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSubgraphs } from '../../schema/composition.ts';
import { diffSupergraphs, viewSupergraph } from '../../schema/publish/index.ts';
import { departmentTypeDefsOf } from '../../subgraphs/kit/index.ts';

const LINKS = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  @link(url: "https://specs.govgraph.gov.cn/share/v1.0", import: ["@share", "ShareLevel"])
  @composeDirective(name: "@share")`;
const U = '@share(level: UNCONDITIONAL)';
const SECRET = 'secret: String @share(level: CONDITIONAL, reason: "test")';

function supergraph(a: string, b: string): string {
  const outcome = composeSubgraphs([
    { name: 'alpha', url: 'http://127.0.0.1:1/graphql', typeDefs: departmentTypeDefsOf('alpha', parse(`${LINKS}\n${a}`)) },
    { name: 'beta', url: 'http://127.0.0.1:2/graphql', typeDefs: departmentTypeDefsOf('beta', parse(`${LINKS}\n${b}`)) },
  ]);
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.supergraphSdl;
}

const BEFORE = supergraph(
  `type Query { things(first: Int!, kind: Kind): [Thing!]! ${U} find(filter: Filter!): Result ${U} other: Other ${U} }
   type Thing @key(fields: "id") { id: ID! ${U} name: String ${U} count: Int! ${U} ${SECRET} }
   type Other { note: String ${U} }
   enum Kind { A B }
   input Filter { name: String kind: Kind }
   union Result = Thing | Other`,
  `type Thing @key(fields: "id") { id: ID! extra: String ${U} }`,
);
const AFTER = supergraph(
  `type Query { things(first: Int, kind: Kind!, sort: String!): [Thing!]! ${U} find(filter: Filter!): Result ${U} other: Other ${U} }
   type Thing @key(fields: "id") { id: ID! ${U} name: String! ${U} count: Int ${U} }
   type Other { note: String ${U} }
   enum Kind { A B C }
   input Filter { kind: Kind region: String! }
   union Result = Thing`,
  `type Thing @key(fields: "id") { id: ID! extra: String ${U} ${SECRET} }`,
);

describe('the breaking-change diff', () => {
  it('lists every change with its coordinate, breaking ones first', () => {
    expect(diffSupergraphs(viewSupergraph(BEFORE), viewSupergraph(AFTER)).map((c) => [c.breaking ? '!' : '+', c.kind, c.coordinate])).toEqual([
      ['!', 'INPUT_FIELD_REMOVED', 'Filter.name'],
      ['!', 'REQUIRED_INPUT_FIELD_ADDED', 'Filter.region'],
      ['!', 'ARGUMENT_TYPE_CHANGED', 'Query.things(kind:)'],
      ['!', 'REQUIRED_ARGUMENT_ADDED', 'Query.things(sort:)'],
      ['!', 'UNION_MEMBER_REMOVED', 'Result'],
      ['!', 'FIELD_TYPE_CHANGED', 'Thing.count'],
      ['!', 'PROVIDER_CHANGED', 'Thing.secret'],
      ['+', 'ENUM_VALUE_ADDED', 'Kind.C'],
      ['+', 'ARGUMENT_TYPE_LOOSER', 'Query.things(first:)'],
      ['+', 'FIELD_TYPE_STRICTER', 'Thing.name'],
    ]);
  });

  it('says what changed in words a department can act on', () => {
    const changes = diffSupergraphs(viewSupergraph(BEFORE), viewSupergraph(AFTER));
    expect(changes.filter((c) => ['Thing.secret', 'Thing.count', 'Result'].includes(c.coordinate)).map((c) => c.description)).toEqual([
      'Other was removed from union Result',
      'Thing.count changed type from Int! to Int',
      'Thing.secret moved from provider alpha to beta: agreements with alpha no longer grant it',
    ]);
  });

  it('lists deprecations (of fields, arguments, input fields and enum values) as safe changes, with their reasons', () => {
    const deprecated = supergraph(
      `type Query { things(first: Int!, kind: Kind @deprecated(reason: "one kind only")): [Thing!]! ${U} find(filter: Filter!): Result ${U} other: Other ${U} }
       type Thing @key(fields: "id") { id: ID! ${U} name: String @deprecated(reason: "use label") ${U} count: Int! ${U} ${SECRET} }
       type Other { note: String ${U} }
       enum Kind { A B @deprecated(reason: "merged into A") }
       input Filter { name: String @deprecated(reason: "filter by kind") kind: Kind }
       union Result = Thing | Other`,
      `type Thing @key(fields: "id") { id: ID! extra: String ${U} }`,
    );
    const changes = diffSupergraphs(viewSupergraph(BEFORE), viewSupergraph(deprecated));
    expect(changes).toEqual([
      { kind: 'INPUT_FIELD_DEPRECATED', coordinate: 'Filter.name', breaking: false, description: 'input field Filter.name was deprecated: filter by kind' },
      { kind: 'ENUM_VALUE_DEPRECATED', coordinate: 'Kind.B', breaking: false, description: 'B of enum Kind was deprecated: merged into A' },
      { kind: 'ARGUMENT_DEPRECATED', coordinate: 'Query.things(kind:)', breaking: false, description: 'argument kind of Query.things was deprecated: one kind only' },
      { kind: 'FIELD_DEPRECATED', coordinate: 'Thing.name', breaking: false, description: 'Thing.name was deprecated: use label' },
    ]);
    expect(diffSupergraphs(viewSupergraph(deprecated), viewSupergraph(BEFORE)).filter((c) => c.kind === 'FIELD_UNDEPRECATED')).toEqual([
      { kind: 'FIELD_UNDEPRECATED', coordinate: 'Thing.name', breaking: false, description: 'Thing.name is no longer deprecated' },
    ]);
  });

  it('finds nothing between a supergraph and itself', () => {
    expect(diffSupergraphs(viewSupergraph(BEFORE), viewSupergraph(BEFORE))).toEqual([]);
  });
});
