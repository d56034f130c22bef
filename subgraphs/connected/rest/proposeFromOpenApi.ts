/**
 * A first mapping for a REST/JSON interface, from its OpenAPI 3 document (JSON): each `GET` path with one path
 * parameter answering an object becomes a type looked up by it (`GET /persons/{idNumber}` — a parameter or
 * property named like a resident ID or credit code makes it `Person` / `Enterprise`), a `GET` below it answering
 * a list becomes a relation, a `POST <collection>/batch` (or `:batch`) taking an array of keys its batch endpoint,
 * and each scalar property (one level of nested objects flattened into a dot path) a field. As for databases it
 * leans closed: every item but the key is proposed CONDITIONAL with a reason still to be written.
 */
import { GRAPH_ENTITIES, type ConnectorMapping, type FieldMapping, type RelationMapping, type TypeMapping } from '../mapping/mapping.ts';
import { PROPOSED_REASON } from '../sql/proposeMapping.ts';

type Json = Record<string, any>;

const RESIDENT_ID = /^(id_?number|id_?card(_?no)?|sfzh|shenfenzheng|resident_?id)$/i;
const CREDIT_CODE = /^(credit_?code|uscc|tyshxydm|social_?credit_?code)$/i;
const SENSITIVE = /(name|xm|phone|mobile|tel|address|addr|dz|email)/i;

export interface OpenApiProposeOptions {
  department: string;
  title: string;
  /** Default: the document's first `servers` URL. */
  baseUrl?: string;
}

export function proposeFromOpenApi(document: unknown, options: OpenApiProposeOptions): ConnectorMapping {
  const doc = document as Json;
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3')) {
    throw new Error('not an OpenAPI 3 document (JSON with "openapi": "3.x")');
  }
  const baseUrl = options.baseUrl ?? doc.servers?.[0]?.url;
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) throw new Error('the document names no http(s) server; pass --base-url');
  const resolve = (schema: Json | undefined): Json | undefined => {
    let s = schema;
    for (let i = 0; s?.$ref && i < 10; i++) s = doc.components?.schemas?.[String(s.$ref).split('/').pop()!];
    return s;
  };
  const refName = (schema: Json | undefined) => (schema?.$ref ? String(schema.$ref).split('/').pop() : undefined);
  const answerOf = (operation: Json | undefined) => operation?.responses?.['200']?.content?.['application/json']?.schema as Json | undefined;
  const paths = (doc.paths ?? {}) as Record<string, Json>;

  const types: Record<string, TypeMapping> = {};
  const lookups = new Map<string, string>(); // lookup path -> type name
  for (const [path, item] of Object.entries(paths)) {
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const raw = answerOf(item.get);
    const answer = resolve(raw);
    if (params.length !== 1 || !path.endsWith(`{${params[0]}}`) || answer?.type !== 'object') continue;
    const param = params[0]!;
    const graph = RESIDENT_ID.test(param) ? 'Person' : CREDIT_CODE.test(param) ? 'Enterprise' : null;
    const typeName = graph ?? unique(refName(raw) ?? pascal(singular(path.split('/').at(-2) ?? 'Item')), types);
    const keyField = graph ? GRAPH_ENTITIES[graph]!.key : camel(param);
    const fields = fieldsOf(answer, resolve, graph ? [param, keyField] : []);
    const properties = Object.keys(answer.properties ?? {});
    const keyProperty = properties.find((p) => p === param) ?? (graph ? properties.find((p) => (graph === 'Person' ? RESIDENT_ID : CREDIT_CODE).test(p)) : undefined);
    for (const [name, field] of Object.entries(fields)) if ((field.path ?? name) === (keyProperty ?? param)) delete fields[name];
    fields[keyField] = graph
      ? { description: graph === 'Person' ? 'Resident ID.' : 'Credit code.', path: keyProperty ?? param, type: GRAPH_ENTITIES[graph]!.scalar }
      : { description: `The ${typeName}'s ${param}.`, ...(keyProperty && keyProperty !== keyField && { path: keyProperty }), share: { level: 'UNCONDITIONAL' } };
    const type: TypeMapping = {
      description: String(answer.description ?? item.get?.summary ?? `What ${path} answers: describe it.`),
      key: [keyField],
      get: path.replace(`{${param}}`, `{${keyField}}`),
      ...(graph ? {} : { lookup: camel(typeName) }),
      fields: { [keyField]: fields[keyField]!, ...Object.fromEntries(Object.entries(fields).filter(([n]) => n !== keyField)) },
    };
    const batch = batchOf(paths, path.slice(0, path.lastIndexOf('/')), resolve);
    if (batch) type.batch = batch;
    types[typeName] = type;
    lookups.set(path, typeName);
  }
  for (const [path, item] of Object.entries(paths)) {
    for (const [lookupPath, typeName] of lookups) {
      if (!path.startsWith(`${lookupPath}/`) || path.slice(lookupPath.length + 1).includes('/')) continue;
      const raw = answerOf(item.get);
      const answer = resolve(raw);
      const wrapped = answer?.type === 'object' ? Object.entries((answer.properties ?? {}) as Record<string, Json>).find(([, p]) => resolve(p)?.type === 'array') : undefined;
      const list = answer?.type === 'array' ? answer : wrapped ? resolve(wrapped[1]) : undefined;
      const itemSchema = resolve(list?.items);
      if (itemSchema?.type !== 'object') continue;
      const segment = path.slice(lookupPath.length + 1);
      const target = unique(refName(list?.items) ?? pascal(singular(segment)), types);
      types[target] ??= { description: String(itemSchema.description ?? `One item of ${path}: describe it.`), entity: false, key: [], fields: fieldsOf(itemSchema, resolve, []) };
      const owner = types[typeName]!;
      const relation: RelationMapping = {
        description: String(item.get?.summary ?? `What ${path} answers.`),
        type: target,
        many: true,
        get: path.replace(/\{[^}]+\}/, `{${owner.key[0]}}`),
        ...(wrapped && { itemsAt: wrapped[0] }),
        share: { level: 'CONDITIONAL', reason: PROPOSED_REASON },
      };
      (owner.relations ??= {})[camel(segment)] = relation;
    }
  }
  return { department: options.department, title: options.title, source: { rest: { baseUrl: baseUrl.replace(/\/+$/, '') } }, types };
}

