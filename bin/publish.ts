/**
 * `npm run publish -- <department> [--schema file] [--url url] [--allow-breaking --reason "…"] [--actor who]
 *   [--rollback version] [--supergraph file] [--data-dir data] [--days 30]`
 *
 * Checks a department's subgraph (levels and descriptions, composition, breaking changes and the operations
 * they would break), records the version in the platform store and writes the new supergraph, which running
 * gateways pick up. Exit 0 when published or unchanged, 1 when refused (nothing recorded or written), 2 on bad
 * usage. The schema defaults to subgraphs/<department>/schema.graphql. The platform store is PostgreSQL when
 * DATABASE_URL is set (what replicas polling `--supergraph store` read), else GOVGRAPH_PLATFORM_DB or <data-dir>/platform.sqlite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const usage = 'usage: npm run publish -- <department> [--schema file] [--url url] [--allow-breaking --reason "…"] [--actor who] [--rollback version]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      url: { type: 'string' },
      'allow-breaking': { type: 'boolean' },
      reason: { type: 'string' },
      actor: { type: 'string' },
      rollback: { type: 'string' },
      supergraph: { type: 'string' },
      'data-dir': { type: 'string' },
      days: { type: 'string' },
    },
  });
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}
const { values: flags, positionals } = parsed;
if (positionals.length !== 1) fail(`Name one department.\n${usage}`);
const department = positionals[0]!;
const env = process.env;
const rollback = flags.rollback === undefined ? undefined : Number(flags.rollback);
if (rollback !== undefined && !(Number.isInteger(rollback) && rollback >= 1)) fail(`--rollback expects a version number (1, 2, …), got "${flags.rollback}".`);
if (rollback !== undefined && flags.schema) fail('--rollback republishes a recorded schema: leave out --schema.');
const days = flags.days === undefined ? 30 : Number(flags.days);
if (!(days > 0)) fail(`--days expects a positive number of days, got "${flags.days}".`);
const schemaFile = flags.schema ? resolve(flags.schema) : fileURLToPath(new URL(`../subgraphs/${department}/schema.graphql`, import.meta.url));
if (rollback === undefined && !existsSync(schemaFile)) {
  fail(`No schema at ${schemaFile}: pass --schema <file>${flags.schema ? '' : `, or create the department with npm run department:new -- ${department}`}.`);
}
// Loaded after the arguments are checked: every department's code and the composer take seconds to load.
const [{ openPlatformStore }, { SUPERGRAPH_FILE }, { describeOutcome, publishDepartment }, { departments }] = await Promise.all([
  import('../platform/index.ts'),
  import('../schema/departmentsSupergraph.ts'),
  import('../schema/publish/index.ts'),
  import('../subgraphs/departments.ts'),
]);
const dataDir = resolve(flags['data-dir'] ?? env.GOVGRAPH_DATA_DIR ?? 'data');
const supergraph = flags.supergraph ?? env.GOVGRAPH_SUPERGRAPH ?? SUPERGRAPH_FILE;
if (/^https?:\/\//.test(supergraph)) fail(`--supergraph must be the file the gateways watch, not a URL (${supergraph}).`);

const store = await openPlatformStore(
  env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { file: env.GOVGRAPH_PLATFORM_DB || join(dataDir, 'platform.sqlite') },
);
try {
  const outcome = await publishDepartment(
    {
      department,
      ...(rollback === undefined ? { sdl: readFileSync(schemaFile, 'utf8') } : { rollback }),
      ...(flags.url !== undefined && { url: flags.url }),
      allowBreaking: flags['allow-breaking'] ?? false,
      ...(flags.reason !== undefined && { reason: flags.reason }),
      actor: flags.actor ?? env.GOVGRAPH_ACTOR ?? userInfo().username,
    },
    { departments, store, supergraphFile: resolve(supergraph), lookbackDays: days },
  );
  const lines = describeOutcome(outcome, department);
  if (outcome.status === 'refused') {
    console.error(lines.join('\n'));
    process.exitCode = 1;
  } else {
    console.log(lines.join('\n'));
  }
} finally {
  await store.close();
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
