/**
 * The resolvers of a REST-connected department, from its mapping alone. An object is `{ key, data }`: the key
 * fields it was asked by and the JSON the interface answered for it (null after a 404: a resident the interface
 * does not know keeps its key and gets null items). Per request, one loader per type fetches the objects of every
 * key asked for: through the batch endpoint (one call per `maxKeys` keys) where the mapping declares one, else
 * one `get` per key, at most `maxConcurrency` in flight; relation endpoints are called once per distinct URL.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { CreditCodeScalar, ResidentIdScalar } from '../../kit/scalars.ts';
import type { ResourceContext } from '../../kit/department.ts';
import { GRAPH_ENTITIES, type ConnectorMapping, type TypeMapping } from '../mapping/mapping.ts';
import { toGraphQLValue } from '../mapping/values.ts';
import type { RestInterface } from './openRestInterface.ts';

export interface RestRequest {
  objectsOf(typeName: string): DataLoader<Record<string, unknown>, unknown, string>;
  fetch(template: string, path: string): Promise<unknown>;
}

type Context = ResourceContext<RestRequest>;
interface RestObject {
  key: Record<string, unknown>;
  data: unknown;
}

/** The value at a dot path of a JSON value; undefined when any step is missing. */
export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_m, name: string) => encodeURIComponent(String(values[name])));
}

const keyText = (type: TypeMapping, key: Record<string, unknown>) => JSON.stringify(type.key.map((k) => String(key[k])));

export function createRestLoaders(mapping: ConnectorMapping, upstream: RestInterface): RestRequest {
  const loaders = new Map<string, DataLoader<Record<string, unknown>, unknown, string>>();
  const fetched = new Map<string, Promise<unknown>>();
  return {
    objectsOf(typeName) {
      let loader = loaders.get(typeName);
      if (loader) return loader;
      const type = mapping.types[typeName]!;
      const batch = type.batch;
      loader = new DataLoader<Record<string, unknown>, unknown, string>(
        async (keys) => {
          if (!batch) {
            return Promise.all(keys.map((key) => upstream.call({ method: 'GET', template: type.get!, path: fill(type.get!, key) }).catch((error: Error) => error)));
          }
          const keyValues = keys.map((key) => (type.key.length === 1 ? key[type.key[0]!] : type.key.map((k) => key[k])));
          const answer = await upstream.call({
            method: batch.method,
            template: batch.path,
            path: batch.method === 'GET' ? batch.path.replace('{keys}', keyValues.map((v) => encodeURIComponent(String(v))).join(',')) : batch.path,
            ...(batch.method === 'POST' && { body: { [batch.keysParameter ?? 'keys']: keyValues } }),
          });
          const items = batch.itemsAt ? valueAt(answer, batch.itemsAt) : answer;
          const byKey = new Map<string, unknown>();
          for (const item of Array.isArray(items) ? items : []) {
            byKey.set(JSON.stringify(type.key.map((k) => String(valueAt(item, type.fields[k]!.path ?? k)))), item);
          }
          return keys.map((key) => byKey.get(keyText(type, key)) ?? null);
        },
        { cacheKeyFn: (key) => keyText(type, key), ...(batch && { maxBatchSize: batch.maxKeys ?? 100 }) },
      );
      loaders.set(typeName, loader);
      return loader;
    },
    fetch(template, path) {
      let answer = fetched.get(path);
      if (!answer) fetched.set(path, (answer = upstream.call({ method: 'GET', template, path })));
      return answer;
    },
  };
}

export function restResolvers(mapping: ConnectorMapping): GraphQLResolverMap<Context> {
  const resolvers: GraphQLResolverMap<Context> = { ResidentId: ResidentIdScalar, CreditCode: CreditCodeScalar } as GraphQLResolverMap<Context>;
  const query: Record<string, unknown> = {};

  async function objectByKey(typeName: string, key: Record<string, unknown>, context: Context): Promise<RestObject | null> {
    const data = await context.resources.objectsOf(typeName).load(key);
    if (data === null) return typeName in GRAPH_ENTITIES ? { key, data: null } : null;
    return { key, data };
  }

  for (const [typeName, type] of Object.entries(mapping.types)) {
    const graphEntity = GRAPH_ENTITIES[typeName];
    const typeResolvers: Record<string, unknown> = {
      __resolveReference: (reference: Record<string, unknown>, context: Context) =>
        objectByKey(typeName, Object.fromEntries(type.key.map((k) => [k, reference[k]])), context),
    };
    for (const [fieldName, field] of Object.entries(type.fields)) {
      const entry = `types.${typeName}.fields.${fieldName}`;
      typeResolvers[fieldName] =
        graphEntity && fieldName === graphEntity.key
          ? (object: RestObject) => object.key[fieldName]
          : (object: RestObject) => toGraphQLValue(mapping, field.type ?? 'String', valueAt(object.data, field.path ?? fieldName), entry);
    }
    for (const [relationName, relation] of Object.entries(type.relations ?? {})) {
      const entry = `types.${typeName}.relations.${relationName}`;
      if (relation.path) {
        const { key, scalar } = GRAPH_ENTITIES[relation.type]!;
        typeResolvers[relationName] = async (object: RestObject, _args: unknown, context: Context) => {
          const value = toGraphQLValue(mapping, scalar, valueAt(object.data, relation.path!), `${entry}.path`);
          if (value === null) return null;
          return relation.type in mapping.types ? objectByKey(relation.type, { [key]: value }, context) : { [key]: value };
        };
        continue;
      }
      typeResolvers[relationName] = async (object: RestObject, _args: unknown, context: Context) => {
        if (object.data === null) return null; // the interface does not know the object
        const values = Object.fromEntries(Object.entries(type.fields).map(([name, field]) => [name, name in object.key ? object.key[name] : valueAt(object.data, field.path ?? name)]));
        const answer = await context.resources.fetch(relation.get!, fill(relation.get!, values));
        if (answer === null) return relation.many ? [] : null;
        const found = relation.itemsAt ? valueAt(answer, relation.itemsAt) : answer;
        const items = relation.many ? (Array.isArray(found) ? found : []) : [found];
        const target = mapping.types[relation.type];
        const objects = items.map((data): RestObject => ({ key: target ? Object.fromEntries(target.key.map((k) => [k, valueAt(data, target.fields[k]!.path ?? k)])) : {}, data }));
        return relation.many ? objects : (objects[0] ?? null);
      };
    }
    resolvers[typeName] = typeResolvers as never;
    if (type.lookup) query[type.lookup] = (_parent: unknown, args: Record<string, unknown>, context: Context) => objectByKey(typeName, args, context);
  }
  if (Object.keys(query).length > 0) resolvers.Query = query as never;
  return resolvers;
}
