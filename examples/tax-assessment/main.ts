/**
 * Run it against `npm start`:
 *   TOKEN=$(npm run -s token -- --dept tax --app tax-assessment)
 *   node --import tsx examples/tax-assessment/main.ts --id <resident ID> --token "$TOKEN" [--purpose property-tax-assessment]
 */
import { parseArgs } from 'node:util';
import { assessProperty } from './assess.ts';
import { GovgraphError } from './client.ts';

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    token: { type: 'string', default: process.env.TOKEN },
    purpose: { type: 'string', default: 'property-tax-assessment' },
    url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
  },
});
if (!values.id || !values.token) {
  console.error('Usage: main.ts --id <resident ID> --token <token> [--purpose <purpose>] [--url <gateway>]');
  process.exit(2);
}
try {
  const assessment = await assessProperty({ url: values.url!, token: values.token, purpose: values.purpose }, values.id);
  if (!assessment) {
    console.log(`No resident ${values.id} is registered.`);
  } else {
    console.log(`${assessment.name} (${assessment.idNumber}), household region ${assessment.householdRegion ?? 'withheld'}`);
    for (const p of assessment.properties) console.log(`  ${p.certificateNo}  ${p.area ?? '?'} m²  ${p.address ?? ''}`);
    console.log(`  total ${assessment.totalArea.toFixed(2)} m²`);
    for (const w of assessment.withheld) console.log(`  withheld ${w.item} (${w.level}, ${w.provider}): ${w.remedy}`);
  }
} catch (error) {
  if (!(error instanceof GovgraphError)) throw error;
  console.error(`The gateway refused (HTTP ${error.status}): ${error.message}`);
  process.exit(1);
}
