/**
 * The ids and default ports of every registered department, read without loading any department's code: what
 * commands that only name departments need (`token`, `whoami`, `schema:history`, the port checks of
 * `department:new`), so they answer in a fraction of a second. departments.ts pairs the same entries with their
 * definitions; test/commands/departmentDirectory.test.ts keeps the two equal.
 */
import { fileURLToPath } from 'node:url';
import { readAddedDepartmentEntries } from './addedDepartments.ts';

export interface DepartmentEntry {
  id: string;
  defaultPort: number;
}

/** The embedded default's seven departments and the platform, in departments.ts's order. */
export const BUILT_IN_DEPARTMENTS: readonly DepartmentEntry[] = [
  { id: 'public-security', defaultPort: 4001 },
  { id: 'civil-affairs', defaultPort: 4002 },
  { id: 'human-resources', defaultPort: 4003 },
  { id: 'market-regulation', defaultPort: 4004 },
  { id: 'tax', defaultPort: 4005 },
  { id: 'natural-resources', defaultPort: 4006 },
  { id: 'health', defaultPort: 4007 },
  { id: 'platform', defaultPort: 4008 },
];

/** Every registered department of the checkout whose `subgraphs/` folder is `subgraphsDir` (default this one), in start order. */
export function departmentDirectory(subgraphsDir = fileURLToPath(new URL('.', import.meta.url))): DepartmentEntry[] {
  const platform = BUILT_IN_DEPARTMENTS.filter((d) => d.id === 'platform');
  return [...BUILT_IN_DEPARTMENTS.filter((d) => d.id !== 'platform'), ...readAddedDepartmentEntries(subgraphsDir), ...platform];
}
