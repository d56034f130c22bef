/**
 * `npm run compose`: composes every department's subgraph into schema/supergraph.graphql (and the API schema
 * clients see into schema/api.graphql). On a composition error it prints the composer's messages, writes
 * nothing, and exits 1. This is the code path (what the committed supergraph is); `npm run publish` is the checked
 * path for a running deployment, and records a version.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseCommandLine } from './commandLine.ts';

parseCommandLine({
  usage: 'npm run compose',
  summary: 'Composes every department\'s subgraph (from its code) into schema/supergraph.graphql and schema/api.graphql.',
  options: {},
  help: {},
  notes: [
    'Writes both files atomically, or nothing when composition fails (exit 1, the composer\'s messages printed).',
    'A running gateway watching schema/supergraph.graphql switches to what is written: to change a deployment, use npm run publish, which checks and records it.',
  ],
});
const { API_SCHEMA_FILE, SUPERGRAPH_FILE, composeDepartments } = await import('../schema/departmentsSupergraph.ts');
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
