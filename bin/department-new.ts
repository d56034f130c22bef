/**
 * `npm run department:new -- <id> [--title "Culture and Tourism"] [--port 4009] [--root dir]`
 *
 * Scaffolds a working department from the kit (subgraphs/scaffold/), registers it, checks that the federation
 * composes with it and writes the supergraph (as `npm run compose` does), so the next `npm start` serves it.
 * Exit 0 on success; 1 when it cannot be created or does not compose (what was written is listed).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { composeSubgraphs } from '../schema/composition.ts';
import { checkSharingLevels } from '../schema/checks/index.ts';
import { writeSupergraph } from '../schema/publish/index.ts';
import { scaffoldDepartment } from '../subgraphs/scaffold/scaffoldDepartment.ts';

const usage = 'usage: npm run department:new -- <id> [--title "Name"] [--port 4009] [--root dir]';
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { title: { type: 'string' }, port: { type: 'string' }, root: { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error(`Name the new department's id.\n${usage}`);
  process.exit(2);
}
const port = flags.port === undefined ? undefined : Number(flags.port);
let result;
try {
  result = await scaffoldDepartment({
    id: positionals[0]!,
    ...(flags.root !== undefined && { root: flags.root }),
    ...(flags.title !== undefined && { title: flags.title }),
    ...(port !== undefined && { port }),
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
console.log(`Created department ${result.id} ("${result.title}", default port ${result.defaultPort}):`);
for (const file of result.files) console.log(`  ${file}`);
console.log(`Registered in ${join(result.directory, '..', 'added-departments.json')}${result.codegenRegistered ? ' and codegen.yml' : ''}.`);

const subgraphs = result.departments.map(({ definition, defaultPort }) => ({
  name: definition.id,
  url: `http://127.0.0.1:${defaultPort}/graphql`,
  typeDefs: definition.typeDefs,
}));
const errors = checkSharingLevels(subgraphs);
const composed = errors.length === 0 ? composeSubgraphs(subgraphs) : { ok: false as const, errors };
if (!composed.ok) {
  console.error(`The federation does not compose with ${result.id}; the files above stay for you to fix:`);
  for (const error of composed.errors) console.error(`  - ${error}`);
  process.exit(1);
}
const root = resolve(flags.root ?? fileURLToPath(new URL('../', import.meta.url)));
const supergraphFile = join(root, 'schema', 'supergraph.graphql');
if (existsSync(join(root, 'schema'))) {
  writeSupergraph({ supergraphFile, apiSchemaFile: join(root, 'schema', 'api.graphql') }, composed);
  console.log(`Composed ${subgraphs.length} subgraphs into ${supergraphFile}.`);
} else {
  console.log(`Composes with the ${subgraphs.length - 1} other subgraphs (no ${join(root, 'schema')} to write the supergraph into).`);
}
console.log(`Next: npx vitest run test/departments/${result.id}.test.ts, then npm start (serves it on port ${result.defaultPort}),`);
console.log(`and npm run publish -- ${result.id} to record it as version 1 (README, How to publish a department).`);
