/**
 * The ids and default ports of every registered department, read without loading any department's code: what
 * commands that only name departments need (`token`, `whoami`, `schema:history`, the port checks of
 * `department:new`), so they answer in a fraction of a second. departments.ts loads the same entries' code.
 */
import { fileURLToPath } from 'node:url';
import { readAddedDepartmentEntries } from './addedDepartments.ts';
import type { DepartmentDefinition } from './kit/index.ts';

export interface DepartmentEntry {
  id: string;
  defaultPort: number;
}

/** A built-in department: its entry, and how to load its code (only departments.ts does). */
export interface BuiltInDepartment extends DepartmentEntry {
  load(): Promise<DepartmentDefinition>;
}

/**
 * The embedded default's seven departments and the platform, in start order (added departments start after the
 * seven, before the platform): the one list of them, read by departments.ts for their code.
 */
export const BUILT_IN_DEPARTMENTS: readonly BuiltInDepartment[] = [
  { id: 'public-security', defaultPort: 4001, load: async () => (await import('./public-security/index.ts')).publicSecurity },
  { id: 'civil-affairs', defaultPort: 4002, load: async () => (await import('./civil-affairs/index.ts')).civilAffairs },
  { id: 'human-resources', defaultPort: 4003, load: async () => (await import('./human-resources/index.ts')).humanResources },
  { id: 'market-regulation', defaultPort: 4004, load: async () => (await import('./market-regulation/index.ts')).marketRegulation },
  { id: 'tax', defaultPort: 4005, load: async () => (await import('./tax/index.ts')).tax },
  { id: 'natural-resources', defaultPort: 4006, load: async () => (await import('./natural-resources/index.ts')).naturalResources },
  { id: 'health', defaultPort: 4007, load: async () => (await import('./health/index.ts')).health },
  { id: 'platform', defaultPort: 4008, load: async () => (await import('./platform/index.ts')).platform },
];

/** Every registered department of the checkout whose `subgraphs/` folder is `subgraphsDir` (default this one), in start order. */
export function departmentDirectory(subgraphsDir = fileURLToPath(new URL('.', import.meta.url))): DepartmentEntry[] {
  const platform = BUILT_IN_DEPARTMENTS.filter((d) => d.id === 'platform');
  const entry = ({ id, defaultPort }: DepartmentEntry): DepartmentEntry => ({ id, defaultPort });
  return [...BUILT_IN_DEPARTMENTS.filter((d) => d.id !== 'platform').map(entry), ...readAddedDepartmentEntries(subgraphsDir), ...platform.map(entry)];
}
