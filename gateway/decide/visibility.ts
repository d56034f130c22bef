/**
 * What a department may not even see exists: NONE items of other departments. They are left out of the
 * introspection a caller receives and out of "Did you mean" suggestions (asking for one by name still gets the
 * usual null and UNAUTHORIZED_FIELD_OR_TYPE error). Everything else may be introspected: inside government the
 * catalogue is public.
 */
import { Kind, buildASTSchema, parse, printSchema, visit, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { SharingCatalogue } from '../../sharing/index.ts';

export interface HiddenItems {
  /** `Type.field` coordinates hidden from this department. */
  fields: ReadonlySet<string>;
  /** Types every field of which is hidden. */
  types: ReadonlySet<string>;
  /** Stable text identifying this set (for caching). */
  signature: string;
}

const hiddenByCatalogue = new WeakMap<SharingCatalogue, Map<string, HiddenItems>>();

/** NONE items of other departments, computed once per (catalogue, department). */
export function hiddenItems(catalogue: SharingCatalogue, department: string): HiddenItems {
  let byDepartment = hiddenByCatalogue.get(catalogue);
  if (!byDepartment) hiddenByCatalogue.set(catalogue, (byDepartment = new Map()));
  let hidden = byDepartment.get(department);
  if (!hidden) byDepartment.set(department, (hidden = computeHiddenItems(catalogue, department)));
  return hidden;
}

function computeHiddenItems(catalogue: SharingCatalogue, department: string): HiddenItems {
  const fields = new Set<string>();
  const perType = new Map<string, { total: number; hidden: number }>();
  for (const policy of catalogue.items.values()) {
    const counts = perType.get(policy.type) ?? { total: 0, hidden: 0 };
    counts.total++;
    if (policy.level === 'NONE' && policy.provider !== department) {
      fields.add(policy.item);
      counts.hidden++;
    }
    perType.set(policy.type, counts);
  }
  const types = new Set([...perType].filter(([, c]) => c.hidden > 0 && c.hidden === c.total).map(([type]) => type));
  return { fields, types, signature: [...fields].sort().join(',') };
}

const visibleSchemas = new WeakMap<GraphQLSchema, Map<string, GraphQLSchema>>();

/** The schema without the hidden fields and types, built once per (schema, hidden set). */
export function visibleSchema(schema: GraphQLSchema, hidden: HiddenItems): GraphQLSchema {
  if (hidden.fields.size === 0) return schema;
  let bySignature = visibleSchemas.get(schema);
  if (!bySignature) visibleSchemas.set(schema, (bySignature = new Map()));
  let visible = bySignature.get(hidden.signature);
  if (!visible) {
    const document = visit(parse(printSchema(schema)), {
      ObjectTypeDefinition: (node) => (hidden.types.has(node.name.value) ? null : undefined),
      InterfaceTypeDefinition: (node) => (hidden.types.has(node.name.value) ? null : undefined),
      FieldDefinition: (node, _key, _parent, _path, ancestors) => {
        const owner = ancestors.at(-1) as { kind?: string; name?: { value: string } };
        const isTypeField = owner.kind === Kind.OBJECT_TYPE_DEFINITION || owner.kind === Kind.INTERFACE_TYPE_DEFINITION;
        return isTypeField && hidden.fields.has(`${owner.name!.value}.${node.name.value}`) ? null : undefined;
      },
    });
    visible = buildASTSchema(document, { assumeValidSDL: true });
    bySignature.set(hidden.signature, visible);
  }
  return visible;
}

const SUGGESTION = /^(Cannot query field "[^"]+" on type "([^"]+)"\.|Unknown type "[^"]+"\.)(?: Did you mean (.+)\?)?$/s;

/** Removes hidden fields and types from a validation error's "Did you mean" suggestions. */
export function redactSuggestions<E extends GraphQLFormattedError>(error: E, hidden: HiddenItems): E {
  const match = SUGGESTION.exec(error.message);
  if (!match?.[3]) return error;
  const [, sentence, type, list] = match;
  const names = [...list!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  const visible = names.filter((name) => (type ? !hidden.fields.has(`${type}.${name}`) : !hidden.types.has(name)));
  if (visible.length === names.length) return error;
  return { ...error, message: `${sentence}${didYouMean(visible)}` };
}

/** graphql-js's wording for suggestions. */
function didYouMean(names: string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length === 0) return '';
  if (quoted.length === 1) return ` Did you mean ${quoted[0]}?`;
  if (quoted.length === 2) return ` Did you mean ${quoted[0]} or ${quoted[1]}?`;
  return ` Did you mean ${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1)}?`;
}
