/**
 * A connected department's `schema.graphql` is generated from its mapping (so `npm run publish -- <id>` publishes
 * what is served) and never edited by hand: the registry refuses to load a department whose file is stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectedDepartmentDefinition } from './connectedDepartment.ts';

export function generatedSchema(definition: ConnectedDepartmentDefinition): string {
  return `# Generated from mapping.json by npm run department:connect; edit the mapping, then run\n# npm run department:connect -- ${definition.id} --refresh\n${definition.sdl}`;
}

/** True when `schema.graphql` next to the mapping is what the mapping describes now. */
export function schemaIsCurrent(definition: ConnectedDepartmentDefinition): boolean {
  const file = join(definition.mappingFile, '..', 'schema.graphql');
  return existsSync(file) && readFileSync(file, 'utf8') === generatedSchema(definition);
}
