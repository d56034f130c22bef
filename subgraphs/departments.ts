/**
 * The departments of the embedded default, in the order they start, with their default ports, and last the
 * platform's own subgraph (served by the same kit; it reads the platform store instead of a seeded database).
 * Departments added later (`npm run department:new`) are listed in `added-departments.json` and loaded by
 * `addedDepartments.ts`; they start after the seven, before the platform. The one list of the built-in ones, with
 * their ports, is departmentDirectory.ts's.
 */
import type { DepartmentDefinition } from './kit/index.ts';
import { loadAddedDepartments } from './addedDepartments.ts';
import { BUILT_IN_DEPARTMENTS } from './departmentDirectory.ts';

export interface RegisteredDepartment {
  definition: DepartmentDefinition;
  /** Port of the embedded default; override with GOVGRAPH_PORT_<ID> (e.g. GOVGRAPH_PORT_CIVIL_AFFAIRS). */
  defaultPort: number;
}

const builtIn = await Promise.all(BUILT_IN_DEPARTMENTS.map(async ({ id, defaultPort, load }) => ({ id, definition: await load(), defaultPort })));

export const departments: readonly RegisteredDepartment[] = [
  ...builtIn.filter((d) => d.id !== 'platform').map(({ definition, defaultPort }) => ({ definition, defaultPort })),
  ...(await loadAddedDepartments()),
  ...builtIn.filter((d) => d.id === 'platform').map(({ definition, defaultPort }) => ({ definition, defaultPort })),
];

export function findDepartment(id: string): RegisteredDepartment {
  const found = departments.find((d) => d.definition.id === id);
  if (!found) {
    throw new Error(`Unknown department "${id}"; known: ${departments.map((d) => d.definition.id).join(', ')}.`);
  }
  return found;
}