function fieldsOf(schema: Json, resolve: (s: Json | undefined) => Json | undefined, skip: string[]): Record<string, FieldMapping> {
  const fields: Record<string, FieldMapping> = {};
  const add = (path: string, property: Json) => {
    const name = camel(path.replaceAll('.', '_'));
    if (skip.includes(name)) return;
    const type = RESIDENT_ID.test(path.split('.').at(-1)!) ? 'ResidentId' : CREDIT_CODE.test(path.split('.').at(-1)!) ? 'CreditCode' : scalarOf(property);
    fields[name] = {
      description: String(property.description ?? `Property ${path}.`),
      ...(name !== path && { path }),
      type,
      share: { level: 'CONDITIONAL', reason: PROPOSED_REASON, ...((SENSITIVE.test(path) || type === 'ResidentId') && { sensitive: true }) },
    };
  };
  for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    const property = resolve(value) ?? {};
    if (property.type === 'object') {
      for (const [inner, innerValue] of Object.entries((property.properties ?? {}) as Record<string, Json>)) {
        const p = resolve(innerValue) ?? {};
        if (p.type !== 'object' && p.type !== 'array') add(`${key}.${inner}`, p);
      }
    } else if (property.type !== 'array') add(key, property);
  }
  return fields;
}

function batchOf(paths: Record<string, Json>, collection: string, resolve: (s: Json | undefined) => Json | undefined): TypeMapping['batch'] {
  for (const candidate of [`${collection}/batch`, `${collection}:batch`]) {
    const post = paths[candidate]?.post;
    if (!post) continue;
    const body = resolve(post.requestBody?.content?.['application/json']?.schema);
    const keys = Object.entries((body?.properties ?? {}) as Record<string, Json>).find(([, p]) => resolve(p)?.type === 'array');
    if (!keys) continue;
    const answer = resolve(post.responses?.['200']?.content?.['application/json']?.schema);
    const itemsAt = answer?.type === 'object' ? Object.entries((answer.properties ?? {}) as Record<string, Json>).find(([, p]) => resolve(p)?.type === 'array')?.[0] : undefined;
    return { method: 'POST', path: candidate, keysParameter: keys[0], ...(itemsAt && { itemsAt }) };
  }
  return undefined;
}

function scalarOf(property: Json): string {
  if (property.type === 'integer') return property.format === 'int64' ? 'String' : 'Int';
  if (property.type === 'number') return 'Float';
  if (property.type === 'boolean') return 'Boolean';
  return 'String';
}

function singular(word: string): string {
  return word.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
}

function pascal(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

function camel(name: string): string {
  const p = pascal(name);
  return p ? p[0]!.toLowerCase() + p.slice(1) : name;
}

function unique(name: string, taken: Record<string, unknown>): string {
  let candidate = name;
  for (let n = 2; candidate in taken || candidate in GRAPH_ENTITIES; n++) candidate = `${name}${n}`;
  return candidate;
}
