/**
 * Registers an application's trusted documents from a persisted-documents manifest, recorded in the audit trail:
 *   npm run documents:register -- --app <application id> [--manifest schema/__generated__/persisted/persisted-documents.json]
 *     [--by <who registers>] [--data-dir data]
 * Writes to the platform store (DATABASE_URL for PostgreSQL, else GOVGRAPH_PLATFORM_DB, default
 * <data-dir>/platform.sqlite). An application whose policy sets `trustedDocuments: true` may then run only these
 * documents (by full text, however printed, or by hash). `npm run documents` lists and removes them.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { failWith, parseCommandLine, runCommand, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run documents:register -- --app <application id> [--manifest file] [--by who] [--data-dir data]',
  summary: 'Registers the trusted documents of an application from a persisted-documents manifest, recorded in the audit trail.',
  options: { app: { type: 'string' }, manifest: { type: 'string' }, by: { type: 'string' }, 'data-dir': { type: 'string' } },
  help: {
    app: 'the application id (the token\'s sub) the documents are for',
    manifest: 'the manifest (default schema/__generated__/persisted/persisted-documents.json, written by npm run codegen)',
    by: 'who registers, recorded (default the login name)',
    'data-dir': 'where platform.sqlite is (default GOVGRAPH_DATA_DIR, else ./data)',
  },
  notes: [
    'The store: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'List or remove registered documents with npm run documents -- list|remove. Exit 0 registered, 1 refused.',
  ],
} as const;
const { values: flags } = parseCommandLine(spec);
if (!flags.app) usageError(spec, 'Name the application: --app <application id>.');
const manifestFile = resolve(flags.manifest ?? 'schema/__generated__/persisted/persisted-documents.json');
const file = process.env.GOVGRAPH_PLATFORM_DB ?? join(resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data'), 'platform.sqlite');
let manifest: unknown;
try {
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
} catch (error) {
  failWith(`Cannot read the manifest ${manifestFile}: ${(error as Error).message}`);
}
await runCommand(async () => {
  const [{ registerDocuments }, { openPlatformStore }, { hardeningFromEnv }] = await Promise.all([
    import('../gateway/trusted/index.ts'),
    import('../platform/index.ts'),
    import('./hardeningConfig.ts'),
  ]);
  const databaseUrl = process.env.DATABASE_URL;
  // Opening the platform store applies its migrations (the trusted_documents table included) before it is used.
  const platform = await openPlatformStore(databaseUrl ? { databaseUrl } : { file });
  const stores = hardeningFromEnv(process.env, databaseUrl ? null : file);
  try {
    const result = await registerDocuments(stores.trustedDocuments!, platform.audit, {
      application: flags.app!,
      registeredBy: flags.by ?? userInfo().username,
      manifest,
    });
    console.log(`Registered ${result.documents} document(s) for ${flags.app} (${result.added} new) in ${platform.location}.`);
  } finally {
    await stores.close();
    await platform.close();
  }
});
