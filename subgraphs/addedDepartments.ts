/**
 * Departments added after the embedded default's seven, read from `added-departments.json` next to the
 * department folders: `[{ "id": "culture-tourism", "defaultPort": 4009 }]`, each served by the module
 * `<id>/index.ts` exporting `department`. `npm run department:new` appends to that file; no TypeScript is edited
 * to register a department. A connected department (`npm run department:connect`) names its mapping file
 * instead (`{ "id": "civil-affairs-legacy", "defaultPort": 4010, "mapping": "civil-affairs-legacy/mapping.json" }`,
 * relative to this folder) and has no TypeScript at all: the kit serves the mapping (subgraphs/connected/).
 * A malformed entry, a module that does not export its department, or a mapping with problems or a stale
 * generated schema stops the start with a message naming the entry, rather than serving a federation without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DepartmentDefinition } from './kit/index.ts';
import type { RegisteredDepartment } from './departments.ts';
import { connectedDepartment, schemaIsCurrent } from './connected/index.ts';

export const ADDED_DEPARTMENTS_FILE = 'added-departments.json';
export const DEPARTMENT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface AddedDepartmentEntry {
  id: string;
  defaultPort: number;
  /** A connected department's mapping file, relative to the registry's folder. Default none: `<id>/index.ts`. */
  mapping?: string;
}

/** The entries of `<subgraphsDir>/added-departments.json`; empty when the file does not exist. */
export function readAddedDepartmentEntries(subgraphsDir: string): AddedDepartmentEntry[] {
  const file = join(subgraphsDir, ADDED_DEPARTMENTS_FILE);
  if (!existsSync(file)) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or remove it.`);
  }
  if (!Array.isArray(entries)) throw new Error(`${file} must hold a JSON array of { "id", "defaultPort" }.`);
  const seen = new Map<string | number, string>();
  return entries.map((entry, index) => {
    const { id, defaultPort, mapping } = (entry ?? {}) as Partial<AddedDepartmentEntry>;
    if (typeof id !== 'string' || !DEPARTMENT_ID.test(id)) {
      throw new Error(`${file} entry ${index}: "id" must be a kebab-case department id such as "culture-tourism".`);
    }
    if (!Number.isInteger(defaultPort) || defaultPort! < 1 || defaultPort! > 65535) {
      throw new Error(`${file} entry ${index} (${id}): "defaultPort" must be a port number.`);
    }
    for (const key of [id, defaultPort!]) {
      const earlier = seen.get(key);
      if (earlier) throw new Error(`${file} entry ${index} (${id}): ${typeof key === 'number' ? `port ${key}` : 'id'} already used by ${earlier}; each department needs its own.`);
      seen.set(key, id);
    }
    if (mapping !== undefined && (typeof mapping !== 'string' || !mapping.endsWith('.json') || mapping.startsWith('/') || mapping.split(/[\\/]/).includes('..'))) {
      throw new Error(`${file} entry ${index} (${id}): "mapping" must be a .json mapping file inside ${subgraphsDir}, e.g. "${id}/mapping.json".`);
    }
    return { id, defaultPort: defaultPort!, ...(mapping !== undefined && { mapping }) };
  });
}

/** Loads every added department's module; the default folder is this one (subgraphs/). */
export async function loadAddedDepartments(subgraphsDir = fileURLToPath(new URL('.', import.meta.url))): Promise<RegisteredDepartment[]> {
  const loaded: RegisteredDepartment[] = [];
  for (const entry of readAddedDepartmentEntries(subgraphsDir)) {
    if (entry.mapping !== undefined) {
      const definition = connectedDepartment(join(subgraphsDir, entry.mapping));
      if (definition.id !== entry.id) {
        throw new Error(`${join(subgraphsDir, entry.mapping)} maps department "${definition.id}", but ${ADDED_DEPARTMENTS_FILE} registers it as "${entry.id}".`);
      }
      if (!schemaIsCurrent(definition)) {
        throw new Error(`${join(definition.mappingFile, '..', 'schema.graphql')} is missing or not what ${entry.mapping} describes (edited since); run npm run department:connect -- ${entry.id} --refresh.`);
      }
      loaded.push({ definition, defaultPort: entry.defaultPort });
      continue;
    }
    const moduleFile = join(subgraphsDir, entry.id, 'index.ts');
    const module = (await import(pathToFileURL(moduleFile).href)) as { department?: DepartmentDefinition };
    if (module.department?.id !== entry.id) {
      throw new Error(`${moduleFile} must export \`department\`, a DepartmentDefinition with id "${entry.id}" (registered in ${ADDED_DEPARTMENTS_FILE}).`);
    }
    loaded.push({ definition: module.department, defaultPort: entry.defaultPort });
  }
  return loaded;
}

/** The next free default port: one above every port `registered` uses. */
export function nextDefaultPort(registered: readonly { defaultPort: number }[]): number {
  return Math.max(4000, ...registered.map((d) => d.defaultPort)) + 1;
}
