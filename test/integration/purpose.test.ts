/**
 * A purpose that matches no agreement — a typo, most often — is said once for the whole response, in
 * `extensions.purpose` with the purposes the caller's agreements have, and each item it fails to grant names the
 * purpose that would. A purpose that matches, or none at all, adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

let federation: TestFederation;
const person = createPopulation(TEST_POPULATION).person(3);
const QUERY = `{ person(idNumber: "${person.idNumber}") { name household { regionCode } } }`;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

describe('X-Purpose that names no agreement', () => {
  it('is flagged once, with the purposes tax\'s agreements have, and the item says which purpose grants it', async () => {
    const { status, body } = await postGraphQL(federation.gateway.url, { query: QUERY }, await federation.as({ department: 'tax', purpose: 'propety-tax-assessment' }));
    expect(status).toBe(200);
    expect(body.extensions).toEqual({
      purpose: {
        code: 'UNKNOWN_PURPOSE',
        purpose: 'propety-tax-assessment',
        message: 'X-Purpose "propety-tax-assessment" is neither the purpose nor the id of an agreement of tax in force, so it grants nothing; tax\'s purposes are individual-income-tax-deduction (AGR-2025-0002), property-tax-assessment (AGR-2025-0003, AGR-2025-0004, AGR-2025-0005).',
        purposes: [
          { purpose: 'individual-income-tax-deduction', agreements: ['AGR-2025-0002'] },
          { purpose: 'property-tax-assessment', agreements: ['AGR-2025-0003', 'AGR-2025-0004', 'AGR-2025-0005'] },
        ],
      },
    });
    expect(body.errors.map((e: any) => e.extensions.remedy)).toEqual(['send the header X-Purpose: property-tax-assessment (agreement AGR-2025-0004) for it']);
  });

  it('adds nothing when the purpose is an agreement\'s purpose or id, or when none is sent', async () => {
    for (const purpose of ['property-tax-assessment', 'AGR-2025-0004', undefined]) {
      const { body } = await postGraphQL(federation.gateway.url, { query: QUERY }, await federation.as({ department: 'tax', ...(purpose && { purpose }) }));
      expect(body.extensions).toBeUndefined();
    }
  });
});
