/**
 * `npm run department:connect -- <id> --database <postgres://…|mysql://…|sqlite:file> [--schema name] [--title "Name"] [--port 4010]`
 * `npm run department:connect -- <id> --openapi <openapi.json> [--base-url http://…] [--title "Name"] [--port 4010]`
 * `npm run department:connect -- <id> --refresh`
 *
 * Makes a department of an existing database (subgraphs/connected/): reads its schema, writes the proposed mapping
 * (subgraphs/<id>/mapping.json: review every level, reason, sensitivity and cycle) and the schema it describes,
 * registers it in subgraphs/added-departments.json, and composes the supergraph (as `npm run compose` does), so
 * the next `npm start` serves it. `--refresh` checks an edited mapping and recomposes. Exit 0 on success; 1 when
 * the database cannot be read, the mapping has problems (each named) or the federation does not compose; 2 on bad usage.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';


const usage =
  'usage: npm run department:connect -- <id> --database <postgres://…|mysql://…|sqlite:file> [--schema name] [--title "Name"] [--port n]\n' +
  '       npm run department:connect -- <id> --openapi <openapi.json> [--base-url http://…] [--title "Name"] [--port n]\n' +
  '       npm run department:connect -- <id> --refresh';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { database: { type: 'string' }, openapi: { type: 'string' }, 'base-url': { type: 'string' }, schema: { type: 'string' }, title: { type: 'string' }, port: { type: 'string' }, refresh: { type: 'boolean' } },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
const { values: flags, positionals } = parsed;
if (positionals.length !== 1 || [flags.refresh, flags.database, flags.openapi].filter(Boolean).length !== 1) {
  fail(`Name the department and one of --database, --openapi or --refresh.\n${usage}`, 2);
}
const id = positionals[0]!;
const port = flags.port === undefined ? undefined : Number(flags.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) fail(`--port expects a port number, got "${flags.port}".`, 2);

const { connectDepartment, connectRestDepartment, refreshConnectedDepartment } = await import('../subgraphs/connected/connectDepartment.ts');
try {
  if (flags.refresh) {
    const definition = refreshConnectedDepartment(id);
    console.log(`${definition.mappingFile} is valid; rewrote ${join(definition.mappingFile, '..', 'schema.graphql')}.`);
  } else {
    const common = { id, ...(flags.title !== undefined && { title: flags.title }), ...(port !== undefined && { port }) };
    const result = flags.openapi
      ? await connectRestDepartment({ ...common, openapi: flags.openapi, ...(flags['base-url'] !== undefined && { baseUrl: flags['base-url'] }) })
      : await connectDepartment({ ...common, database: flags.database!, ...(flags.schema !== undefined && { schema: flags.schema }) });
    console.log(`Connected ${id} (default port ${result.defaultPort}):`);
    console.log(`  ${result.mappingFile}   the proposed mapping: review every level, reason, sensitivity and cycle`);
    console.log(`  ${result.schemaFile}   the schema it describes (regenerate with --refresh after editing)`);
    console.log(`Registered in ${join(result.mappingFile, '..', '..', 'added-departments.json')}.`);
    if (result.variable) console.log(`The URL held a password, so the mapping reads it from $${result.variable}: set it wherever the department runs.`);
    console.log(`Every item is proposed CONDITIONAL with a reason to write; the federation refuses none of them, so decide them before publishing.`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), 1);
}

// Composed with the registry as it is now (read after the registration above).
const [{ composeDepartments, SUPERGRAPH_FILE, API_SCHEMA_FILE }, { writeSupergraph }] = await Promise.all([
  import('../schema/departmentsSupergraph.ts'),
  import('../schema/publish/index.ts'),
]);
const composed = composeDepartments();
if (!composed.ok) {
  console.error(`The federation does not compose with ${id}; edit subgraphs/${id}/mapping.json and run with --refresh:`);
  for (const error of composed.errors) console.error(`  - ${error}`);
  process.exit(1);
}
writeSupergraph({ supergraphFile: SUPERGRAPH_FILE, apiSchemaFile: API_SCHEMA_FILE }, composed);
console.log(`Composed into ${SUPERGRAPH_FILE}. Next: npm start serves it; npm run publish -- ${id} records it as a version.`);


function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}
