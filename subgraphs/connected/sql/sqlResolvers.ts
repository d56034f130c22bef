/**
 * The resolvers of a database-connected department, from its mapping alone. An object is `{ key, row }`: the key
 * fields it was asked by, and its table's row (null when the table has none: a resident this department does
 * not know keeps its key and gets null items, never an error). Every read goes through the request's row
 * loaders, so an entity fetch of 500 residents and every relation under it cost one statement per loader.
 */
import { GraphQLError } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { CreditCodeScalar, ResidentIdScalar } from '../../kit/scalars.ts';
import type { ResourceContext } from '../../kit/department.ts';
import { GRAPH_ENTITIES, type ConnectorMapping, type RelationMapping, type TypeMapping } from '../mapping/mapping.ts';
import { toGraphQLValue } from '../mapping/values.ts';
import { unavailable, type RowLoaders } from './rowLoaders.ts';
import { selectPage } from './sqlStatements.ts';
import type { Row, SqlSource } from './sqlSource.ts';

export interface SqlRequest {
  loaders: RowLoaders;
  source: SqlSource;
}

type Context = ResourceContext<SqlRequest>;
interface ConnectedObject {
  key: Record<string, unknown>;
  /** Undefined until a field needs it: a Person asked for by key alone costs no read. */
  row?: Row | null;
}

const MAX_PAGE = 1_000;

export function sqlResolvers(mapping: ConnectorMapping, columnsOf: (table: string) => readonly string[]): GraphQLResolverMap<Context> {
  const resolvers: GraphQLResolverMap<Context> = { ResidentId: ResidentIdScalar, CreditCode: CreditCodeScalar } as GraphQLResolverMap<Context>;
  const query: Record<string, (parent: unknown, args: Record<string, unknown>, context: Context) => unknown> = {};

  const keyColumns = (type: TypeMapping) => type.key.map((k) => type.fields[k]!.column!);
  const keyOfRow = (typeName: string, type: TypeMapping, row: Row) =>
    Object.fromEntries(type.key.map((k) => [k, toGraphQLValue(mapping, type.fields[k]!.type ?? 'String', row[type.fields[k]!.column!], `types.${typeName}.fields.${k}`)]));

  async function loadRow(type: TypeMapping, key: Record<string, unknown>, context: Context): Promise<Row | null> {
    if (type.table === undefined) return null;
    const [row = null] = await context.resources.loaders.rows(type.table, keyColumns(type), type.key.map((k) => key[k]));
    return row;
  }

  /** A graph entity exists whatever this department knows (its row is read when a field needs it); an own object only with its row. */
  async function objectByKey(typeName: string, key: Record<string, unknown>, context: Context): Promise<ConnectedObject | null> {
    if (typeName in GRAPH_ENTITIES) return { key };
    const type = mapping.types[typeName]!;
    const row = await loadRow(type, key, context);
    return row === null ? null : { key: keyOfRow(typeName, type, row), row };
  }

  async function rowOf(type: TypeMapping, object: ConnectedObject, context: Context): Promise<Row | null> {
    if (object.row === undefined) object.row = await loadRow(type, object.key, context);
    return object.row;
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
        (graphEntity && fieldName === graphEntity.key) || type.table === undefined
          ? (object: ConnectedObject) => object.key[fieldName]
          : async (object: ConnectedObject, _args: unknown, context: Context) =>
              toGraphQLValue(mapping, field.type ?? 'String', (await rowOf(type, object, context))?.[field.column!], entry);
    }
    for (const [relationName, relation] of Object.entries(type.relations ?? {})) {
      typeResolvers[relationName] = relationResolver(typeName, relationName, relation);
    }
    resolvers[typeName] = typeResolvers as never;
    if (type.lookup) query[type.lookup] = (_parent, args, context) => objectByKey(typeName, args, context);
    if (type.list) query[type.list] = (_parent, args, context) => page(typeName, type, args, context);
  }

  function relationResolver(typeName: string, relationName: string, relation: RelationMapping) {
    const entry = `types.${typeName}.relations.${relationName}`;
    const type = mapping.types[typeName]!;
    const target = mapping.types[relation.type];
    if (relation.column) {
      const { key, scalar } = GRAPH_ENTITIES[relation.type]!;
      return async (object: ConnectedObject, _args: unknown, context: Context) => {
        const value = toGraphQLValue(mapping, scalar, (await rowOf(type, object, context))?.[relation.column!], `${entry}.column`);
        if (value === null) return null;
        return target ? objectByKey(relation.type, { [key]: value }, context) : { [key]: value };
      };
    }
    const on = Object.entries(relation.on!);
    return async (object: ConnectedObject, _args: unknown, context: Context) => {
      const row = type.table === undefined ? null : await rowOf(type, object, context);
      const values = on.map(([local]) => (type.table === undefined ? object.key[local] : row?.[local]));
      const rows = await context.resources.loaders.rows(target!.table!, on.map(([, remote]) => remote), values);
      const objects = rows.map((row): ConnectedObject => ({ key: keyOfRow(relation.type, target!, row), row }));
      return relation.many ? objects : (objects[0] ?? null);
    };
  }

  async function page(typeName: string, type: TypeMapping, args: Record<string, unknown>, context: Context) {
    const first = args.first as number;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new GraphQLError(`first must be from 1 to ${MAX_PAGE}, got ${first}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    }
    const after = args.after === undefined || args.after === null ? null : decodeCursor(args.after as string, type.key.length);
    const { source } = context.resources;
    const columns = columnsOf(type.table!);
    const shape = { dialect: source.dialect, quote: source.quote, table: source.qualify(type.table!), columns };
    let raw: Row[];
    try {
      raw = await source.query(selectPage(shape, keyColumns(type), after !== null), [...(after ?? []), first + 1]);
    } catch (error) {
      throw unavailable(mapping.department, error);
    }
    const rows = raw.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[`c${i}`]])) as Row);
    const nodes = rows.slice(0, first).map((row): ConnectedObject => ({ key: keyOfRow(typeName, type, row), row }));
    const last = rows[Math.min(first, rows.length) - 1];
    return {
      nodes,
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(keyColumns(type).map((c) => last[c])) : null },
    };
  }

  if (Object.keys(query).length > 0) resolvers.Query = query as never;
  return resolvers;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw new GraphQLError(`after: "${cursor}" is not a cursor this list gave out; pass a page's endCursor.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
}
