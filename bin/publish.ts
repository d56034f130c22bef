/**
 * `npm run publish -- <department> [--schema file] [--url url] [--allow-breaking --reason "…"] [--actor who]
 *   [--rollback version] [--supergraph file] [--data-dir data] [--days 30] [--offline]`
 *
 * Checks a department's subgraph (levels and descriptions, composition, breaking changes and the operations
 * they would break, and that the department at its URL already serves it), records the version in the platform
 * store and writes the new supergraph, which running gateways pick up. Exit 0 when published or unchanged, 1 when
 * refused (nothing recorded or written), 2 on bad usage. The schema defaults to subgraphs/<department>/schema.graphql.
 * The platform store is PostgreSQL when DATABASE_URL is set (what replicas polling `--supergraph store` read), else
 * GOVGRAPH_PLATFORM_DB or <data-dir>/platform.sqlite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failWith, parseCommandLine, runCommand, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run publish -- <department> [--schema file] [--url url] [--allow-breaking --reason "…"] [--actor who] [--rollback version] [--offline]',
  summary: 'Checks and publishes a department\'s subgraph: levels, composition, breaking changes and the operations they break, and that the department serves it; records the version and writes the supergraph gateways serve.',
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
    offline: { type: 'boolean' },
  },
  help: {
    schema: 'the SDL to publish (default subgraphs/<department>/schema.graphql)',
    url: 'where gateways reach the department (default its latest version\'s, else http://127.0.0.1:<default port>/graphql)',
    'allow-breaking': 'publish breaking changes too (needs --reason)',
    reason: 'why, recorded with the version',
    actor: 'who publishes, recorded (default GOVGRAPH_ACTOR, else the login name)',
    rollback: 'republish this recorded version (through the same checks, as a new version)',
    supergraph: 'the supergraph file gateways watch (default GOVGRAPH_SUPERGRAPH, else schema/supergraph.graphql)',
    'data-dir': 'where platform.sqlite and the gateway\'s keys are (default GOVGRAPH_DATA_DIR, else ./data)',
    days: 'how far back the audit trail is read for the operations a change touches (default 30)',
    offline: 'skip the check that the department at --url serves this version (it is not deployed, or not reachable from here)',
  },
  positionals: [1, 1],
  notes: [
    'The live check asks the department for its schema with a grant signed by the gateway key in <data-dir>/keys.',
    'Exit 0 published or unchanged, 1 refused (nothing recorded or written), 2 bad usage.',
  ],
} as const;
const { values: flags, positionals } = parseCommandLine(spec);
const department = positionals[0]!;
const env = process.env;
const rollback = flags.rollback === undefined ? undefined : Number(flags.rollback);
if (rollback !== undefined && !(Number.isInteger(rollback) && rollback >= 1)) usageError(spec, `--rollback expects a version number (1, 2, …), got "${flags.rollback}".`);
if (rollback !== undefined && flags.schema) usageError(spec, '--rollback republishes a recorded schema: leave out --schema.');
const days = flags.days === undefined ? 30 : Number(flags.days);
if (!(days > 0)) usageError(spec, `--days expects a positive number of days, got "${flags.days}".`);
const schemaFile = flags.schema ? resolve(flags.schema) : fileURLToPath(new URL(`../subgraphs/${department}/schema.graphql`, import.meta.url));
if (rollback === undefined && !existsSync(schemaFile)) {
  usageError(spec, `No schema at ${schemaFile}: pass --schema <file>${flags.schema ? '' : `, or create the department with npm run department:new -- ${department}`}.`);
}
const dataDir = resolve(flags['data-dir'] ?? env.GOVGRAPH_DATA_DIR ?? 'data');

await runCommand(async () => {
  // Loaded after the arguments are checked: every department's code and the composer take seconds to load.
  const [{ openPlatformStore }, { SUPERGRAPH_FILE }, { createLiveCheck, describeOutcome, publishDepartment }, { departments }, { grantKeyFiles, loadOrCreateGrantKey }] =
    await Promise.all([
      import('../platform/index.ts'),
      import('../schema/departmentsSupergraph.ts'),
      import('../schema/publish/index.ts'),
      import('../subgraphs/departments.ts'),
      import('../sharing/grantKeys.ts'),
    ]);
  const supergraph = flags.supergraph ?? env.GOVGRAPH_SUPERGRAPH ?? SUPERGRAPH_FILE;
  if (/^https?:\/\//.test(supergraph)) usageError(spec, `--supergraph must be the file the gateways watch, not a URL (${supergraph}).`);
  let liveCheck;
  if (!flags.offline) {
    // Read, never created: a key made here would be one no department trusts.
    const keyFile = grantKeyFiles(dataDir).privateKey;
    if (!existsSync(keyFile)) {
      failWith(`No gateway grant key at ${keyFile}, so ${department} cannot be asked whether it serves this version: pass --data-dir (the gateway's), or --offline to publish without the check.`);
    }
    liveCheck = createLiveCheck({ grantKey: await loadOrCreateGrantKey(dataDir) });
  }
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
      { departments, store, supergraphFile: resolve(supergraph), lookbackDays: days, ...(liveCheck && { liveCheck }) },
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
});
