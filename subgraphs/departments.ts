/**
 * The departments of the embedded default, in the order they start, with their default ports, and last the
 * platform's own subgraph (served by the same kit; it reads the platform store instead of a seeded database).
 * Departments added later (`npm run department:new`) are listed in `added-departments.json` and loaded by
 * `addedDepartments.ts`; they start after the seven, before the platform.
 */
import type { DepartmentDefinition } from './kit/index.ts';
import { loadAddedDepartments } from './addedDepartments.ts';
import { civilAffairs } from './civil-affairs/index.ts';
import { health } from './health/index.ts';
import { humanResources } from './human-resources/index.ts';
import { marketRegulation } from './market-regulation/index.ts';
import { naturalResources } from './natural-resources/index.ts';
import { platform } from './platform/index.ts';
import { publicSecurity } from './public-security/index.ts';
import { tax } from './tax/index.ts';

export interface RegisteredDepartment {
  definition: DepartmentDefinition;
  /** Port of the embedded default; override with GOVGRAPH_PORT_<ID> (e.g. GOVGRAPH_PORT_CIVIL_AFFAIRS). */
  defaultPort: number;
}

export const departments: readonly RegisteredDepartment[] = [
  { definition: publicSecurity, defaultPort: 4001 },
  { definition: civilAffairs, defaultPort: 4002 },
  { definition: humanResources, defaultPort: 4003 },
  { definition: marketRegulation, defaultPort: 4004 },
  { definition: tax, defaultPort: 4005 },
  { definition: naturalResources, defaultPort: 4006 },
  { definition: health, defaultPort: 4007 },
  ...(await loadAddedDepartments()),
  { definition: platform, defaultPort: 4008 },
];

export function findDepartment(id: string): RegisteredDepartment {
  const found = departments.find((d) => d.definition.id === id);
  if (!found) {
    throw new Error(`Unknown department "${id}"; known: ${departments.map((d) => d.definition.id).join(', ')}.`);
  }
  return found;
}
