/**
 * Every data item has a sharing level before it reaches the supergraph. A subgraph owns every field of its object
 * and interface types except federation internals, `@external` fields and the key fields of an entity another
 * subgraph levels; each owned field needs a description and `@share(level:)`, and a CONDITIONAL or NONE item a
 * legal `reason`. A key field is levelled once, by the subgraph that provides the entity (`Person.idNumber` by
 * public-security), so the supergraph names one provider for it. The gateway and the departments fail closed on
 * an unlevelled item, so composing one would publish a field nobody can read: the check refuses it instead, with
 * one message per problem naming the subgraph, the item and the fix.
 */
import {
  Kind,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { SHARE_LEVELS, type ShareLevel } from '../../sharing/index.ts';
import { SHARING_SPEC_URL } from '../../sharing/spec/spec.ts';

export interface SubgraphTypeDefs {
  /** Subgraph name, the department id. */
  name: string;
  typeDefs: DocumentNode;
}

type FieldOwnerNode =
  | ObjectTypeDefinitionNode
  | ObjectTypeExtensionNode
  | InterfaceTypeDefinitionNode
  | InterfaceTypeExtensionNode;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const LEVEL_FIX = `add @share(level: ${SHARE_LEVELS.join(' | ')})`;

/** One message per problem, in subgraph and document order; empty when every item is levelled. */
export function checkSharingLevels(subgraphs: readonly SubgraphTypeDefs[]): string[] {
  const keyFields = keyFieldsOf(subgraphs);
  const keyLevellers = keyLevellersOf(subgraphs, keyFields);
  const errors: string[] = [];
  for (const subgraph of subgraphs) {
    errors.push(...checkSubgraph(subgraph, keyFields, keyLevellers));
  }
  for (const [item, levellers] of keyLevellers) {
    const [type] = item.split('.');
    if (levellers.defined.length > 0 && levellers.levelled.length === 0) {
      errors.push(
        `${levellers.defined.join(', ')}: ${item} is a key field no subgraph levels; ${LEVEL_FIX} to it in the subgraph that provides ${type}, and in no other`,
      );
    } else if (levellers.levelled.length > 1) {
      errors.push(
        `${levellers.levelled.join(', ')}: ${item} is a key field levelled in ${levellers.levelled.length} subgraphs; keep @share only in the subgraph that provides ${type}`,
      );
    }
  }
  return errors;
}

function checkSubgraph(
  subgraph: SubgraphTypeDefs,
  keyFields: ReadonlyMap<string, ReadonlySet<string>>,
  keyLevellers: ReadonlyMap<string, KeyLevellers>,
): string[] {
  const errors: string[] = [];
  let ownsItems = false;
  for (const owner of fieldOwners(subgraph.typeDefs)) {
    const type = owner.name.value;
    const owned = (owner.fields ?? []).filter((field) => {
      if (field.name.value.startsWith('_') || directive(field, 'external')) return false;
      if (!keyFields.get(type)?.has(field.name.value)) return true;
      return keyLevellers.get(`${type}.${field.name.value}`)?.levelled.includes(subgraph.name) ?? false;
    });
    if (owned.length === 0) continue;
    ownsItems = true;
    const isDefinition = owner.kind === Kind.OBJECT_TYPE_DEFINITION || owner.kind === Kind.INTERFACE_TYPE_DEFINITION;
    if (isDefinition && !owner.description && !ROOT_TYPES.has(type)) {
      errors.push(`${subgraph.name}: type ${type} has no description; add a description string above it`);
    }
    for (const field of owned) errors.push(...checkField(subgraph.name, type, field));
  }
  if (ownsItems && !composesShare(subgraph.typeDefs)) {
    errors.unshift(
      `${subgraph.name}: the schema does not compose @share, so its levels would be dropped from the supergraph; add to extend schema: @link(url: "${SHARING_SPEC_URL}", import: ["@share", "ShareLevel"]) @composeDirective(name: "@share")`,
    );
  }
  return errors;
}

function checkField(subgraph: string, type: string, field: FieldDefinitionNode): string[] {
  const item = `${subgraph}: ${type}.${field.name.value}`;
  const errors: string[] = [];
  if (!field.description?.value.trim()) errors.push(`${item} has no description; add a description string above the field`);
  const share = directive(field, 'share');
  if (!share) return [...errors, `${item} has no @share level; ${LEVEL_FIX}`];
  const level = argument(share, 'level');
  if (level?.kind !== Kind.ENUM || !SHARE_LEVELS.includes(level.value as ShareLevel)) {
    return [...errors, `${item} has no valid @share level; set level: to one of ${SHARE_LEVELS.join(', ')}`];
  }
  const reason = argument(share, 'reason');
  if (level.value !== 'UNCONDITIONAL' && !(reason?.kind === Kind.STRING && reason.value.trim())) {
    errors.push(`${item} is ${level.value} but gives no reason; add reason: "<the legal basis>" to its @share`);
  }
  if (level.value !== 'UNCONDITIONAL' && field.type.kind === Kind.NON_NULL_TYPE) {
    // A denied item comes back null; were it non-null, the denial would null its parent (the whole person).
    errors.push(`${item} is ${level.value} but non-null; make its type nullable so a denial nulls only this item`);
  }
  const provider = argument(share, 'provider');
  if (provider && !(provider.kind === Kind.STRING && provider.value === subgraph)) {
    const named = provider.kind === Kind.STRING ? `"${provider.value}"` : 'a provider';
    errors.push(`${item} names ${named} as provider; a subgraph levels only its own items: remove provider: from its @share`);
  }
  return errors;
}

interface KeyLevellers {
  /** Subgraphs that define the key field. */
  defined: string[];
  /** Subgraphs that put @share on it. */
  levelled: string[];
}

/** Key field names per entity type, over every subgraph's `@key(fields:)`. */
function keyFieldsOf(subgraphs: readonly SubgraphTypeDefs[]): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const subgraph of subgraphs) {
    for (const owner of fieldOwners(subgraph.typeDefs)) {
      for (const key of owner.directives?.filter((d) => d.name.value === 'key') ?? []) {
        const fields = argument(key, 'fields');
        if (fields?.kind !== Kind.STRING) continue;
        const set = keys.get(owner.name.value) ?? new Set<string>();
        for (const name of topLevelFields(fields.value)) set.add(name);
        keys.set(owner.name.value, set);
      }
    }
  }
  return keys;
}

