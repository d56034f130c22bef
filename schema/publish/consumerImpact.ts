/**
 * Which operations consumers sent recently that a set of changes touches, read from the audit trail: every
 * request in the look-back window that received (or, for a removal, asked for) an item a change touches,
 * grouped by consumer department and operation name. For breaking changes, the operations they would break; for
 * deprecations, those still using what is deprecated. This is what a department must talk to before it ships:
 * the names of the operations and who sends them, not a guess.
 */
import { getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';
import type { AuditTrail } from '../../platform/audit/trail.ts';
import type { SchemaChange } from './schemaDiff.ts';

export interface AffectedOperation {
  /** The consumer department that sent it. */
  consumer: string;
  /** The operation name as sent; `(anonymous)` for an unnamed operation. */
  operationName: string;
  /** Applications of the consumer that sent it. */
  applications: string[];
  /** Items (`Type.field`) touched by the changes that these requests received or asked for. */
  items: string[];
  /** Requests in the window. */
  requests: number;
  /** ISO time of the latest. */
  lastSeen: string;
}

export interface ConsumerImpactOptions {
  audit: Pick<AuditTrail, 'query'>;
  /** The API schema served before the change (to find the fields of a removed type or enum). */
  before: GraphQLSchema;
  /** Look back this many days. */
  days: number;
  now: Date;
  /** Stop reading an item's records after this many (newest first). Default 5000. */
  maxRecordsPerItem?: number;
}

/** Items a breaking change touches, and whether a request that was only denied the item is affected too. */
function touchedItems(change: SchemaChange, before: GraphQLSchema): { items: string[]; deniedCounts: boolean } {
  const [typeName = '', rest = ''] = change.coordinate.split('.');
  const field = rest.replace(/\(.*$/, '');
  switch (change.kind) {
    case 'LEVEL_TIGHTENED':
    case 'MASKING_ADDED':
    case 'PROVIDER_CHANGED':
      // Only who received the item loses something.
      return { items: [change.coordinate], deniedCounts: false };
    case 'FIELD_REMOVED':
    case 'FIELD_TYPE_CHANGED':
    case 'ARGUMENT_REMOVED':
    case 'ARGUMENT_TYPE_CHANGED':
    case 'REQUIRED_ARGUMENT_ADDED':
    case 'FIELD_DEPRECATED':
    case 'ARGUMENT_DEPRECATED':
      return { items: [`${typeName}.${field}`], deniedCounts: true };
    case 'TYPE_REMOVED':
    case 'TYPE_KIND_CHANGED':
    case 'UNION_MEMBER_REMOVED':
    case 'INTERFACE_REMOVED': {
      const type = before.getType(typeName);
      const own = type && (isObjectType(type) || isInterfaceType(type)) ? Object.keys(type.getFields()).map((f) => `${typeName}.${f}`) : [];
      return { items: [...own, ...fieldsReturning(before, typeName)], deniedCounts: true };
    }
    case 'ENUM_VALUE_REMOVED':
    case 'ENUM_VALUE_DEPRECATED':
      // Only who received the enum's values can receive the removed (or deprecated) one.
      return { items: fieldsReturning(before, typeName), deniedCounts: false };
    default:
      return { items: [], deniedCounts: true };
  }
}

/** `Type.field` of every field whose (unwrapped) type is `typeName`. */
function fieldsReturning(schema: GraphQLSchema, typeName: string): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (named.name === typeName || (isUnionType(named) && named.getTypes().some((t) => t.name === typeName))) found.push(`${type.name}.${field.name}`);
    }
  }
  return found;
}

/** Operations sent in the last `days` days that `changes` touch (the breaking ones would break them), most requests first. */
export async function findAffectedOperations(changes: readonly SchemaChange[], options: ConsumerImpactOptions): Promise<AffectedOperation[]> {
  const from = new Date(options.now.getTime() - options.days * 86_400_000);
  const limit = options.maxRecordsPerItem ?? 5000;
  const wanted = new Map<string, boolean>(); // item -> a denial counts
  for (const change of changes) {
    const { items, deniedCounts } = touchedItems(change, options.before);
    for (const item of items) wanted.set(item, (wanted.get(item) ?? false) || deniedCounts);
  }
  const groups = new Map<string, AffectedOperation & { seen: Set<number> }>();
  for (const [item, deniedCounts] of wanted) {
    let after: string | null = null;
    let read = 0;
    do {
      const page = await options.audit.query({ item, from, kind: 'request' }, { first: 500, after });
      for (const record of page.records) {
        read++;
        if (!record.department) continue;
        const received = Object.values(record.providers).some(
          (access) => access.served.includes(item) || access.masked.includes(item) || (deniedCounts && access.denied.includes(item)),
        );
        if (!received) continue;
        const operationName = record.operationName ?? '(anonymous)';
        const key = `${record.department}\u0000${operationName}`;
        const group = groups.get(key) ?? { consumer: record.department, operationName, applications: [], items: [], requests: 0, lastSeen: record.time, seen: new Set<number>() };
        if (!group.items.includes(item)) group.items.push(item);
        if (record.application && !group.applications.includes(record.application)) group.applications.push(record.application);
        if (!group.seen.has(record.sequence)) {
          group.seen.add(record.sequence);
          group.requests++;
        }
        if (record.time > group.lastSeen) group.lastSeen = record.time;
        groups.set(key, group);
      }
      after = page.hasNextPage ? page.endCursor : null;
    } while (after && read < limit);
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...operation }) => ({ ...operation, applications: operation.applications.sort(), items: operation.items.sort() }))
    .sort((a, b) => b.requests - a.requests || a.consumer.localeCompare(b.consumer) || a.operationName.localeCompare(b.operationName));
}
