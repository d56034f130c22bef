/**
 * Checks a mapping file before anything is served: every problem found, each naming its entry
 * (`types.Person.fields.maritalStatus.share.level`) and what to write instead. A mapping that passes is complete on
 * its own: every item has a description and a level (and a reason unless UNCONDITIONAL), every key, relation and
 * enum names something the mapping defines. What only the source can tell (does the column exist?) is checked
 * when the source is opened (`checkColumns`, the REST checks).
 */
import { SHARE_LEVELS } from '../../../sharing/types.ts';
import {
  FIELD_SCALARS,
  GRAPH_ENTITIES,
  SHARE_CYCLES,
  type ConnectorMapping,
  type ShareDeclaration,
} from './mapping.ts';

// The registry's rule (subgraphs/addedDepartments.ts), repeated here: that module loads this one.
const DEPARTMENT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;
const FIELD_NAME = /^[a-z][A-Za-z0-9]*$/;
const ENUM_VALUE = /^[A-Z][A-Z0-9_]*$/;
const RESERVED_TYPES = new Set(['Query', 'Mutation', 'Subscription', 'PageInfo', 'ResidentId', 'CreditCode', 'ShareLevel', 'ShareCycle', ...FIELD_SCALARS]);

export class MappingError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s) in the mapping:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MappingError';
  }
}

