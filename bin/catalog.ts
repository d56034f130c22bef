/**
 * `npm run catalog -- --format csv|json [--supergraph file] [--department id] [--level L] [--search words] [--out file]`:
 * prints the published catalogue (every resource and item of the composed supergraph, with owner, level,
 * description, reason, sensitivity, update cycle and version), filtered like the platform's `catalogue` query.
 * The supergraph defaults to GOVGRAPH_SUPERGRAPH, else the committed schema/supergraph.graphql. CSV starts with a
 * UTF-8 byte-order mark, so spreadsheet programs on Chinese Windows (Excel, WPS) read the Chinese text as UTF-8.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARE_LEVELS, type ShareLevel } from '../sharing/types.ts';
import { parseCommandLine, usageError } from './commandLine.ts';

const spec = {
  usage: 'npm run catalog -- --format csv|json [--supergraph file] [--department id] [--level UNCONDITIONAL|CONDITIONAL|NONE] [--search words] [--out file]',
  summary: 'Prints the sharing catalogue: every item of the supergraph with owner, level, description, legal reason, sensitivity, cycle and version.',
  options: {
    format: { type: 'string', default: 'json' },
    supergraph: { type: 'string' },
    department: { type: 'string' },
    level: { type: 'string' },
    search: { type: 'string' },
    out: { type: 'string' },
  },
  help: {
    format: 'csv (one row per item, RFC 4180, with a UTF-8 byte-order mark) or json (default)',
    supergraph: 'the supergraph to read (default GOVGRAPH_SUPERGRAPH, else schema/supergraph.graphql)',
    department: 'only the items this department owns',
    level: 'only items of this level (any case)',
    search: 'only items whose name, description or reason contain these words',
    out: 'write to this file instead of stdout',
  },
  notes: ['Versions are the sha256 of each department\'s entries (this command reads no store). Exit 0, or 2 on bad usage.'],
} as const;
const { values: flags } = parseCommandLine(spec);
if (flags.format !== 'csv' && flags.format !== 'json') usageError(spec, `--format must be csv or json; got "${flags.format}".`);
const level = flags.level?.toUpperCase() as ShareLevel | undefined;
if (level !== undefined && !SHARE_LEVELS.includes(level)) usageError(spec, `--level must be one of ${SHARE_LEVELS.join(', ')}; got "${flags.level}".`);

const [{ catalogueCsv, catalogueJson, openSupergraphCatalogue, selectCatalogue }, { SUPERGRAPH_FILE }] = await Promise.all([
  import('../platform/catalogue/index.ts'),
  import('../schema/departmentsSupergraph.ts'),
]);
const supergraph = resolve(flags.supergraph ?? process.env.GOVGRAPH_SUPERGRAPH ?? SUPERGRAPH_FILE);
let catalogue;
try {
  catalogue = openSupergraphCatalogue({ file: supergraph }).current();
} catch (error) {
  usageError(spec, (error as Error).message);
}
if (flags.department !== undefined && !catalogue.departments.some((d) => d.id === flags.department)) {
  usageError(spec, `--department "${flags.department}" provides no item in ${supergraph} (departments: ${catalogue.departments.map((d) => d.id).join(', ')}).`);
}
const selection = selectCatalogue(catalogue, { department: flags.department, level, search: flags.search });
const output = flags.format === 'csv' ? `\uFEFF${catalogueCsv(selection)}` : catalogueJson(selection, catalogue.departments, { supergraph });
if (flags.out) {
  writeFileSync(flags.out, output);
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.error(`Wrote ${count(selection.items.length, 'item')} of ${count(selection.resources.length, 'resource')} to ${flags.out}.`);
} else {
  process.stdout.write(output);
}
