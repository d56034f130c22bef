/**
 * Run it against `npm start`:
 *   TOKEN=$(npm run -s token -- --dept tax --app tax-assessment)
 *   node --import tsx examples/tax-assessment/main.ts --id <resident ID> --token "$TOKEN" [--purpose property-tax-assessment] [--url <gateway>]
 * The gateway is http://127.0.0.1:$GOVGRAPH_PORT/graphql (4000 when unset) unless --url says otherwise.
 */
import { parseArgs } from 'node:util';
import { assessProperty } from './assess.ts';
import { GovgraphError } from './client.ts';

const usage = 'Usage: main.ts --id <resident ID> --token <token> [--purpose <purpose>] [--url <gateway>]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      id: { type: 'string' },
      token: { type: 'string', default: process.env.TOKEN },
      purpose: { type: 'string', default: 'property-tax-assessment' },
      url: { type: 'string', default: `http://${process.env.GOVGRAPH_HOST ?? '127.0.0.1'}:${process.env.GOVGRAPH_PORT ?? '4000'}/graphql` },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(`${usage}\n  --url defaults to http://127.0.0.1:$GOVGRAPH_PORT/graphql (4000 when GOVGRAPH_PORT is unset); --token to $TOKEN.`);
  process.exit(0);
}
if (!values.id || !values.token) {
  console.error(usage);
  process.exit(2);
}
try {
  const assessment = await assessProperty({ url: values.url!, token: values.token, purpose: values.purpose }, values.id);
  if (!assessment) {
    console.log(`No resident ${values.id} is registered.`);
  } else {
    console.log(`${assessment.name} (${assessment.idNumber}), household region ${assessment.householdRegion ?? 'withheld'}`);
    for (const p of assessment.properties) console.log(`  ${p.certificateNo}  ${p.area ?? '?'} m²  ${p.address ?? ''}`);
    console.log(assessment.totalArea === null ? '  total unknown: the real estate is withheld' : `  total ${assessment.totalArea.toFixed(2)} m²`);
    for (const w of assessment.withheld) console.log(`  withheld ${w.item} (${w.level}, ${w.provider}): ${w.remedy}`);
  }
} catch (error) {
  if (!(error instanceof GovgraphError)) throw error;
  console.error(error.status === 0 ? error.message : `The gateway refused (HTTP ${error.status}): ${error.message}`);
  process.exit(1);
}
