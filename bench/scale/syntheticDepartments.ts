/**
 * Synthetic departments for the scale benchmark: `count` subgraphs of 20 catalogue items each, levels mixed
 * (about half UNCONDITIONAL, a third CONDITIONAL, the rest NONE, some sensitive), ten of them on the key entity
 * `Person @key(fields: "idNumber")` that every department extends, ten on a resource of the department's own.
 * Department 0 owns the entry point `Query.person`. The SDL uses the sharing spec exactly as the real departments
 * do (`@link` + `@composeDirective`), so composition, the catalogue and the decisions see what they see in
 * production, only more of it.
 *
 * Layout `own` (for comparison): the same items, but no department extends a shared entity; each keeps its ten
 * person items on a keyed type of its own (`D0042Person @key(fields: "idNumber")`, with `Query.d0042Person`).
 */
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import type { SubgraphSource } from '../../schema/composition.ts';

export const ITEMS_PER_DEPARTMENT = 20;
const SHARE_SPEC = readFileSync(new URL('../../sharing/spec/share.graphql', import.meta.url), 'utf8');
const LEVELS = ['UNCONDITIONAL', 'CONDITIONAL', 'UNCONDITIONAL', 'NONE', 'CONDITIONAL', 'UNCONDITIONAL'] as const;

export function departmentId(index: number): string {
  return `synthetic-${String(index).padStart(4, '0')}`;
}

/** `d0042` style prefix for the department's field and type names. */
function prefix(index: number): string {
  return `d${String(index).padStart(4, '0')}`;
}

export function itemLevel(index: number, item: number): (typeof LEVELS)[number] {
  return LEVELS[(index + item) % LEVELS.length]!;
}

/** The Person field name of a department's `item`-th Person item (0-9). */
export function personField(index: number, item: number): string {
  return `${prefix(index)}Item${item}`;
}

export type Layout = 'shared' | 'own';

/** The type a department's person items are on: the shared `Person`, or its own `D0042Person`. */
export function personType(index: number, layout: Layout): string {
  return layout === 'shared' ? 'Person' : `${prefix(index).toUpperCase()}Person`;
}

export function syntheticSubgraphSdl(index: number, layout: Layout = 'shared'): string {
  const id = departmentId(index);
  const p = prefix(index);
  const person = personType(index, layout);
  const resource = `${p.toUpperCase()}Record`;
  const share = (item: number) => {
    const level = itemLevel(index, item);
    const sensitive = item % 7 === 3 && level !== 'NONE' ? ', sensitive: true' : '';
    const reason = level === 'UNCONDITIONAL' ? '' : `, reason: "Synthetic ${level.toLowerCase()} item ${item} of ${id}."`;
    return `@share(level: ${level}${sensitive}${reason}, provider: "${id}")`;
  };
  const personFields = Array.from({ length: 10 }, (_, item) => `  ${personField(index, item)}: String ${share(item)}`);
  const resourceFields = Array.from({ length: 9 }, (_, item) => `  field${item + 1}: String ${share(item + 10)}`);
  return `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  @link(url: "https://specs.govgraph.gov.cn/share/v1.0", import: ["@share", "ShareLevel"])
  @composeDirective(name: "@share")

scalar ResidentId

type ${person} @key(fields: "idNumber") {
  idNumber: ResidentId!
${personFields.join('\n')}
}

type ${resource} @key(fields: "id") {
  id: ID! ${share(19)}
${resourceFields.join('\n')}
}

type Query {
  ${p}Record(id: ID!): ${resource}
${layout === 'own' ? `  ${p}Person(idNumber: ResidentId!): ${person}\n` : index === 0 ? '  person(idNumber: ResidentId!): Person\n' : ''}}

${SHARE_SPEC}`;
}

export function syntheticSubgraphs(count: number, layout: Layout = 'shared'): SubgraphSource[] {
  return Array.from({ length: count }, (_, index) => ({
    name: departmentId(index),
    url: `http://127.0.0.1:1/${departmentId(index)}`,
    typeDefs: parse(syntheticSubgraphSdl(index, layout)) as DocumentNode,
  }));
}

/**
 * The fixed query whose decision is timed at every size: one person, two items of each of the first six
 * departments (so every level, masking and denial occur), the same text whatever the number of departments.
 */
export function fixedQuery(layout: Layout = 'shared'): string {
  if (layout === 'own') {
    const roots = Array.from({ length: 6 }, (_, index) =>
      `  ${prefix(index)}Person(idNumber: $id) { idNumber ${personField(index, 0)} ${personField(index, 3)} }`);
    return `query Fixed($id: ResidentId!) {\n${roots.join('\n')}\n}`;
  }
  const fields = Array.from({ length: 6 }, (_, index) => [personField(index, 0), personField(index, 3)]).flat();
  return `query Fixed($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    ${fields.join('\n    ')}\n  }\n}`;
}
