/**
 * `npm run department:connect`: makes a department of an existing database. It reads the schema (through the
 * account given, read-only), writes the proposed mapping (`subgraphs/<id>/mapping.json`, for the department to
 * edit) and the schema it describes (`schema.graphql`, what `npm run publish` reads), and registers the department
 * in `added-departments.json` with the next free port, like a scaffolded one. Nothing is overwritten; a
 * department already registered is refused. With `refresh`, an edited mapping is checked again and its
 * `schema.graphql` rewritten. A password in the URL is never written: the mapping names an environment variable.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_DEPARTMENTS_FILE, DEPARTMENT_ID, nextDefaultPort, readAddedDepartmentEntries } from '../addedDepartments.ts';
import { connectedDepartment, type ConnectedDepartmentDefinition } from './connectedDepartment.ts';
import { generatedSchema, schemaIsCurrent } from './generatedSchema.ts';
import { MappingError } from './mapping/validateMapping.ts';
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

  const hasPassword = /^[a-z]+:\/\/[^/@]*:[^@/]+@/i.test(options.database);
  const variable = hasPassword ? `${id.toUpperCase().replaceAll('-', '_')}_DATABASE_URL` : null;
  const title = options.title?.trim() || id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
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
  mkdirSync(directory, { recursive: true });
  try {
    writeFileSync(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`, { flag: 'wx' });
    const definition = connectedDepartment(mappingFile);
    const schemaFile = join(directory, 'schema.graphql');
    writeFileSync(schemaFile, generatedSchema(definition), { flag: 'wx' });
    writeFileSync(join(subgraphsDir, ADDED_DEPARTMENTS_FILE), `${JSON.stringify([...entries, { id, defaultPort, mapping: `${id}/mapping.json` }], null, 2)}\n`);
    return { id, defaultPort, mappingFile, schemaFile, variable, definition };
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
