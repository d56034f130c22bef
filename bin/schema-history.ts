/**
 * `npm run schema:history -- [department] [--json] [--data-dir data]`: the versions departments published
 * (oldest first), each with who, when, why and its changes against the supergraph served before it. The store is
 * PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB or <data-dir>/platform.sqlite. A department that
 * is neither registered nor in the history is refused (exit 2), so a typo is never read as "no versions".
 */
import { join, resolve } from 'node:path';
import { parseCommandLine, runCommand, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run schema:history -- [department] [--json] [--data-dir data]',
  summary: 'Lists the schema versions departments published, oldest first, with who, when, why and what each changed.',
  options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
  help: {
    json: 'print the versions as JSON (without the supergraphs they produced)',
    'data-dir': 'where platform.sqlite is (default GOVGRAPH_DATA_DIR, else ./data)',
  },
  positionals: [0, 1],
  notes: [
    'The store: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'Changes are marked ! breaking, ~ deprecation, + safe. Exit 0, or 2 for an unknown department.',
  ],
} as const;
const { values: flags, positionals } = parseCommandLine(spec);
const department = positionals[0];
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');

await runCommand(async () => {
  const [{ openPlatformStore }, { describeHistory }, { departmentDirectory }] = await Promise.all([
    import('../platform/index.ts'),
    import('../schema/publish/report.ts'),
    import('../subgraphs/departmentDirectory.ts'),
  ]);
  const store = await openPlatformStore(
    process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { file: process.env.GOVGRAPH_PLATFORM_DB || join(dataDir, 'platform.sqlite') },
  );
  try {
    const versions = await store.schemaVersions.list(department);
    if (department !== undefined && versions.length === 0) {
      const known = departmentDirectory().map((d) => d.id);
      if (!known.includes(department)) usageError(spec, `Unknown department "${department}"; known: ${known.join(', ')}.`);
    }
    if (flags.json) {
      console.log(JSON.stringify(versions.map(({ supergraphSdl: _omitted, ...version }) => version), null, 2));
    } else if (versions.length === 0) {
      console.log(department ? `${department} has published no version yet (npm run publish -- ${department} records its first).` : `No published versions in ${store.location}.`);
    } else {
      console.log(describeHistory(versions).join('\n'));
    }
  } finally {
    await store.close();
  }
});
