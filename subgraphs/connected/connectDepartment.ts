/**
 * `npm run department:connect`: makes a department of an existing database or REST interface. It reads the
 * schema (through the account given, read-only; for an interface, its OpenAPI document), writes the proposed
 * mapping (`subgraphs/<id>/mapping.json`, for the department to edit) and the schema it describes (`schema.graphql`, what `npm run publish` reads), and registers the department
 * in `added-departments.json` with the next free port, like a scaffolded one. Nothing is overwritten; a
 * department already registered is refused. With `refresh`, an edited mapping is checked again and its
 * `schema.graphql` rewritten. A password in the URL is never written: the mapping names an environment variable.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_DEPARTMENTS_FILE, DEPARTMENT_ID, nextDefaultPort, readAddedDepartmentEntries } from '../addedDepartments.ts';
import { connectedDepartment, type ConnectedDepartmentDefinition } from './connectedDepartment.ts';
import { generatedSchema, schemaIsCurrent } from './generatedSchema.ts';
import type { ConnectorMapping } from './mapping/mapping.ts';
import { MappingError } from './mapping/validateMapping.ts';
import { proposeFromOpenApi } from './rest/proposeFromOpenApi.ts';
import { openDatabase } from './sql/openDatabase.ts';
import { proposeMapping } from './sql/proposeMapping.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_IN_PORTS = [4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008];
const RESERVED = new Set(['kit', 'scaffold', 'synthetic', 'platform', 'connected', 'gateway', 'anonymous']);

export interface ConnectOptions {
  id: string;
  /** `postgres://…`, `mysql://…` or `sqlite:<file>`; read with this account (it should be read-only). */
  database: string;
  /** PostgreSQL schema. Default `public`. */
  schema?: string;
  title?: string;
  port?: number;
  /** Checkout to write into. Default this repository. */
  root?: string;
  /** The built-in departments' ids (refused as ids). Default: read from the registry by the command. */
  taken?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export interface ConnectResult {
  id: string;
  defaultPort: number;
  mappingFile: string;
  schemaFile: string;
  /** The environment variable the mapping reads the URL from, when the URL held a password. */
  variable: string | null;
  definition: ConnectedDepartmentDefinition;
}

export async function connectDepartment(options: ConnectOptions): Promise<ConnectResult> {
  const target = prepare(options);
  const { id, title, directory } = target;
  const hasPassword = /^[a-z]+:\/\/[^/@]*:[^@/]+@/i.test(options.database);
  const variable = hasPassword ? `${id.toUpperCase().replaceAll('-', '_')}_DATABASE_URL` : null;
  const mappingFile = join(directory, 'mapping.json');
  const probe = { department: id, title, source: { database: { database: options.database, ...(options.schema && { schema: options.schema }), readOnly: 'session' as const } }, types: {} };
  const source = await openDatabase(probe, { file: mappingFile, ...(options.env && { env: options.env }), warn: () => {} });
  let mapping;
  try {
    mapping = await proposeMapping(source, { department: id, title, database: variable ? `\${${variable}}` : options.database, ...(options.schema && { schema: options.schema }) });
  } finally {
    await source.close();
  }
  if (Object.keys(mapping.types).length === 0) throw new Error(`${source.location} has no tables or views to map.`);
  return { ...register(target, mapping), variable };
}

export interface ConnectRestOptions {
  id: string;
  /** The interface's OpenAPI 3 document (a JSON file). */
  openapi: string;
  /** Default: the document's first server URL. */
  baseUrl?: string;
  title?: string;
  port?: number;
  root?: string;
  taken?: readonly string[];
}

/** The same for a REST/JSON interface described by an OpenAPI document; nothing is called until the department starts. */
export async function connectRestDepartment(options: ConnectRestOptions): Promise<ConnectResult> {
  const target = prepare(options);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(resolve(options.openapi), 'utf8'));
  } catch (error) {
    throw new Error(`${options.openapi} cannot be read as an OpenAPI document in JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const mapping = proposeFromOpenApi(document, { department: target.id, title: target.title, ...(options.baseUrl && { baseUrl: options.baseUrl }) });
  if (Object.keys(mapping.types).length === 0) throw new Error(`${options.openapi} has no GET /<things>/{key} path answering an object to map.`);
  return { ...register(target, mapping), variable: null };
}

interface Target {
  id: string;
  title: string;
  defaultPort: number;
  directory: string;
  subgraphsDir: string;
  entries: ReturnType<typeof readAddedDepartmentEntries>;
}

function prepare(options: { id: string; title?: string; port?: number; root?: string; taken?: readonly string[] }): Target {
  const { id } = options;
  if (!DEPARTMENT_ID.test(id) || RESERVED.has(id)) throw new Error(`Department id "${id}" must be kebab-case (e.g. civil-affairs-legacy) and not reserved.`);
  const root = resolve(options.root ?? REPOSITORY_ROOT);
  const subgraphsDir = join(root, 'subgraphs');
  const entries = readAddedDepartmentEntries(subgraphsDir);
  if ((options.taken ?? []).includes(id) || entries.some((e) => e.id === id)) throw new Error(`Department "${id}" is already registered; choose another id.`);
  const directory = join(subgraphsDir, id);
  if (existsSync(directory)) throw new Error(`${directory} already exists; remove it or choose another id.`);
  const ports = [...BUILT_IN_PORTS, ...entries.map((e) => e.defaultPort)];
  const defaultPort = options.port ?? nextDefaultPort(ports.map((defaultPort) => ({ defaultPort })));
  if (ports.includes(defaultPort)) throw new Error(`Port ${defaultPort} is another department's default port; pass another --port.`);
  const title = options.title?.trim() || id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  return { id, title, defaultPort, directory, subgraphsDir, entries };
}

/** Writes the mapping and its schema, then registers the department; all or nothing. */
function register(target: Target, mapping: ConnectorMapping): Omit<ConnectResult, 'variable'> {
  const { id, directory, defaultPort } = target;
  const mappingFile = join(directory, 'mapping.json');
  mkdirSync(directory, { recursive: true });
  try {
    writeFileSync(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`, { flag: 'wx' });
    const definition = connectedDepartment(mappingFile);
    const schemaFile = join(directory, 'schema.graphql');
    writeFileSync(schemaFile, generatedSchema(definition), { flag: 'wx' });
    writeFileSync(join(target.subgraphsDir, ADDED_DEPARTMENTS_FILE), `${JSON.stringify([...target.entries, { id, defaultPort, mapping: `${id}/mapping.json` }], null, 2)}\n`);
    return { id, defaultPort, mappingFile, schemaFile, definition };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

/** Checks an edited mapping again and rewrites its `schema.graphql`; a MappingError names every problem. */
export function refreshConnectedDepartment(id: string, root = REPOSITORY_ROOT): ConnectedDepartmentDefinition {
  const entry = readAddedDepartmentEntries(join(root, 'subgraphs')).find((e) => e.id === id);
  if (!entry?.mapping) throw new Error(`"${id}" is not a connected department of ${join(root, 'subgraphs', ADDED_DEPARTMENTS_FILE)}.`);
  const definition = connectedDepartment(join(root, 'subgraphs', entry.mapping));
  writeFileSync(join(root, 'subgraphs', id, 'schema.graphql'), generatedSchema(definition));
  return definition;
}

export { generatedSchema, MappingError, schemaIsCurrent };