/** The mapping, typed, or a MappingError listing every problem. `file` only names it in messages. */
export function validateMapping(raw: unknown, file: string): ConnectorMapping {
  const problems: string[] = [];
  const problem = (entry: string, message: string) => problems.push(`${entry}: ${message}`);
  if (!isObject(raw)) throw new MappingError(file, ['the file must hold one JSON object with "department", "title", "source" and "types"']);
  const m = raw as Record<string, unknown>;
  for (const key of Object.keys(m)) if (!['department', 'title', 'source', 'enums', 'types', '$comment'].includes(key)) problem(key, 'unknown entry; expected department, title, source, enums, types');
  if (typeof m.department !== 'string' || !DEPARTMENT_ID.test(m.department)) problem('department', 'must be a kebab-case department id such as "civil-affairs-legacy"');
  if (typeof m.title !== 'string' || !m.title.trim()) problem('title', 'must be the department\'s name, e.g. "Civil Affairs (legacy register)"');
  const kind = checkSource(m.source, problem);

  const enums = isObject(m.enums) ? (m.enums as Record<string, unknown>) : {};
  if (m.enums !== undefined && !isObject(m.enums)) problem('enums', 'must be an object of enum name -> { description, values }');
  for (const [name, value] of Object.entries(enums)) {
    const entry = `enums.${name}`;
    if (!TYPE_NAME.test(name) || RESERVED_TYPES.has(name)) problem(entry, 'an enum name must be PascalCase and not a built-in name');
    if (!isObject(value)) { problem(entry, 'must be { "description": "...", "values": { "<stored code>": "VALUE" } }'); continue; }
    const e = value as Record<string, unknown>;
    requireDescription(e, entry, problem);
    if (!isObject(e.values) || Object.keys(e.values as object).length === 0) problem(`${entry}.values`, 'must map each stored code to an enum value, e.g. { "20": "MARRIED" }');
    else for (const [code, v] of Object.entries(e.values as object)) if (typeof v !== 'string' || !ENUM_VALUE.test(v)) problem(`${entry}.values.${code}`, 'must be an enum value in UPPER_SNAKE_CASE');
  }

  if (!isObject(m.types) || Object.keys(m.types as object).length === 0) {
    problem('types', 'must name at least one type: { "Person": { "description", "key", "fields" } }');
    throw new MappingError(file, problems);
  }
  const types = m.types as Record<string, unknown>;
  const knownType = (name: string) => name in types || name in GRAPH_ENTITIES;
  const queryFields = new Map<string, string>();
  for (const [typeName, value] of Object.entries(types)) {
    const entry = `types.${typeName}`;
    if (!TYPE_NAME.test(typeName) || RESERVED_TYPES.has(typeName) || typeName in enums) problem(entry, 'a type name must be PascalCase, not a built-in name and not an enum\'s');
    if (!isObject(value)) { problem(entry, 'must be { "description", "key", "fields" }'); continue; }
    const t = value as Record<string, unknown>;
    const graphEntity = GRAPH_ENTITIES[typeName];
    for (const key of Object.keys(t)) {
      if (!['description', 'table', 'key', 'entity', 'lookup', 'list', 'get', 'batch', 'fields', 'relations', '$comment'].includes(key)) problem(`${entry}.${key}`, 'unknown entry');
    }
    requireDescription(t, entry, problem);
    if (kind === 'database' && t.table === undefined && !graphEntity) problem(`${entry}.table`, 'is required: the table or view its rows come from');
    if (t.table !== undefined && (kind !== 'database' || typeof t.table !== 'string' || !t.table.trim())) problem(`${entry}.table`, kind === 'database' ? 'must name a table or view' : 'only a database source has tables; use "get"');
    const inner = t.entity === false && !graphEntity;
    if (kind === 'rest' && !inner && !(typeof t.get === 'string' && t.get.startsWith('/'))) problem(`${entry}.get`, 'is required for a REST source: the endpoint answering one object, e.g. "/persons/{idNumber}"');
    if (t.get !== undefined && !(typeof t.get === 'string' && t.get.startsWith('/'))) problem(`${entry}.get`, 'must be a path starting with "/", e.g. "/persons/{idNumber}"');
    if (kind === 'database' && (t.get !== undefined || t.batch !== undefined)) problem(`${entry}.${t.get !== undefined ? 'get' : 'batch'}`, 'only a REST source has endpoints');
    if (t.entity !== undefined && typeof t.entity !== 'boolean') problem(`${entry}.entity`, 'must be true or false');
    if (graphEntity && t.entity === false) problem(`${entry}.entity`, `${typeName} is a graph entity; it cannot be turned off`);

    const fields = isObject(t.fields) ? (t.fields as Record<string, unknown>) : null;
    if (!fields) problem(`${entry}.fields`, 'must be an object of field name -> { description, column|path, type, share }');
    const relations = isObject(t.relations) ? (t.relations as Record<string, unknown>) : {};
    if (t.relations !== undefined && !isObject(t.relations)) problem(`${entry}.relations`, 'must be an object of field name -> relation');

    if (inner && t.key === undefined) t.key = []; // an inner REST type reached only through a relation
    const key = Array.isArray(t.key) ? (t.key as unknown[]) : null;
    if (!key || (key.length === 0 && !inner) || !key.every((k) => typeof k === 'string')) problem(`${entry}.key`, 'must list the field(s) that identify one object, e.g. ["idNumber"]');
    else if (key.length === 0 && (t.lookup !== undefined || t.list !== undefined || t.table !== undefined)) problem(`${entry}.key`, 'a type with a table, a lookup or a list needs its key field(s)');
    else {
      for (const k of key as string[]) if (!fields || !(k in fields)) problem(`${entry}.key`, `"${k}" is not one of its fields`);
      if (graphEntity && (key.length !== 1 || key[0] !== graphEntity.key)) problem(`${entry}.key`, `${typeName} joins the graph by ["${graphEntity.key}"]`);
    }
    const keySet = new Set((key ?? []).filter((k): k is string => typeof k === 'string'));

    for (const [fieldName, fieldValue] of Object.entries(fields ?? {})) {
      const fieldEntry = `${entry}.fields.${fieldName}`;
      if (!FIELD_NAME.test(fieldName)) problem(fieldEntry, 'a field name must be camelCase');
      if (fieldName in relations) problem(fieldEntry, 'is also a relation; give one of them another name');
      if (!isObject(fieldValue)) { problem(fieldEntry, 'must be { "description", "column", "type", "share" }'); continue; }
      const f = fieldValue as Record<string, unknown>;
      for (const k of Object.keys(f)) if (!['description', 'column', 'path', 'type', 'nullable', 'share', '$comment'].includes(k)) problem(`${fieldEntry}.${k}`, 'unknown entry');
      if (kind === 'database' && t.table !== undefined && (typeof f.column !== 'string' || !f.column)) problem(`${fieldEntry}.column`, 'is required: the column the value is read from');
      if (kind === 'database' && t.table === undefined && f.column !== undefined) problem(`${fieldEntry}.column`, `${typeName} has no table here; it has only its key`);
      if (kind === 'rest' && f.column !== undefined) problem(`${fieldEntry}.column`, 'a REST source has no columns; use "path"');
      if (f.path !== undefined && (kind !== 'rest' || typeof f.path !== 'string' || !/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/.test(f.path))) problem(`${fieldEntry}.path`, kind === 'rest' ? 'must be dot-separated names, e.g. "pension.status"' : 'only a REST source has paths; use "column"');
      const type = f.type ?? 'String';
      if (typeof type !== 'string' || !((FIELD_SCALARS as readonly string[]).includes(type) || type in enums)) problem(`${fieldEntry}.type`, `must be one of ${FIELD_SCALARS.join(', ')} or an enum of "enums"`);
      if (f.nullable !== undefined && typeof f.nullable !== 'boolean') problem(`${fieldEntry}.nullable`, 'must be true or false');
      const isGraphKey = graphEntity !== undefined && fieldName === graphEntity.key;
      if (isGraphKey) {
        if (type !== graphEntity.scalar) problem(`${fieldEntry}.type`, `the key of ${typeName} must be ${graphEntity.scalar} (validated as the graph validates it)`);
        if (f.share !== undefined) problem(`${fieldEntry}.share`, `${typeName}.${fieldName} is levelled by ${graphEntity.owner}, which provides ${typeName}; remove this share`);
      } else {
        requireDescription(f, fieldEntry, problem);
        checkShare(f.share, `${fieldEntry}.share`, problem);
        const level = isObject(f.share) ? (f.share as Record<string, unknown>).level : undefined;
        if (f.nullable === false && level !== 'UNCONDITIONAL' && !keySet.has(fieldName)) problem(`${fieldEntry}.nullable`, `only an UNCONDITIONAL item may be non-null (a denied ${level ?? ''} item comes back null)`);
      }
      if (keySet.has(fieldName) && !isGraphKey && !inner && isObject(f.share) && (f.share as Record<string, unknown>).level !== 'UNCONDITIONAL') {
        problem(`${fieldEntry}.share.level`, 'a key field must be UNCONDITIONAL: other departments join by it (make the type "entity": false to keep it inside)');
      }
    }

    for (const [relationName, relationValue] of Object.entries(relations)) {
      const relationEntry = `${entry}.relations.${relationName}`;
      if (!FIELD_NAME.test(relationName)) problem(relationEntry, 'a relation name must be camelCase');
      if (!isObject(relationValue)) { problem(relationEntry, 'must be { "description", "type", "on" | "column" | "get", "share" }'); continue; }
      const r = relationValue as Record<string, unknown>;
      for (const k of Object.keys(r)) if (!['description', 'type', 'many', 'on', 'column', 'path', 'get', 'itemsAt', 'share', '$comment'].includes(k)) problem(`${relationEntry}.${k}`, 'unknown entry');
      requireDescription(r, relationEntry, problem);
      checkShare(r.share, `${relationEntry}.share`, problem);
      if (typeof r.type !== 'string' || !knownType(r.type)) { problem(`${relationEntry}.type`, `must be one of the mapping's types or ${Object.keys(GRAPH_ENTITIES).join(', ')}`); continue; }
      const target = r.type;
      const targetIsTableless = target in GRAPH_ENTITIES && !(isObject(types[target]) && (types[target] as Record<string, unknown>).table !== undefined);
      if (r.many !== undefined && typeof r.many !== 'boolean') problem(`${relationEntry}.many`, 'must be true or false');
      const ways = ['on', 'column', 'get', 'path'].filter((k) => r[k] !== undefined);
      if (kind === 'database') {
        if (ways.length !== 1 || !(ways[0] === 'on' || ways[0] === 'column')) { problem(relationEntry, 'needs exactly one of "on" (local column -> target column) or "column" (holding a graph entity\'s key)'); continue; }
        if (r.column !== undefined) {
          if (!(target in GRAPH_ENTITIES)) problem(`${relationEntry}.column`, `"column" references a graph entity (${Object.keys(GRAPH_ENTITIES).join(', ')}); join ${target} with "on"`);
          if (r.many) problem(`${relationEntry}.many`, 'a reference by one column is one object');
          if (typeof r.column !== 'string' || !r.column) problem(`${relationEntry}.column`, 'must name the column holding the key');
          if (t.table === undefined) problem(`${relationEntry}.column`, `${typeName} has no table here`);
        } else if (!isObject(r.on) || Object.keys(r.on as object).length === 0 || !Object.values(r.on as object).every((v) => typeof v === 'string' && v)) {
          problem(`${relationEntry}.on`, 'must map each local column to a target column, e.g. { "OFFICE_CODE": "CODE" }');
        } else if (targetIsTableless) {
          problem(`${relationEntry}.on`, `${target} has no table in this mapping to join; reference it with "column"`);
        } else if (t.table === undefined) {
          const keyName = graphEntity?.key;
          for (const local of Object.keys(r.on as object)) if (local !== keyName) problem(`${relationEntry}.on`, `${typeName} has no table here: join from its key "${keyName}", not "${local}"`);
        }
      } else {
        if (ways.length !== 1 || !(ways[0] === 'get' || ways[0] === 'path')) { problem(relationEntry, 'needs exactly one of "get" (the endpoint answering the related objects) or "path" (where a graph entity\'s key sits)'); continue; }
        if (r.path !== undefined && !(target in GRAPH_ENTITIES)) problem(`${relationEntry}.path`, `"path" references a graph entity (${Object.keys(GRAPH_ENTITIES).join(', ')}); fetch ${target} with "get"`);
        if (r.get !== undefined && !(typeof r.get === 'string' && r.get.startsWith('/'))) problem(`${relationEntry}.get`, 'must be a path starting with "/", e.g. "/persons/{idNumber}/contributions"');
      }
    }

    for (const q of ['lookup', 'list'] as const) {
      if (t[q] === undefined) continue;
      if (typeof t[q] !== 'string' || !FIELD_NAME.test(t[q] as string)) { problem(`${entry}.${q}`, 'must be a camelCase Query field name'); continue; }
      if (q === 'list' && kind !== 'database') problem(`${entry}.list`, 'lists are served from a database source only');
      const earlier = queryFields.get(t[q] as string);
      if (earlier) problem(`${entry}.${q}`, `Query.${t[q]} is already ${earlier}`);
      queryFields.set(t[q] as string, `${entry}.${q}`);
    }
    if (t.batch !== undefined) checkBatch(t.batch, `${entry}.batch`, problem);
  }
  if (problems.length > 0) throw new MappingError(file, problems);
  return raw as unknown as ConnectorMapping;
}

