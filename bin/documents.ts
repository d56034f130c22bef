/**
 * `npm run documents -- list [--app <id>] [--json]` and
 * `npm run documents -- remove --app <id> (--hash <hash>... | --all) [--by who]`: the trusted documents registered
 * in the platform store (`npm run documents:register` adds them), and their removal, recorded in the audit trail
 * before it takes effect. Gateways stop running a removed document within 10 s.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCommandLine, runCommand, usageError, CommandFailure } from './commandLine.ts';

const spec = {
  usage: 'npm run documents -- list [--app <id>] [--json] | remove --app <id> (--hash <hash>... | --all) [--by who] [--data-dir data]',
  summary: 'Lists the trusted documents registered per application, or removes some (or all) of an application\'s, recorded in the audit trail.',
  options: {
    app: { type: 'string' },
    hash: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    by: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  help: {
    app: 'the application (the token\'s sub); list: every application when left out',
    hash: 'remove: a document\'s hash (hex or sha256:hex, as list shows it); repeat for several',
    all: 'remove: every document of the application',
    by: 'remove: who removes, recorded (default the login name)',
    json: 'list: print the documents as JSON (with their text)',
    'data-dir': 'where platform.sqlite is (default GOVGRAPH_DATA_DIR, else ./data)',
  },
  positionals: [0, 1],
  notes: [
    'The store: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'Exit 0 done, 1 when nothing matched what was to be removed, 2 on bad usage.',
  ],
} as const;
const { values: flags, positionals } = parseCommandLine(spec);
const action = positionals[0];
if (action !== 'list' && action !== 'remove') usageError(spec, action === undefined ? 'Say what to do: list or remove.' : `Say what to do: list or remove (got "${action}").`);
if (action === 'remove') {
  if (!flags.app) usageError(spec, 'remove needs the application: --app <id>.');
  if (!flags.all === !(flags.hash?.length)) usageError(spec, 'remove needs either --hash <hash>... or --all.');
} else if (flags.hash || flags.all || flags.by) {
  usageError(spec, '--hash, --all and --by belong to remove.');
}
const file = process.env.GOVGRAPH_PLATFORM_DB ?? join(resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data'), 'platform.sqlite');

await runCommand(async () => {
  const [{ removeDocuments, operationNameOf }, { openPlatformStore }, { hardeningFromEnv }] = await Promise.all([
    import('../gateway/trusted/index.ts'),
    import('../platform/index.ts'),
    import('./hardeningConfig.ts'),
  ]);
  const databaseUrl = process.env.DATABASE_URL;
  const platform = await openPlatformStore(databaseUrl ? { databaseUrl } : { file });
  const stores = hardeningFromEnv(process.env, databaseUrl ? null : file);
  const documents = stores.trustedDocuments!;
  try {
    if (action === 'list') {
      const listed = await documents.documents(flags.app);
      if (flags.json) {
        console.log(JSON.stringify(listed, null, 2));
      } else if (listed.length === 0) {
        console.log(`No trusted documents are registered${flags.app ? ` for ${flags.app}` : ''} in ${platform.location}.`);
      } else {
        for (const d of listed) {
          console.log(`${d.application}  sha256:${d.hash}  ${operationNameOf(d.document) ?? '(anonymous)'}  registered ${d.registeredAt} by ${d.registeredBy}`);
        }
      }
      return;
    }
    const { removed, unknown } = await removeDocuments(documents, platform.audit, {
      application: flags.app!,
      removedBy: flags.by ?? userInfo().username,
      hashes: flags.all ? [] : flags.hash!,
    });
    if (removed.length > 0) console.log(`Removed ${removed.length} document(s) of ${flags.app} from ${platform.location}; gateways stop running them within 10 s.`);
    if (unknown.length > 0) console.error(`Not registered for ${flags.app}: ${unknown.join(', ')}.`);
    if (removed.length === 0) throw new CommandFailure(`Nothing removed: ${flags.all ? `no document is registered for ${flags.app}` : 'none of those hashes is registered for it'} (npm run documents -- list --app ${flags.app}).`);
  } finally {
    await stores.close();
    await platform.close();
  }
});
