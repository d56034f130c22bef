/**
 * `npm run token -- --dept <id> --app <id> [--role <role>]... [--ttl <duration>] [--data-dir data]`: prints a
 * token signed with the embedded default's development key (generated on first use). An unknown department or
 * role is refused (exit 2): a token with a role nothing grants would fail later, far from the typo.
 * `npm run token -- --resident <resident ID> [--ttl 1h]`: a synthetic resident's sign-in, signed with the
 * development resident key (the embedded default's resident issuer); a malformed resident ID is refused.
 */
import { resolve } from 'node:path';
import { parseCommandLine, runCommand, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run token -- --dept <department id> --app <application id> [--role <role>]... [--ttl 8h] [--data-dir data] | --resident <resident ID> [--ttl 1h]',
  summary: 'Prints a caller token (JWT) signed with the embedded default\'s development key (data/keys/, generated on first use).',
  options: {
    dept: { type: 'string' },
    app: { type: 'string' },
    role: { type: 'string', multiple: true },
    resident: { type: 'string' },
    ttl: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  help: {
    dept: 'the caller\'s department (claim dept), e.g. tax',
    app: 'the application id (claim sub), e.g. tax-demo',
    role: 'a role (claim roles): app (default), analyst or dept-admin; repeat for several',
    resident: 'instead of --dept and --app: a resident\'s sign-in, sub = this resident ID (development resident key)',
    ttl: 'lifetime: 90s, 15m, 8h (default; 1h for a resident) or 30d',
    'data-dir': 'where the development key lives (default GOVGRAPH_DATA_DIR, else ./data)',
  },
  notes: ['Decode a token with npm run whoami -- <token>.'],
} as const;
const { values: flags } = parseCommandLine(spec);
if (flags.resident !== undefined) {
  if (flags.dept || flags.app || flags.role) usageError(spec, 'A resident\'s token names no department, application or role: give --resident alone (with --ttl).');
  await runCommand(async () => {
    const { validateResidentId } = await import('../sharing/identifiers/index.ts');
    const { loadOrCreateDevelopmentResidentKey, mintResidentToken, parseTtl } = await import('../gateway/identify/index.ts');
    const check = validateResidentId(flags.resident);
    if (!check.ok) usageError(spec, `--resident is not a resident ID: ${check.reason}.`);
    if (flags.ttl !== undefined) {
      try {
        parseTtl(flags.ttl);
      } catch (error) {
        usageError(spec, (error as Error).message);
      }
    }
    const key = await loadOrCreateDevelopmentResidentKey(resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data'));
    console.log(await mintResidentToken(key, { resident: (check as { value: string }).value, ttl: flags.ttl }));
  });
  process.exit(0);
}
if (!flags.dept || !flags.app) usageError(spec, `Name the ${!flags.dept ? 'department (--dept)' : 'application (--app)'} the token is for.`);

await runCommand(async () => {
  const [{ departmentDirectory }, { WORKFLOW_ROLES }, { parseTtl }, { disputePartiesFrom }] = await Promise.all([
    import('../subgraphs/departmentDirectory.ts'),
    import('../platform/workflow/roles.ts'),
    import('../gateway/identify/tokens.ts'),
    import('../subgraphs/platform/configuration.ts'),
  ]);
  // The departments, and the competent department and common superior that carry disputes (GOVGRAPH_DISPUTE_*).
  const known = [...new Set([...departmentDirectory().map((d) => d.id), ...Object.values(disputePartiesFrom())])];
  if (!known.includes(flags.dept!)) usageError(spec, `Unknown department "${flags.dept}"; known: ${known.join(', ')}.`);
  const roles = [...new Set(Object.values(WORKFLOW_ROLES).flat())].sort();
  const unknownRoles = (flags.role ?? []).filter((role) => !roles.includes(role));
  if (unknownRoles.length > 0) {
    usageError(spec, `Unknown role${unknownRoles.length === 1 ? '' : 's'} ${unknownRoles.map((r) => `"${r}"`).join(', ')}; roles: ${roles.join(', ')}.`);
  }
  if (flags.ttl !== undefined) {
    try {
      parseTtl(flags.ttl);
    } catch (error) {
      usageError(spec, (error as Error).message);
    }
  }
  const { loadOrCreateDevelopmentKey, mintToken } = await import('../gateway/identify/index.ts');
  const key = await loadOrCreateDevelopmentKey(resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data'));
  console.log(await mintToken(key, { application: flags.app!, department: flags.dept!, roles: flags.role, ttl: flags.ttl }));
});
