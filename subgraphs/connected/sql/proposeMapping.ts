/**
 * A first mapping for a database, from its schema and a glance at its data: a type per table or view, a field
 * per column, keys from primary keys, relations from foreign keys (both ways), and the graph's joins — a column
 * whose values are all valid resident IDs (credit codes) references `Person` (`Enterprise`), and a table keyed by
 * one becomes `Person` itself. It is a proposal the department edits, so it leans closed: every item that is not
 * a key is CONDITIONAL with a reason that says it still has to be written, resident IDs and name-, phone- and
 * address-like columns are sensitive. Nothing here decides a level for the department.
 */
import { validateCreditCode, validateResidentId } from '../../../sharing/identifiers/index.ts';
import type { ConnectorMapping, FieldMapping, RelationMapping, ShareDeclaration, TypeMapping } from '../mapping/mapping.ts';
import type { SqlSource, TableSchema } from './sqlSource.ts';

export const PROPOSED_REASON = 'TO REVIEW (proposed by department:connect): state the legal basis for this level, or make the item UNCONDITIONAL.';
const SENSITIVE_NAME = /(^|_)(xm|name|dh|phone|mobile|tel|dz|addr|address|email)(_|$)/i;
const INTEGER = /^(int|integer|smallint|tinyint|mediumint|int2|int4|serial|smallserial)$/;
const FLOAT = /^(numeric|decimal|real|double|double precision|float|float4|float8|money)$/;

export interface ProposeOptions {
  department: string;
  title: string;
  /** What `source.database.database` says (a URL, or `${VARIABLE}`). */
  database: string;
  schema?: string;
  /** Rows sampled per text column to recognize identifiers. Default 20. */
  sampleSize?: number;
}

type Identifier = 'ResidentId' | 'CreditCode';

export async function proposeMapping(source: SqlSource, options: ProposeOptions): Promise<ConnectorMapping> {
  const tables = await source.describe();
  const identifiers = new Map<string, Identifier>(); // `table.column` -> scalar
  for (const table of tables) {
    for (const column of table.columns) {
      if (!/char|text|string/.test(column.dataType)) continue;
      const sampled = await source.query(
        `SELECT ${source.quote(column.name)} AS v FROM ${source.qualify(table.name)} WHERE ${source.quote(column.name)} IS NOT NULL LIMIT ?`,
        [options.sampleSize ?? 20],
      );
      const values = sampled.map((r) => String(r.v).trim());
      if (values.length === 0) continue;
      if (values.every((v) => validateResidentId(v).ok)) identifiers.set(`${table.name}.${column.name}`, 'ResidentId');
      else if (values.every((v) => validateCreditCode(v).ok)) identifiers.set(`${table.name}.${column.name}`, 'CreditCode');
    }
  }
  return proposeFromSchema(tables, identifiers, options);
}

