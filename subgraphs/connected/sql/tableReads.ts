/**
 * Which columns the connector reads from each mapped table, decided once from the mapping: every column a field,
 * key or relation of a type over that table uses, and every column another type's relation joins it by. One
 * loader of a table always selects the same columns, so one row read serves every field of the object.
 */
import type { ConnectorMapping } from '../mapping/mapping.ts';
import type { TableReads } from './rowLoaders.ts';

export function tableReads(mapping: ConnectorMapping): TableReads {
  const columns = new Map<string, Set<string>>();
  const order = new Map<string, string[]>();
  const add = (table: string, column: string) => {
    const set = columns.get(table) ?? new Set<string>();
    set.add(column);
    columns.set(table, set);
  };
  for (const type of Object.values(mapping.types)) {
    if (type.table === undefined) continue;
    for (const field of Object.values(type.fields)) add(type.table, field.column!);
    if (!order.has(type.table)) order.set(type.table, type.key.map((k) => type.fields[k]!.column!));
  }
  for (const type of Object.values(mapping.types)) {
    for (const relation of Object.values(type.relations ?? {})) {
      if (relation.column && type.table !== undefined) add(type.table, relation.column);
      for (const [local, remote] of Object.entries(relation.on ?? {})) {
        if (type.table !== undefined) add(type.table, local);
        const target = mapping.types[relation.type];
        if (target?.table) add(target.table, remote);
      }
    }
  }
  return { columns: new Map([...columns].map(([table, set]) => [table, [...set]])), order };
}
