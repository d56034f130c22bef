/**
 * Registers an application's trusted documents from a persisted-documents manifest, recorded in the audit trail:
 *   npm run documents:register -- --app <application id> [--manifest schema/__generated__/persisted/persisted-documents.json]
 *     [--by <who registers>] [--data-dir data]
 * Writes to the platform store (DATABASE_URL for PostgreSQL, else GOVGRAPH_PLATFORM_DB, default
 * <data-dir>/platform.sqlite). An application whose
 * policy sets `trustedDocuments: true` may then run only these documents (by full text or by hash).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { registerDocuments } from '../gateway/trusted/index.ts';
import { openPlatformStore } from '../platform/index.ts';
import { hardeningFromEnv } from './hardeningConfig.ts';

const { values: flags } = parseArgs({
  options: { app: { type: 'string' }, manifest: { type: 'string' }, by: { type: 'string' }, 'data-dir': { type: 'string' } },
});
if (!flags.app) {
  console.error('Usage: npm run documents:register -- --app <application id> [--manifest file] [--by who] [--data-dir data]');
  process.exit(2);
}
const manifestFile = resolve(flags.manifest ?? 'schema/__generated__/persisted/persisted-documents.json');
const file = process.env.GOVGRAPH_PLATFORM_DB ?? join(resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data'), 'platform.sqlite');
let manifest: unknown;
try {
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
} catch (error) {
  console.error(`Cannot read the manifest ${manifestFile}: ${(error as Error).message}`);
  process.exit(1);
}
const databaseUrl = process.env.DATABASE_URL;
// Opening the platform store applies its migrations (the trusted_documents table included) before it is used.
const platform = await openPlatformStore(databaseUrl ? { databaseUrl } : { file });
const stores = hardeningFromEnv(process.env, databaseUrl ? null : file);
try {
  const result = await registerDocuments(stores.trustedDocuments!, platform.audit, {
    application: flags.app,
    registeredBy: flags.by ?? userInfo().username,
    manifest,
  });
  console.log(`Registered ${result.documents} document(s) for ${flags.app} (${result.added} new) in ${platform.location}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await stores.close();
  await platform.close();
}