/** The proposal for `tables`, given which columns hold identifiers (exported for tests without a database). */
export function proposeFromSchema(tables: readonly TableSchema[], identifiers: ReadonlyMap<string, Identifier>, options: ProposeOptions): ConnectorMapping {
  const typeNames = new Map<string, string>();
  const owners: Record<Identifier, { type: 'Person' | 'Enterprise'; key: string; table: string | null }> = {
    ResidentId: { type: 'Person', key: 'idNumber', table: null },
    CreditCode: { type: 'Enterprise', key: 'creditCode', table: null },
  };
  for (const table of tables) {
    const only = table.primaryKey.length === 1 ? identifiers.get(`${table.name}.${table.primaryKey[0]}`) : undefined;
    if (only && table.kind === 'table' && owners[only].table === null) {
      owners[only].table = table.name;
      typeNames.set(table.name, owners[only].type);
    } else typeNames.set(table.name, uniqueName(pascal(table.name), typeNames));
  }
  const types: Record<string, TypeMapping> = {};
  const referenced = new Set<Identifier>();
  for (const table of tables) {
    const typeName = typeNames.get(table.name)!;
    const owner = Object.values(owners).find((o) => o.table === table.name);
    const entity = table.kind === 'table' && table.primaryKey.length > 0;
    // A view has no primary key: its non-null columns (else all of them) identify its rows until the department says better.
    const required = table.columns.filter((c) => !c.nullable).map((c) => c.name);
    const keyColumns = entity ? table.primaryKey : required.length > 0 ? required : table.columns.map((c) => c.name);
    const fieldName = new Map<string, string>();
    const fields: Record<string, FieldMapping> = {};
    const relations: Record<string, RelationMapping> = {};
    for (const column of table.columns) {
      const identifier = identifiers.get(`${table.name}.${column.name}`);
      const isKey = keyColumns.includes(column.name);
      if (owner && column.name === table.primaryKey[0]) {
        fieldName.set(column.name, owner.key);
        fields[owner.key] = { description: `${owner.type === 'Person' ? 'Resident ID' : 'Credit code'} (column ${column.name}).`, column: column.name, type: identifier! };
        continue;
      }
      if (identifier) referenced.add(identifier); // Person / Enterprise will list the rows naming them
      if (identifier && !isKey) {
        relations[camel(column.name)] = {
          description: `The ${owners[identifier].type.toLowerCase()} column ${column.name} names.`,
          type: owners[identifier].type,
          column: column.name,
          share: proposedShare(false),
        };
        continue;
      }
      const name = camel(column.name);
      fieldName.set(column.name, name);
      fields[name] = {
        description: `Column ${column.name} of ${table.name} (${column.dataType}).`,
        column: column.name,
        type: identifier ?? scalarOf(column.dataType),
        ...(isKey && entity ? { nullable: false } : {}),
        share: isKey && entity ? { level: 'UNCONDITIONAL' } : proposedShare(identifier !== undefined || SENSITIVE_NAME.test(column.name)),
      };
    }
    for (const fk of table.foreignKeys) {
      const target = typeNames.get(fk.table);
      if (!target) continue;
      const several = table.foreignKeys.filter((k) => k.table === fk.table).length > 1;
      relations[uniqueKey(several ? camel(fk.columns.join('_')) + pascal(fk.table) : camel(target), relations, fields)] = {
        description: `The ${fk.table} row ${fk.columns.join(', ')} refers to.`,
        type: target,
        on: Object.fromEntries(fk.columns.map((c, i) => [c, fk.references[i]!])),
        share: proposedShare(false),
      };
    }
    types[typeName] = {
      description: `${table.kind === 'view' ? 'View' : 'Table'} ${table.name}${options.schema ? ` of schema ${options.schema}` : ''}: describe what one row is.`,
      table: table.name,
      key: keyColumns.map((c) => fieldName.get(c) ?? camel(c)),
      ...(entity || owner ? {} : { entity: false }),
      ...(entity && !owner ? { lookup: camel(typeName) } : {}),
      fields,
      ...(Object.keys(relations).length > 0 && { relations }),
    };
  }
  // The other way round: each parent lists its children, and Person / Enterprise list the rows naming them.
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      const parent = types[typeNames.get(fk.table) ?? ''];
      if (!parent) continue;
      const several = table.foreignKeys.filter((k) => k.table === fk.table).length > 1;
      const child = typeNames.get(table.name)!;
      (parent.relations ??= {})[uniqueKey(`${camel(child)}List${several ? `By${pascal(fk.columns.join('_'))}` : ''}`, parent.relations, parent.fields)] = {
        description: `The ${table.name} rows that refer to it (${fk.columns.join(', ')}).`,
        type: child,
        many: true,
        on: Object.fromEntries(fk.references.map((c, i) => [c, fk.columns[i]!])),
        share: proposedShare(false),
      };
    }
  }
  for (const identifier of referenced) {
    const owner = owners[identifier];
    const entity = (types[owner.type] ??= {
      description: `A ${owner.type === 'Person' ? 'resident' : 'enterprise'}, as ${options.department} knows them.`,
      key: [owner.key],
      fields: { [owner.key]: { description: owner.type === 'Person' ? 'Resident ID.' : 'Credit code.', type: identifier } },
    });
    for (const table of tables) {
      for (const column of table.columns) {
        if (identifiers.get(`${table.name}.${column.name}`) !== identifier || table.name === owner.table) continue;
        const child = typeNames.get(table.name)!;
        const local = owner.table === null ? owner.key : tables.find((t) => t.name === owner.table)!.primaryKey[0]!;
        (entity.relations ??= {})[uniqueKey(`${camel(child)}By${pascal(column.name)}`, entity.relations, entity.fields)] = {
          description: `The ${table.name} rows whose ${column.name} is this ${owner.type === 'Person' ? 'resident' : 'enterprise'}.`,
          type: child,
          many: true,
          on: { [local]: column.name },
          share: proposedShare(false),
        };
      }
    }
  }
  return {
    department: options.department,
    title: options.title,
    source: { database: { database: options.database, ...(options.schema && { schema: options.schema }), readOnly: 'require' } },
    types,
  };
}

function proposedShare(sensitive: boolean): ShareDeclaration {
  return { level: 'CONDITIONAL', reason: PROPOSED_REASON, ...(sensitive && { sensitive: true }) };
}

function scalarOf(dataType: string): string {
  if (dataType === 'boolean' || dataType === 'bool') return 'Boolean';
  if (INTEGER.test(dataType)) return 'Int';
  if (FLOAT.test(dataType)) return 'Float';
  return 'String'; // bigint too: beyond 32 bits, GraphQL's Int cannot hold it
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w, i, all) => w && !(i === 0 && all.length > 1 && /^(t|tb|v|vw)$/.test(w)));
}

function pascal(name: string): string {
  const joined = words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Z]/.test(joined) ? joined : `T${joined}`;
}

function camel(name: string): string {
  const p = pascal(name);
  return p[0]!.toLowerCase() + p.slice(1);
}

function uniqueName(name: string, taken: ReadonlyMap<string, string>): string {
  const used = new Set(taken.values());
  let candidate = name;
  for (let n = 2; used.has(candidate) || candidate === 'Person' || candidate === 'Enterprise'; n++) candidate = `${name}${n}`;
  return candidate;
}

function uniqueKey(name: string, ...objects: (object | undefined)[]): string {
  let candidate = name;
  for (let n = 2; objects.some((o) => o && candidate in o); n++) candidate = `${name}${n}`;
  return candidate;
}
