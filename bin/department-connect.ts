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
import { parseCommandLine, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run department:connect -- <id> (--database <postgres://…|mysql://…|sqlite:file> [--schema name] | --openapi <openapi.json> [--base-url http://…] | --refresh) [--title "Name"] [--port n]',
  summary: 'Makes a department of an existing database or REST interface: proposes its mapping, writes the schema it describes, registers it and composes.',
  options: { database: { type: 'string' }, openapi: { type: 'string' }, 'base-url': { type: 'string' }, schema: { type: 'string' }, title: { type: 'string' }, port: { type: 'string' }, refresh: { type: 'boolean' } },
  help: {
    database: 'the database to read the schema of (a password in it is never written: the mapping reads it from an environment variable)',
    schema: 'PostgreSQL: the schema holding the tables (default public)',
    openapi: 'an OpenAPI document (JSON) of the REST interface to map',
    'base-url': 'the REST interface\'s base URL (default the document\'s first server)',
    refresh: 'check an edited mapping, rewrite its schema and recompose',
    title: 'the department\'s name (default its id)',
    port: 'its default port (default the next free one)',
  },
  positionals: [1, 1],
  notes: ['Exit 0 on success; 1 when the source cannot be read, the mapping has problems (each named) or the federation does not compose; 2 on bad usage.'],
} as const;
const { values: flags, positionals } = parseCommandLine(spec);
if ([flags.refresh, flags.database, flags.openapi].filter(Boolean).length !== 1) usageError(spec, 'Name one of --database, --openapi or --refresh.');
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
