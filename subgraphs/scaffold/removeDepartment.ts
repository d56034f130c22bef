/**
 * Removes a department that `department:new` added (`npm run department:remove`): its folder, its test, its entry
 * in `subgraphs/added-departments.json` and in codegen.yml. The seven built-in departments and the platform are
 * never removed. A department the served supergraph still routes to is refused unless forced: gateways would keep
 * sending its fields to a process nobody starts any more. Its database and published versions are kept.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_DEPARTMENTS_FILE, readAddedDepartmentEntries } from '../addedDepartments.ts';
import { BUILT_IN_DEPARTMENTS } from '../departmentDirectory.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RemoveOptions {
  id: string;
  /** The checkout. Default this repository. */
  root?: string;
  /** The supergraph gateways serve. Default `<root>/schema/supergraph.graphql`. */
  supergraphFile?: string;
  /** Remove it even though the served supergraph still routes to it. */
  force?: boolean;
}

export interface RemoveResult {
  /** Files and folders removed, absolute paths. */
  removed: string[];
  /** Whether codegen.yml lost the department's entry. */
  codegenUpdated: boolean;
  /** True when the served supergraph still routes to the department (removed with `force`). */
  stillServed: boolean;
}

export function removeDepartment(options: RemoveOptions): RemoveResult {
  const { id } = options;
  const root = resolve(options.root ?? REPOSITORY_ROOT);
  if (BUILT_IN_DEPARTMENTS.some((d) => d.id === id)) throw new Error(`"${id}" is a built-in department of the embedded default; only departments added with department:new can be removed.`);
  const subgraphsDir = join(root, 'subgraphs');
  const entries = readAddedDepartmentEntries(subgraphsDir);
  if (!entries.some((e) => e.id === id)) {
    const added = entries.map((e) => e.id);
    throw new Error(`"${id}" is not an added department of ${root} (added: ${added.length ? added.join(', ') : 'none'}).`);
  }
  const supergraphFile = options.supergraphFile ?? join(root, 'schema', 'supergraph.graphql');
  const stillServed = existsSync(supergraphFile) && routes(readFileSync(supergraphFile, 'utf8'), id);
  if (stillServed && !options.force) {
    throw new Error(
      `${supergraphFile} still routes ${id}: gateways serving it would keep asking a department nobody starts. Pass --force to remove it anyway, then drop it from the served supergraph (npm run compose, or the next npm run publish, which lists its removal as breaking).`,
    );
  }
  const removed: string[] = [];
  for (const path of [join(subgraphsDir, id), join(root, 'test', 'departments', `${id}.test.ts`)]) {
    if (!existsSync(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  writeFileSync(join(subgraphsDir, ADDED_DEPARTMENTS_FILE), `${JSON.stringify(entries.filter((e) => e.id !== id), null, 2)}\n`);
  return { removed, codegenUpdated: unregisterFromCodegen(root, id), stillServed };
}

/** Whether a supergraph has a subgraph named `id` (its join__Graph value carries the name). */
function routes(supergraphSdl: string, id: string): boolean {
  return supergraphSdl.includes(`@join__graph(name: "${id}"`);
}

/** Removes the department's entry (its key line and every deeper-indented line after it) from codegen.yml. */
function unregisterFromCodegen(root: string, id: string): boolean {
  const file = join(root, 'codegen.yml');
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf(`  subgraphs/${id}/__generated__/resolvers.ts:`);
  if (start === -1) return false;
  let end = start + 1;
  while (end < lines.length && /^ {3,}\S/.test(lines[end]!)) end++;
  lines.splice(start, end - start);
  writeFileSync(file, lines.join('\n'));
  return true;
}
