/**
 * `npm run schema:history -- [department] [--json] [--data-dir data]`: the versions departments published
 * (oldest first), each with who, when, why and its changes against the supergraph served before it. The store is
 * PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB or <data-dir>/platform.sqlite.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPlatformStore } from '../platform/index.ts';
import { describeHistory } from '../schema/publish/index.ts';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
});
if (positionals.length > 1) {
  console.error('usage: npm run schema:history -- [department] [--json]');
  process.exit(2);
}
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');
const store = await openPlatformStore(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { file: process.env.GOVGRAPH_PLATFORM_DB || join(dataDir, 'platform.sqlite') },
);
try {
  const versions = await store.schemaVersions.list(positionals[0]);
  if (flags.json) {
    console.log(JSON.stringify(versions.map(({ supergraphSdl: _omitted, ...version }) => version), null, 2));
  } else {
    console.log(describeHistory(versions).join('\n'));
  }
} finally {
  await store.close();
}
