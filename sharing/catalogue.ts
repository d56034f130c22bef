/**
 * Reads the sharing catalogue from SDL: every field carrying `@share(level, sensitive, reason, provider)`, with
 * its description and whether it is an entity key. Works on a supergraph (keys from `@join__type(key:)`) and on
 * a subgraph's own SDL (keys from `@key(fields:)`; `provider` defaults to the department reading it).
 * The gateway's API schema drops the directive, so the catalogue is always read from SDL (see STACK.md).
 */
import {
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { SHARE_LEVELS, type ItemPolicy, type ShareLevel } from './types.ts';

export interface SharingCatalogue {
  /** Every item with a level, by `Type.field`. */
  readonly items: ReadonlyMap<string, ItemPolicy>;
  policy(type: string, field: string): ItemPolicy | undefined;
  /** Key field names per entity type. */
  readonly keys: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface ReadCatalogueOptions {
  /** Provider of items whose @share names none (a department reading its own SDL). */
  provider?: string;
  /** Name of the directive. Default `share`. */
  directive?: string;
}

type FieldOwner = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

export function readSharingCatalogue(document: DocumentNode, options: ReadCatalogueOptions = {}): SharingCatalogue {
  const directiveName = options.directive ?? 'share';
  const owners: FieldOwner[] = [];
  for (const definition of document.definitions) {
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION
    ) {
      owners.push(definition as FieldOwner);
    }
  }
  const keys = new Map<string, Set<string>>();
  for (const owner of owners) {
    for (const directive of owner.directives ?? []) {
      const fields = keyFieldsOf(directive);
      if (!fields) continue;
      const set = keys.get(owner.name.value) ?? new Set<string>();
      for (const field of fields) set.add(field);
      keys.set(owner.name.value, set);
    }
  }
  const items = new Map<string, ItemPolicy>();
  for (const owner of owners) {
    for (const field of owner.fields ?? []) {
      const share = field.directives?.find((d) => d.name.value === directiveName);
      if (!share) continue;
      const policy = policyOf(owner.name.value, field, share, options.provider ?? null, keys);
      items.set(policy.item, policy);
    }
  }
  return {
    items,
    keys,
    policy: (type, field) => items.get(`${type}.${field}`),
  };
}

function policyOf(
  type: string,
  field: FieldDefinitionNode,
  share: ConstDirectiveNode,
  defaultProvider: string | null,
  keys: Map<string, Set<string>>,
): ItemPolicy {
  const args = new Map(share.arguments?.map((a) => [a.name.value, a.value]) ?? []);
  const level = args.get('level');
  const levelName = level?.kind === Kind.ENUM ? level.value : undefined;
  if (!levelName || !SHARE_LEVELS.includes(levelName as ShareLevel)) {
    throw new Error(`${type}.${field.name.value}: @share(level:) must be one of ${SHARE_LEVELS.join(', ')}.`);
  }
  const text = (name: string): string | null => {
    const value = args.get(name);
    return value?.kind === Kind.STRING ? value.value : null;
  };
  const sensitive = args.get('sensitive');
  return {
    item: `${type}.${field.name.value}`,
    type,
    field: field.name.value,
    level: levelName as ShareLevel,
    sensitive: sensitive?.kind === Kind.BOOLEAN ? sensitive.value : false,
    reason: text('reason'),
    provider: text('provider') ?? defaultProvider,
    description: field.description?.value ?? null,
    key: keys.get(type)?.has(field.name.value) ?? false,
  };
}

/** Top-level field names of a `@key(fields:)` or `@join__type(key:)` selection, e.g. `id sku` or `sku variation { id }`. */
function keyFieldsOf(directive: ConstDirectiveNode): string[] | null {
  const argument =
    directive.name.value === 'key'
      ? directive.arguments?.find((a) => a.name.value === 'fields')
      : directive.name.value === 'join__type'
        ? directive.arguments?.find((a) => a.name.value === 'key')
        : undefined;
  if (!argument || argument.value.kind !== Kind.STRING) return null;
  const names: string[] = [];
  let depth = 0;
  for (const token of argument.value.value.match(/[_A-Za-z][_0-9A-Za-z]*|[{}]/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}
