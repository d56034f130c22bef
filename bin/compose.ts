/**
 * `npm run compose`: composes every department's subgraph into schema/supergraph.graphql (and the API schema
 * clients see into schema/api.graphql). On a composition error it prints the composer's messages, writes
 * nothing, and exits 1.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { API_SCHEMA_FILE, SUPERGRAPH_FILE, composeDepartments } from '../schema/departmentsSupergraph.ts';

const outcome = composeDepartments();
if (!outcome.ok) {
  console.error(`Composition failed with ${outcome.errors.length} error(s); nothing was written:`);
  for (const error of outcome.errors) console.error(`  - ${error}`);
  process.exit(1);
}
// Replace each file whole: a running gateway watching the supergraph must never read half of it.
writeAtomically(API_SCHEMA_FILE, outcome.apiSchemaSdl);
writeAtomically(SUPERGRAPH_FILE, outcome.supergraphSdl);
console.log(`Wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}.`);

function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
