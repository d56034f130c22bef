/**
 * `npm run token -- --dept <id> --app <id> [--role <role>]... [--ttl <duration>] [--data-dir data]`: prints a
 * token signed with the embedded default's development key (generated on first use).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateDevelopmentKey, mintToken } from '../gateway/identity/index.ts';
import { departments } from '../subgraphs/departments.ts';

const { values: flags } = parseArgs({
  options: {
    dept: { type: 'string' },
    app: { type: 'string' },
    role: { type: 'string', multiple: true },
    ttl: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const usage = 'Usage: npm run token -- --dept <department id> --app <application id> [--role <role>]... [--ttl 8h]';
if (!flags.dept || !flags.app) {
  console.error(usage);
  process.exit(2);
}
const known = departments.map((d) => d.definition.id);
if (!known.includes(flags.dept)) {
  console.error(`Unknown department "${flags.dept}"; known: ${known.join(', ')}.`);
  process.exit(2);
}
const key = await loadOrCreateDevelopmentKey(resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data'));
console.log(await mintToken(key, { application: flags.app, department: flags.dept, roles: flags.role, ttl: flags.ttl }));
