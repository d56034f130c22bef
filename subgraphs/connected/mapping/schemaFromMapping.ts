/**
 * The subgraph schema a mapping describes, as SDL: the same shape a hand-written department has (the federation
 * and sharing-spec links, `@key` on entities, `@share` on every item with the mapping's level, reason,
 * sensitivity and cycle, a description on every type and field), so composition, the level checks, the catalogue
 * and `npm run publish` treat a connected department exactly like the others. A graph entity the mapping only
 * references (a spouse's `Person`) appears as a key-only stub that this department does not resolve.
 */
import { GRAPH_ENTITIES, type ConnectorMapping, type FieldMapping, type RelationMapping, type ShareDeclaration, type TypeMapping } from './mapping.ts';

const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.7';
const SHARING_LINK = 'https://specs.govgraph.gov.cn/share/v1.0';

export function schemaFromMapping(mapping: ConnectorMapping): string {
  const out: string[] = [];
  const usesList = Object.values(mapping.types).some((t) => t.list);
  out.push(
    'extend schema',
    `  @link(url: "${FEDERATION_LINK}", import: ["@key", "@composeDirective"${usesList ? ', "@shareable"' : ''}])`,
    `  @link(url: "${SHARING_LINK}", import: ["@share", "ShareLevel"])`,
    '  @composeDirective(name: "@share")',
    '',
  );
  const scalars = new Set<string>();
  const referencedEntities = new Set<string>();
  for (const type of Object.values(mapping.types)) {
    for (const field of Object.values(type.fields)) if (field.type === 'ResidentId' || field.type === 'CreditCode') scalars.add(field.type);
    for (const relation of Object.values(type.relations ?? {})) {
      if (relation.type in GRAPH_ENTITIES && !(relation.type in mapping.types)) referencedEntities.add(relation.type);
    }
  }
  for (const entity of referencedEntities) scalars.add(GRAPH_ENTITIES[entity]!.scalar);
  if (scalars.has('ResidentId')) out.push('"Resident identity card number (GB 11643): 18 characters, the last a check digit (0-9 or X). A malformed ID is rejected before any lookup."', 'scalar ResidentId', '');
  if (scalars.has('CreditCode')) out.push('"Unified social credit code (GB 32100): 18 characters, the last a check character. A malformed code is rejected before any lookup."', 'scalar CreditCode', '');

  const queries: string[] = [];
  for (const [name, type] of Object.entries(mapping.types)) {
    const args = (type.key ?? []).map((k) => `${k}: ${type.fields[k]!.type ?? 'String'}!`).join(', ');
    if (type.lookup) queries.push(`  ${quote(`The ${name} with this key, or null when ${mapping.department} has none.`)}`, `  ${type.lookup}(${args}): ${name} ${share({ level: 'UNCONDITIONAL', cycle: 'REAL_TIME' })}`);
    if (type.list) {
      queries.push(
        `  ${quote(`Every ${name} in key order, a page at a time (first: 1 to 1000; after: the endCursor of the page before).`)}`,
        `  ${type.list}(first: Int!, after: String): ${name}Connection! ${share({ level: 'UNCONDITIONAL', cycle: 'REAL_TIME' })}`,
      );
    }
  }
  if (queries.length > 0) out.push('type Query {', ...queries, '}', '');

  for (const [name, type] of Object.entries(mapping.types)) out.push(...typeDefinition(mapping, name, type), '');
  for (const entity of referencedEntities) {
    const { key, scalar } = GRAPH_ENTITIES[entity]!;
    out.push(`"${entity}, referenced by ${mapping.department} by key; other departments resolve it."`, `type ${entity} @key(fields: "${key}", resolvable: false) {`, `  ${quote(`The ${entity}'s key.`)}`, `  ${key}: ${scalar}!`, '}', '');
  }
  for (const [name, type] of Object.entries(mapping.types)) {
    if (!type.list) continue;
    out.push(
      `${quote(`A page of ${name} objects.`)}`,
      `type ${name}Connection {`,
      `  "The objects of this page."`,
      `  nodes: [${name}!]! ${share({ level: 'UNCONDITIONAL', cycle: 'REAL_TIME' })}`,
      `  "Where this page ends and whether another follows."`,
      `  pageInfo: PageInfo! ${share({ level: 'UNCONDITIONAL', cycle: 'REAL_TIME' })}`,
      '}',
      '',
    );
  }
  if (usesList) {
    out.push(
      '"Position of a page in a longer list."',
      'type PageInfo @shareable {',
      '  "True when another page follows."',
      `  hasNextPage: Boolean! ${share({ level: 'UNCONDITIONAL', cycle: 'REAL_TIME' })}`,
      '  "Pass as `after` to read the next page; null on an empty page."',
      `  endCursor: String ${share({ level: 'UNCONDITIONAL', cycle: 'REAL_TIME' })}`,
      '}',
      '',
    );
  }
  for (const [name, enumeration] of Object.entries(mapping.enums ?? {})) {
    out.push(quote(enumeration.description), `enum ${name} {`, ...[...new Set(Object.values(enumeration.values))].map((v) => `  ${v}`), '}', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function typeDefinition(mapping: ConnectorMapping, name: string, type: TypeMapping): string[] {
  const graphEntity = GRAPH_ENTITIES[name];
  const entity = graphEntity !== undefined || (type.entity !== false && type.key.length > 0);
  const lines = [quote(type.description), `type ${name}${entity ? ` @key(fields: "${type.key.join(' ')}")` : ''} {`];
  for (const [fieldName, field] of Object.entries(type.fields)) {
    const isKey = type.key.includes(fieldName);
    if (graphEntity && fieldName === graphEntity.key) {
      lines.push(`  ${quote(field.description || `${name}'s key.`)}`, `  ${fieldName}: ${graphEntity.scalar}!`);
      continue;
    }
    // A key is non-null where it is the federation key; a key of an inner type only identifies rows here.
    lines.push(`  ${quote(field.description)}`, `  ${fieldName}: ${fieldType(field, isKey && entity)} ${share(field.share!)}`);
  }
  for (const [relationName, relation] of Object.entries(type.relations ?? {})) {
    lines.push(`  ${quote(relation.description)}`, `  ${relationName}: ${relationType(mapping, relation)} ${share(relation.share)}`);
  }
  lines.push('}');
  return lines;
}

function fieldType(field: FieldMapping, isKey: boolean): string {
  const named = field.type ?? 'String';
  return isKey || field.nullable === false ? `${named}!` : named;
}

function relationType(_mapping: ConnectorMapping, relation: RelationMapping): string {
  if (!relation.many) return relation.type;
  return relation.share.level === 'UNCONDITIONAL' ? `[${relation.type}!]!` : `[${relation.type}!]`;
}

function share(declaration: ShareDeclaration): string {
  const args = [`level: ${declaration.level}`];
  if (declaration.sensitive) args.push('sensitive: true');
  if (declaration.reason) args.push(`reason: ${JSON.stringify(declaration.reason)}`);
  if (declaration.cycle) args.push(`cycle: ${declaration.cycle}`);
  return `@share(${args.join(', ')})`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