type Problem = (entry: string, message: string) => void;

function checkSource(source: unknown, problem: Problem): 'database' | 'rest' | null {
  if (!isObject(source)) { problem('source', 'must be { "database": { "database": "postgres://…" } } or { "rest": { "baseUrl": "http://…" } }'); return null; }
  const s = source as Record<string, unknown>;
  if ((s.database === undefined) === (s.rest === undefined)) { problem('source', 'needs exactly one of "database" or "rest"'); return null; }
  const positive = (value: unknown, entry: string) => {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) problem(entry, 'must be a positive integer');
  };
  if (s.database !== undefined) {
    if (!isObject(s.database)) { problem('source.database', 'must be { "database": "postgres://…" }'); return 'database'; }
    const d = s.database as Record<string, unknown>;
    for (const k of Object.keys(d)) if (!['database', 'schema', 'poolSize', 'connectTimeoutMs', 'statementTimeoutMs', 'readOnly', 'maxKeysPerStatement'].includes(k)) problem(`source.database.${k}`, 'unknown entry');
    if (typeof d.database !== 'string' || !/^(postgres(ql)?:\/\/|mysql:\/\/|mariadb:\/\/|sqlite:|\$\{[A-Z_][A-Z0-9_]*\}$)/.test(d.database)) {
      problem('source.database.database', 'must be postgres://…, mysql://… (or mariadb://…), sqlite:<file>, or ${VARIABLE} naming one');
    }
    if (d.schema !== undefined && (typeof d.schema !== 'string' || !NAME.test(d.schema.replaceAll('_', 'a')))) problem('source.database.schema', 'must be a schema name');
    positive(d.poolSize, 'source.database.poolSize');
    positive(d.connectTimeoutMs, 'source.database.connectTimeoutMs');
    positive(d.statementTimeoutMs, 'source.database.statementTimeoutMs');
    positive(d.maxKeysPerStatement, 'source.database.maxKeysPerStatement');
    if (d.readOnly !== undefined && d.readOnly !== 'require' && d.readOnly !== 'session') problem('source.database.readOnly', 'must be "require" or "session"');
    return 'database';
  }
  if (!isObject(s.rest)) { problem('source.rest', 'must be { "baseUrl": "http://…" }'); return 'rest'; }
  const r = s.rest as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['baseUrl', 'headers', 'timeoutMs', 'maxConcurrency'].includes(k)) problem(`source.rest.${k}`, 'unknown entry');
  if (typeof r.baseUrl !== 'string' || !/^(https?:\/\/|\$\{)/.test(r.baseUrl)) problem('source.rest.baseUrl', 'must be an http(s) URL or ${VARIABLE} naming one');
  if (r.headers !== undefined && !(isObject(r.headers) && Object.values(r.headers as object).every((v) => typeof v === 'string'))) problem('source.rest.headers', 'must map header names to strings');
  positive(r.timeoutMs, 'source.rest.timeoutMs');
  positive(r.maxConcurrency, 'source.rest.maxConcurrency');
  return 'rest';
}

