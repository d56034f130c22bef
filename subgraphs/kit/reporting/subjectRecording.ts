/**
 * Records whose data a department returned: a middleware on every field whose type is one of the department's
 * entities (keyed types), which adds the key of each object the resolver returned, and on `_entities`, which adds
 * the key of each representation the department resolved to an object. An entity asked about and not found (null)
 * is not a subject of the answer. Keys are read from the resolved value as the default resolver reads them
 * (a property named after the key field), or from the representation; a composite key is its canonical JSON.
 */
import { getNamedType, isAbstractType, isObjectType, type GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareTypeMap } from 'graphql-middleware';
import { canonicalJson } from '../../../sharing/canonicalJson.ts';
import type { SharingCatalogue } from '../../../sharing/catalogue.ts';
import type { ServedCollector } from './servedCollector.ts';

type CollectingContext = { served?: ServedCollector };

export function subjectRecording(schema: GraphQLSchema, catalogue: SharingCatalogue): IMiddlewareTypeMap {
  const keyFields = new Map<string, readonly string[]>();
  for (const [type, fields] of catalogue.keys) keyFields.set(type, [...fields].sort());
  const subjectOf = (type: string, value: unknown): string | null => {
    const fields = keyFields.get(type);
    if (!fields || typeof value !== 'object' || value === null) return null;
    const source = value as Record<string, unknown>;
    if (fields.length === 1) {
      const key = source[fields[0]!];
      return typeof key === 'string' && key !== '' ? key : typeof key === 'number' ? String(key) : null;
    }
    const composite: Record<string, unknown> = {};
    for (const field of fields) {
      if (source[field] === undefined) return null;
      composite[field] = source[field];
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
            result.forEach((entity, index) => {
              if (entity === null || entity === undefined || entity instanceof Error) return;
              const representation = representations[index] as { __typename?: unknown } | undefined;
              const subject = typeof representation?.__typename === 'string' ? subjectOf(representation.__typename, representation) : null;
              if (subject) context.served!.subject(subject);
            });
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
        if (context.served) record(context.served, concrete, result);
        return result;
      };
    }
  }
  return middleware;

  /** Each object in a (nested) list or a single value; an abstract field's objects by their `__typename`. */
  function record(served: ServedCollector, type: string | null, value: unknown): void {
    if (Array.isArray(value)) {
      for (const element of value) record(served, type, element);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const typename = type ?? (value as { __typename?: unknown }).__typename;
    if (typeof typename !== 'string') return;
    const subject = subjectOf(typename, value);
    if (subject) served.subject(subject);
  }
}
