/**
 * Records whose data a department returned: a middleware on every field whose type is one of the department's
 * entities (keyed types), which adds the key of each object the resolver returned, and on `_entities`, which adds
 * the key of each representation the department resolved to an object. An entity asked about and not found (null)
 * is not a subject of the answer. Keys are read from the resolved value through the department's own resolver
 * of each key field (taken before any middleware wraps it; the default resolver reads a property named after the
 * field), or from the representation; a composite key is its canonical JSON.
 */
import { getNamedType, isAbstractType, isObjectType, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareTypeMap } from 'graphql-middleware';
import { canonicalJson } from '../../../sharing/canonicalJson.ts';
import type { SharingCatalogue } from '../../../sharing/catalogue.ts';
import type { ServedCollector } from './servedCollector.ts';

type CollectingContext = { served?: ServedCollector };

export function subjectRecording(schema: GraphQLSchema, catalogue: SharingCatalogue): IMiddlewareTypeMap {
  type KeyField = { name: string; resolve: GraphQLFieldResolver<unknown, unknown> | undefined; parentType: GraphQLObjectType | undefined };
  const keyFields = new Map<string, readonly KeyField[]>();
  for (const [type, fields] of catalogue.keys) {
    const definition = schema.getType(type);
    const parentType = isObjectType(definition) ? definition : undefined;
    keyFields.set(type, [...fields].sort().map((name) => ({ name, resolve: parentType?.getFields()[name]?.resolve, parentType })));
  }
  /** The key of an object of `type` the department resolved (a representation is read as it is). */
  const subjectOf = async (type: string, value: unknown, context: unknown, info: GraphQLResolveInfo, representation = false): Promise<string | null> => {
    const fields = keyFields.get(type);
    if (!fields || typeof value !== 'object' || value === null) return null;
    const read = async (field: KeyField) =>
      representation || !field.resolve
        ? (value as Record<string, unknown>)[field.name]
        : await field.resolve(value, {}, context, { ...info, fieldName: field.name, parentType: field.parentType! });
    if (fields.length === 1) {
      const key = await read(fields[0]!);
      return typeof key === 'string' && key !== '' ? key : typeof key === 'number' ? String(key) : null;
    }
    const composite: Record<string, unknown> = {};
    for (const field of fields) {
      const part = await read(field);
      if (part === undefined) return null;
      composite[field.name] = part;
    }
    return canonicalJson(composite);
  };

  const middleware: Record<string, IMiddlewareFieldMap> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (type.name === 'Query' && field.name === '_entities') {
        (middleware[type.name] ??= {})[field.name] = async (resolve, parent, args, context: CollectingContext, info) => {
          const result: unknown = await resolve(parent, args, context, info);
          const representations = (args as { representations?: unknown[] }).representations ?? [];
          if (context.served && Array.isArray(result)) {
            const entities = await Promise.all(result);
            for (const [index, entity] of entities.entries()) {
              if (entity === null || entity === undefined || entity instanceof Error) continue;
              const representation = representations[index] as { __typename?: unknown } | undefined;
              const subject = typeof representation?.__typename === 'string' ? await subjectOf(representation.__typename, representation, context, info, true) : null;
              if (subject) context.served.subject(subject);
            }
          }
          return result;
        };
        continue;
      }
      const keyed = isObjectType(named) ? keyFields.has(named.name) : isAbstractType(named);
      if (!keyed) continue;
      const concrete = isObjectType(named) ? named.name : null;
      (middleware[type.name] ??= {})[field.name] = async (resolve, parent, args, context: CollectingContext, info) => {
        const result: unknown = await resolve(parent, args, context, info);
        if (context.served) await record(context.served, concrete, result, context, info);
        return result;
      };
    }
  }
  return middleware;

  /** Each object in a (nested) list or a single value; an abstract field's objects by their `__typename`. */
  async function record(served: ServedCollector, type: string | null, value: unknown, context: unknown, info: GraphQLResolveInfo): Promise<void> {
    const resolved = await value;
    if (Array.isArray(resolved)) {
      for (const element of resolved) await record(served, type, element, context, info);
      return;
    }
    if (typeof resolved !== 'object' || resolved === null) return;
    const typename = type ?? (resolved as { __typename?: unknown }).__typename;
    if (typeof typename !== 'string') return;
    const subject = await subjectOf(typename, resolved, context, info);
    if (subject) served.subject(subject);
  }
}