function checkBatch(batch: unknown, entry: string, problem: Problem): void {
  if (!isObject(batch)) { problem(entry, 'must be { "method": "GET" | "POST", "path": "/persons/batch" }'); return; }
  const b = batch as Record<string, unknown>;
  if (b.method !== 'GET' && b.method !== 'POST') problem(`${entry}.method`, 'must be "GET" or "POST"');
  if (typeof b.path !== 'string' || !b.path.startsWith('/')) problem(`${entry}.path`, 'must be a path starting with "/"');
  else if (b.method === 'GET' && !b.path.includes('{keys}')) problem(`${entry}.path`, 'a GET batch path needs a {keys} placeholder, e.g. "/persons?ids={keys}"');
  if (b.maxKeys !== undefined && !(Number.isInteger(b.maxKeys) && (b.maxKeys as number) > 0)) problem(`${entry}.maxKeys`, 'must be a positive integer');
}

function checkShare(share: unknown, entry: string, problem: Problem): void {
  if (!isObject(share)) { problem(entry, `is missing: every item needs { "level": ${SHARE_LEVELS.map((l) => `"${l}"`).join(' | ')} }`); return; }
  const s = share as Partial<Record<keyof ShareDeclaration | string, unknown>>;
  for (const k of Object.keys(s)) if (!['level', 'reason', 'sensitive', 'cycle'].includes(k)) problem(`${entry}.${k}`, 'unknown entry; expected level, reason, sensitive, cycle');
  if (!SHARE_LEVELS.includes(s.level as never)) problem(`${entry}.level`, `is missing or invalid: set it to one of ${SHARE_LEVELS.join(', ')}`);
  else if (s.level !== 'UNCONDITIONAL' && !(typeof s.reason === 'string' && s.reason.trim())) problem(`${entry}.reason`, `a ${s.level as string} item needs its legal reason`);
  if (s.sensitive !== undefined && typeof s.sensitive !== 'boolean') problem(`${entry}.sensitive`, 'must be true or false');
  if (s.cycle !== undefined && !SHARE_CYCLES.includes(s.cycle as never)) problem(`${entry}.cycle`, `must be one of ${SHARE_CYCLES.join(', ')}`);
}

function requireDescription(node: Record<string, unknown>, entry: string, problem: Problem): void {
  if (typeof node.description !== 'string' || !node.description.trim()) problem(`${entry}.description`, 'is missing: say what it holds (it is the catalogue\'s description)');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
