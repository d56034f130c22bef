/**
 * `npm run department:remove -- <id> [--root dir] [--force]`: removes a department `department:new` added — its
 * folder, its test, its registration (subgraphs/added-departments.json, codegen.yml). Refused for the built-in
 * departments, and, unless --force, for one the served supergraph still routes to. Its database (data/departments/)
 * and its published versions stay. Exit 0 removed, 1 refused, 2 bad usage.
 */
import { parseCommandLine, runCommand } from './commandLine.ts';

const { values: flags, positionals } = parseCommandLine({
  usage: 'npm run department:remove -- <id> [--root dir] [--supergraph file] [--force]',
  summary: 'Removes a department added with department:new: its folder, its test and its registration.',
  options: { root: { type: 'string' }, supergraph: { type: 'string' }, force: { type: 'boolean' } },
  help: {
    root: 'the govgraph checkout (default this one)',
    supergraph: 'the supergraph gateways serve (default <root>/schema/supergraph.graphql)',
    force: 'remove it although that supergraph still routes to it',
  },
  positionals: [1, 1],
  notes: ['Its database and published schema versions are kept. Exit 0 removed, 1 refused, 2 bad usage.'],
});

await runCommand(async () => {
  const { removeDepartment } = await import('../subgraphs/scaffold/removeDepartment.ts');
  const id = positionals[0]!;
  const result = removeDepartment({ id, ...(flags.root && { root: flags.root }), ...(flags.supergraph && { supergraphFile: flags.supergraph }), force: flags.force ?? false });
  console.log(`Removed department ${id}:`);
  for (const path of result.removed) console.log(`  ${path}`);
  console.log(`Unregistered from added-departments.json${result.codegenUpdated ? ' and codegen.yml' : ''}. Its database and published versions are kept.`);
  if (result.stillServed) {
    console.log(`The served supergraph still routes ${id}: drop it with npm run compose, or with the next npm run publish (its removal is listed as breaking).`);
  }
});
