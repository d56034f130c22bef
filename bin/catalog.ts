/**
 * `npm run catalog -- --format csv|json [--supergraph file] [--department id] [--level L] [--search words] [--out file]`:
 * prints the published catalogue (every resource and item of the composed supergraph, with owner, level,
 * description, reason, sensitivity, update cycle and version), filtered like the platform's `catalogue` query.
 * The supergraph defaults to GOVGRAPH_SUPERGRAPH, else the committed schema/supergraph.graphql.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogueCsv, catalogueJson, openSupergraphCatalogue, selectCatalogue } from '../platform/catalogue/index.ts';
import { SUPERGRAPH_FILE } from '../schema/departmentsSupergraph.ts';
import { SHARE_LEVELS, type ShareLevel } from '../sharing/types.ts';

const USAGE = 'usage: npm run catalog -- --format csv|json [--supergraph file] [--department id] [--level UNCONDITIONAL|CONDITIONAL|NONE] [--search words] [--out file]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let flags;
try {
  ({ values: flags } = parseArgs({
    options: {
      format: { type: 'string', default: 'json' },
      supergraph: { type: 'string' },
      department: { type: 'string' },
      level: { type: 'string' },
      search: { type: 'string' },
      out: { type: 'string' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (flags.format !== 'csv' && flags.format !== 'json') fail(`--format must be csv or json; got "${flags.format}".`);
if (flags.level !== undefined && !SHARE_LEVELS.includes(flags.level as ShareLevel)) {
  fail(`--level must be one of ${SHARE_LEVELS.join(', ')}; got "${flags.level}".`);
}
const supergraph = resolve(flags.supergraph ?? process.env.GOVGRAPH_SUPERGRAPH ?? SUPERGRAPH_FILE);
let catalogue;
try {
  catalogue = openSupergraphCatalogue({ file: supergraph }).current();
} catch (error) {
  fail((error as Error).message);
}
if (flags.department !== undefined && !catalogue.departments.some((d) => d.id === flags.department)) {
  fail(`--department "${flags.department}" provides no item in ${supergraph} (departments: ${catalogue.departments.map((d) => d.id).join(', ')}).`);
}
const selection = selectCatalogue(catalogue, { department: flags.department, level: flags.level as ShareLevel | undefined, search: flags.search });
const output = flags.format === 'csv' ? catalogueCsv(selection) : catalogueJson(selection, catalogue.departments, { supergraph });
if (flags.out) {
  writeFileSync(flags.out, output);
  console.error(`Wrote ${selection.items.length} items of ${selection.resources.length} resources to ${flags.out}.`);
} else {
  process.stdout.write(output);
}
