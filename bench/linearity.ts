/**
 * `npm run bench:linearity -- [--max 4096]`: the gateway's walks over an operation against the document's size, for
 * generated fragment graphs whose expansion grows exponentially: a chain of fragments each spreading the next twice
 * (`F0 { ...F1 ...F1 }`, …) and a wide layer of fragments each spreading every fragment of the next layer, each with
 * a denied and an allowed field. Times, in process, the admission's measure of the document (`measureDocument`, the
 * `maxFields` check), the sharing decision walk (`decideOperation`, bypassing admission as an attacker would like)
 * and the cost estimate, per document size; microseconds per kilobyte stay flat when the walk is linear. A benchmark,
 * not a test: results to bench/results/linearity-<time>.json, with the load average.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildASTSchema, getOperationAST, parse } from 'graphql';
import { estimateCost } from '../gateway/admit/estimateCost.ts';
import { measureDocument } from '../gateway/admit/measureDocument.ts';
import { decideOperation } from '../gateway/decide/operationDecisions.ts';
import { SUPERGRAPH_FILE } from '../schema/departmentsSupergraph.ts';
import { decide, readSharingCatalogue } from '../sharing/index.ts';

const { values: flags } = parseArgs({ options: { max: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (flags.help) {
  console.log('Usage: npm run bench:linearity -- [--max <fragments, default 4096>]');
  process.exit(0);
}
const max = Number(flags.max ?? 4096);
const schema = buildASTSchema(parse(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8')), { assumeValidSDL: true });
const catalogue = readSharingCatalogue(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')));
const request = { caller: { application: 'linearity', department: 'tax', roles: [], anonymous: false }, purpose: null, agreements: [] };

/** F0 spreads F1 twice, …; the last selects a denied and an allowed field of Person. */
function chain(n: number): string {
  const fragments = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? `fragment F${i} on Person { maritalStatus name }` : `fragment F${i} on Person { maritalStatus ...F${i + 1} ...F${i + 1} }`);
  return `query Q($id: ResidentId!) { person(idNumber: $id) { ...F0 } } ${fragments.join(' ')}`;
}

/** Layers of `width` fragments, each spreading every fragment of the next layer: width^depth expansions. */
function layers(total: number, width = 4): string {
  const depth = Math.max(1, Math.floor(total / width));
  const name = (layer: number, i: number) => `L${layer}_${i}`;
  const fragments: string[] = [];
  for (let layer = 0; layer < depth; layer++) {
    for (let i = 0; i < width; i++) {
      const next = layer === depth - 1 ? '' : Array.from({ length: width }, (_, j) => `...${name(layer + 1, j)}`).join(' ');
      fragments.push(`fragment ${name(layer, i)} on Person { household { address } name ${next} }`);
    }
  }
  return `query Q($id: ResidentId!) { person(idNumber: $id) { ${Array.from({ length: width }, (_, j) => `...${name(0, j)}`).join(' ')} } } ${fragments.join(' ')}`;
}

function timeUs(run: () => unknown, minimumMs = 200): number {
  run();
  let iterations = 0;
  const started = performance.now();
  while (performance.now() - started < minimumMs) {
    run();
    iterations++;
  }
  return ((performance.now() - started) * 1000) / iterations;
}

interface Row {
  shape: string;
  fragments: number;
  documentKb: number;
  expandedFields: number;
  measureUs: number;
  decideUs: number;
  costUs: number;
  decideVisited: number;
}

const rows: Row[] = [];
for (const [shape, build] of [['chain', chain], ['layers', layers]] as const) {
  for (let n = 16; n <= max; n *= 4) {
    const text = build(n);
    const document = parse(text);
    const operation = getOperationAST(document)!;
    const decideOnce = () =>
      decideOperation({
        schema, document, operation, variables: { id: '110101199003074514' }, keyFields: catalogue.keys,
        decideField: (type, field) => decide(`${type}.${field}`, catalogue.policy(type, field), request, { defaultLevel: 'NONE' }),
      });
    const measured = [...measureDocument(document).operations.values()][0]!;
    rows.push({
      shape,
      fragments: n,
      documentKb: Math.round((text.length / 1024) * 10) / 10,
      expandedFields: measured.fields,
      measureUs: Math.round(timeUs(() => measureDocument(document))),
      decideUs: Math.round(timeUs(decideOnce)),
      costUs: Math.round(timeUs(() => estimateCost(schema, document, operation, {}, 10))),
      decideVisited: decideOnce().visited,
    });
    const row = rows.at(-1)!;
    console.log(
      `${shape.padEnd(7)} ${String(n).padStart(5)} fragments ${String(row.documentKb).padStart(7)} KB  expands to ${row.expandedFields.toExponential(2).padStart(9)} fields  ` +
        `measure ${String(row.measureUs).padStart(7)} µs (${(row.measureUs / row.documentKb).toFixed(1)}/KB)  decide ${String(row.decideUs).padStart(7)} µs (${(row.decideUs / row.documentKb).toFixed(1)}/KB, ${row.decideVisited} visits)  cost ${String(row.costUs).padStart(7)} µs`,
    );
  }
}
const file = `bench/results/linearity-${new Date().toISOString().replace(/:/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), loadAverage: loadavg(), node: process.version, rows }, null, 2) + '\n');
console.log(`Load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}. Results: ${file}`);
