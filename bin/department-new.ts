/**
 * `npm run department:new -- <id> [--title "Culture and Tourism"] [--port 4009] [--root dir]`
 *
 * Scaffolds a working department from the kit (subgraphs/scaffold/), registers it, and checks that the federation
 * composes with it. It writes no supergraph: a running gateway keeps serving what it served, and never routes to a
 * department nothing serves yet. The department reaches the gateways when it is published (`npm run publish`,
 * which checks it, records version 1 and writes the supergraph).
 * Exit 0 on success; 1 when it cannot be created or does not compose (what was written is listed); 2 on bad usage.
 */
import { join } from 'node:path';
import { parseCommandLine, failWith } from './commandLine.ts';

const { values: flags, positionals } = parseCommandLine({
  usage: 'npm run department:new -- <id> [--title "Name"] [--port 4009] [--root dir]',
  summary: 'Scaffolds a new department from the kit (schema, resolvers, store, seed, test), registers it, and checks that it composes.',
  options: { title: { type: 'string' }, port: { type: 'string' }, root: { type: 'string' } },
  help: {
    title: 'its name in words (default: the id in title case)',
    port: 'its default port (default: the next free one above every department\'s)',
    root: 'the govgraph checkout to write into (default this one)',
  },
  positionals: [1, 1],
  notes: [
    '<id> is kebab-case, e.g. culture-tourism. Nothing is published: start the department, then npm run publish -- <id>.',
    'Remove a scaffolded department with npm run department:remove -- <id>.',
  ],
});
const port = flags.port === undefined ? undefined : Number(flags.port);
const [{ composeSubgraphs }, { checkSharingLevels }, { scaffoldDepartment }] = await Promise.all([
  import('../schema/composition.ts'),
  import('../schema/checks/index.ts'),
  import('../subgraphs/scaffold/scaffoldDepartment.ts'),
]);
let result;
try {
  result = await scaffoldDepartment({
    id: positionals[0]!,
    ...(flags.root !== undefined && { root: flags.root }),
    ...(flags.title !== undefined && { title: flags.title }),
    ...(port !== undefined && { port }),
  });
} catch (error) {
  failWith(error instanceof Error ? error.message : String(error));
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
  console.error(`The federation does not compose with ${result.id}; the files above stay for you to fix (or npm run department:remove -- ${result.id}):`);
  for (const error of composed.errors) console.error(`  - ${error}`);
  process.exit(1);
}
console.log(`Test it: npx vitest run test/departments/${result.id}.test.ts`);
console.log('It composes with the other departments; the supergraph gateways serve is unchanged until you publish it:');
console.log(`  1. start it: npm start (or node --import tsx bin/subgraph.ts --department ${result.id} --port ${result.defaultPort})`);
console.log(`  2. publish it: npm run publish -- ${result.id} (checks it, records version 1 and switches the gateways)`);
