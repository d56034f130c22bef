/**
 * The tax subgraph answers the gateway's entity fetches for enterprises: ratings from the taxpayer register,
 * arrears oldest first, and a null rating with no arrears for an enterprise it does not know.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../sharing/identifiers/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { tax } from '../../subgraphs/tax/index.ts';
import { startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';

const ENTITIES = `query Enterprises($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Enterprise { creditCode taxCreditRating taxArrears { taxType amount periodEnd since } }
  }
}`;

interface Arrear {
  taxType: string;
  amount: number;
  periodEnd: string;
  since: string;
}

const population = createPopulation(TEST_POPULATION);
const creditCodes = [...population.enterprises()].map((e) => e.creditCode);
const NOT_REGISTERED = makeCreditCode({ authority: '9', entityType: '1', regionCode: '110101', organizationBody8: 'MA0000TX' });

let departments: TestDepartments;
let db: Database.Database;

beforeAll(async () => {
  departments = await startDepartments([tax]);
  // An independent connection to the seeded file, to compare the subgraph's answers with the register itself.
  db = new Database(departments.byId('tax').store.db.name, { readonly: true });
});

afterAll(async () => {
  db?.close();
  await departments?.stop();
});

async function fetchEnterprises(codes: readonly string[], running = departments) {
  return running.postAsProvider('tax', {
    query: ENTITIES,
    variables: { representations: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })) },
  });
}

function arrearsInRegister(creditCode: string): Arrear[] {
  return db
    .prepare(`SELECT tax_type AS taxType, amount, period_end AS periodEnd, since FROM tax_arrear WHERE credit_code = ? ORDER BY since, seq`)
    .all(creditCode) as Arrear[];
}

describe('tax subgraph', () => {
  it('rates every registered enterprise A, B, M, C or D, in about the published shares', async () => {
    const { status, body } = await fetchEnterprises(creditCodes);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const ratings: string[] = body.data._entities.map((e: { taxCreditRating: string }) => e.taxCreditRating);
    expect(ratings).toHaveLength(creditCodes.length);
    const share = (rating: string) => ratings.filter((r) => r === rating).length / ratings.length;
    expect(share('A') + share('B') + share('M') + share('C') + share('D')).toBe(1);
    expect(share('A')).toBeCloseTo(0.3, 1);
    expect(share('B')).toBeCloseTo(0.4, 1);
    expect(share('M')).toBeCloseTo(0.2, 1);
    expect(share('C')).toBeGreaterThan(0.02);
    expect(share('C')).toBeLessThan(0.12);
    expect(share('D')).toBeGreaterThan(0);
    expect(share('D')).toBeLessThan(0.07);
  });

  it('resolves an enterprise in arrears, one without, and an unregistered one to exactly the register', async () => {
    const inArrears = db.prepare(`SELECT credit_code AS code FROM tax_arrear ORDER BY credit_code LIMIT 1`).get() as { code: string };
    const clean = db
      .prepare(`SELECT credit_code AS code FROM taxpayer WHERE credit_code NOT IN (SELECT credit_code FROM tax_arrear) LIMIT 1`)
      .get() as { code: string };
    expect(db.prepare(`SELECT count(*) AS n FROM taxpayer WHERE credit_code = ?`).get(NOT_REGISTERED)).toEqual({ n: 0 });
    const ratingOf = (code: string) =>
      (db.prepare(`SELECT tax_credit_rating AS r FROM taxpayer WHERE credit_code = ?`).get(code) as { r: string }).r;

    const { body } = await fetchEnterprises([inArrears.code, clean.code, NOT_REGISTERED]);

    expect(body).toEqual({
      data: {
        _entities: [
          { creditCode: inArrears.code, taxCreditRating: ratingOf(inArrears.code), taxArrears: arrearsInRegister(inArrears.code) },
          { creditCode: clean.code, taxCreditRating: ratingOf(clean.code), taxArrears: [] },
          { creditCode: NOT_REGISTERED, taxCreditRating: null, taxArrears: [] },
        ],
      },
    });
    expect(arrearsInRegister(inArrears.code).length).toBeGreaterThanOrEqual(1);
    expect(arrearsInRegister(inArrears.code).length).toBeLessThanOrEqual(3);
  });

  it('keeps arrears to about 8% of enterprises, far more often rated C or D, each overdue after its period', async () => {
    const { body } = await fetchEnterprises(creditCodes);
    const enterprises: { creditCode: string; taxCreditRating: string; taxArrears: Arrear[] }[] = body.data._entities;
    const rate = (ratings: string[]) => {
      const group = enterprises.filter((e) => ratings.includes(e.taxCreditRating));
      return group.filter((e) => e.taxArrears.length > 0).length / group.length;
    };
    expect(rate(['A', 'B', 'M', 'C', 'D'])).toBeGreaterThan(0.04);
    expect(rate(['A', 'B', 'M', 'C', 'D'])).toBeLessThan(0.13);
    expect(rate(['C', 'D'])).toBeGreaterThan(3 * rate(['A', 'B']));
    for (const enterprise of enterprises) {
      const established = population.enterprise(creditCodes.indexOf(enterprise.creditCode)).establishedDate;
      for (const arrear of enterprise.taxArrears) {
        expect(arrear.periodEnd > established).toBe(true);
        expect(arrear.since > arrear.periodEnd).toBe(true);
        expect(arrear.amount).toBeGreaterThan(0);
      }
    }
  });

  it('gives the same ratings and arrears on every request and every regeneration of the register', async () => {
    const first = await fetchEnterprises(creditCodes.slice(0, 100));
    const again = await fetchEnterprises(creditCodes.slice(0, 100));
    const regenerated = await startDepartments([tax]);
    try {
      const fromRegenerated = await fetchEnterprises(creditCodes.slice(0, 100), regenerated);
      expect(again.body).toEqual(first.body);
      expect(fromRegenerated.body).toEqual(first.body);
    } finally {
      await regenerated.stop();
    }
  });

  it('loads 50 enterprises with their arrears in as many statements as 5', async () => {
    const { store } = departments.byId('tax');
    const statementsFor = async (codes: string[]) => {
      const before = store.statementsExecuted;
      const { body } = await fetchEnterprises(codes);
      expect(body.data._entities).toHaveLength(codes.length);
      return store.statementsExecuted - before;
    };
    const forFive = await statementsFor(creditCodes.slice(100, 105));
    const forFifty = await statementsFor(creditCodes.slice(200, 250));
    expect(forFifty).toBe(forFive);
    expect(forFive).toBe(2);
  });
});