function keyLevellersOf(
  subgraphs: readonly SubgraphTypeDefs[],
  keyFields: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, KeyLevellers> {
  const levellers = new Map<string, KeyLevellers>();
  for (const subgraph of subgraphs) {
    for (const owner of fieldOwners(subgraph.typeDefs)) {
      for (const field of owner.fields ?? []) {
        if (!keyFields.get(owner.name.value)?.has(field.name.value) || directive(field, 'external')) continue;
        const item = `${owner.name.value}.${field.name.value}`;
        const entry = levellers.get(item) ?? { defined: [], levelled: [] };
        entry.defined.push(subgraph.name);
        if (directive(field, 'share')) entry.levelled.push(subgraph.name);
        levellers.set(item, entry);
      }
    }
  }
  return levellers;
}

/** Object and interface types (and extensions) of the subgraph's own schema, without federation's. */
function fieldOwners(document: DocumentNode): FieldOwnerNode[] {
  return document.definitions.filter(
    (d): d is FieldOwnerNode =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION ||
        d.kind === Kind.OBJECT_TYPE_EXTENSION ||
        d.kind === Kind.INTERFACE_TYPE_DEFINITION ||
        d.kind === Kind.INTERFACE_TYPE_EXTENSION) &&
      !d.name.value.startsWith('_') &&
      !d.name.value.includes('__'),
  );
}

/** True when the schema links the sharing spec's `@share` and composes it. */
function composesShare(document: DocumentNode): boolean {
  const schemaDirectives = document.definitions.flatMap((d: DefinitionNode) =>
    d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION ? (d.directives ?? []) : [],
  );
  const linked = schemaDirectives.some((d) => {
    if (d.name.value !== 'link') return false;
    const url = argument(d, 'url');
    const imports = argument(d, 'import');
    return (
      url?.kind === Kind.STRING &&
      url.value === SHARING_SPEC_URL &&
      imports?.kind === Kind.LIST &&
      imports.values.some((v) => v.kind === Kind.STRING && v.value === '@share')
    );
  });
  const composed = schemaDirectives.some((d) => {
    const name = argument(d, 'name');
    return d.name.value === 'composeDirective' && name?.kind === Kind.STRING && name.value === '@share';
  });
  return linked && composed;
}

function directive(node: FieldDefinitionNode, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === name);
}

function argument(node: ConstDirectiveNode, name: string) {
  return node.arguments?.find((a) => a.name.value === name)?.value;
}

/** Top-level field names of a field set, e.g. `id sku` or `sku variation { id }`. */
function topLevelFields(fieldSet: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of fieldSet.match(/[_A-Za-z][_0-9A-Za-z]*|[{}]/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}
