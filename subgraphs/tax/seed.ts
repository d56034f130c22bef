/**
 * Fills the tax authority's register from the shared population: a tax credit rating for every enterprise
 * (A 30%, B 40%, M 20%, C 7%, D 3%), and tax arrears for about 8% of them, far more often for the poorly rated.
 * Dates are as of the assessment day, so a seed does not depend on when it runs.
 */
import type Database from 'better-sqlite3';
import type { EnterpriseRecord, Population, Random } from '../synthetic/types.ts';
import type { TaxCreditRating } from './store.ts';

/** The day the register describes: the latest arrear fell due before it. */
const ASSESSED_ON = '2025-06-30';
/** Arrears older than this are written off or enforced, not outstanding. */
const EARLIEST_PERIOD_END = '2021-03-31';

const RATINGS: readonly (readonly [TaxCreditRating, number])[] = [['A', 0.3], ['B', 0.4], ['M', 0.2], ['C', 0.07], ['D', 0.03]];
/** Chance of having arrears by rating; with the shares above, about 8% overall. */
const ARREARS_CHANCE: Record<TaxCreditRating, number> = { A: 0.02, B: 0.05, M: 0.08, C: 0.3, D: 0.6 };
/** Taxes, repeated by how often they fall into arrears. */
const TAX_TYPES = ['增值税', '增值税', '增值税', '企业所得税', '企业所得税', '个人所得税', '印花税', '城市维护建设税', '房产税', '城镇土地使用税'];

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE taxpayer (
      credit_code TEXT PRIMARY KEY,
      tax_credit_rating TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE tax_arrear (
      credit_code TEXT NOT NULL,
      seq INTEGER NOT NULL,
      tax_type TEXT NOT NULL,
      amount REAL NOT NULL,
      period_end TEXT NOT NULL,
      since TEXT NOT NULL,
      PRIMARY KEY (credit_code, seq)
    ) WITHOUT ROWID;
  `);
  const insertTaxpayer = db.prepare(`INSERT INTO taxpayer VALUES (?, ?)`);
  const insertArrear = db.prepare(`INSERT INTO tax_arrear VALUES (?, ?, ?, ?, ?, ?)`);
  const periodEnds = quarterEnds(EARLIEST_PERIOD_END, ASSESSED_ON);
  for (const enterprise of population.enterprises()) {
    const rating = pickRating(population.random('tax.rating', enterprise.index).next());
    insertTaxpayer.run(enterprise.creditCode, rating);
    const random = population.random('tax.arrears', enterprise.index);
    if (!random.chance(ARREARS_CHANCE[rating])) continue;
    arrears(enterprise, random, periodEnds).forEach((arrear, seq) => {
      insertArrear.run(enterprise.creditCode, seq, arrear.taxType, arrear.amount, arrear.periodEnd, arrear.since);
    });
  }
}

function pickRating(draw: number): TaxCreditRating {
  let cumulative = 0;
  for (const [rating, share] of RATINGS) {
    cumulative += share;
    if (draw < cumulative) return rating;
  }
  return 'D';
}

interface Arrear {
  taxType: string;
  amount: number;
  periodEnd: string;
  since: string;
}

/** One to three distinct (tax, period) arrears, for periods that ended after the enterprise was established. */
function arrears(enterprise: EnterpriseRecord, random: Random, periodEnds: readonly Quarter[]): Arrear[] {
  const open = periodEnds.filter((q) => q.end > enterprise.establishedDate);
  if (open.length === 0) return [];
  const count = random.int(1, 3);
  const seen = new Set<string>();
  const result: Arrear[] = [];
  for (let attempt = 0; attempt < 10 && result.length < count; attempt++) {
    const taxType = random.pick(TAX_TYPES);
    const quarter = random.pick(open);
    if (seen.has(taxType + quarter.end)) continue;
    seen.add(taxType + quarter.end);
    // Log-uniform from 500 to 2,000,000 yuan: many small arrears, a few large ones.
    const amount = Math.round(Math.exp(Math.log(500) + random.next() * Math.log(4000)) * 100) / 100;
    result.push({ taxType, amount, periodEnd: quarter.end, since: quarter.overdueFrom });
  }
  return result;
}

interface Quarter {
  /** Last day of the quarter. */
  end: string;
  /** The declaration deadline is the 15th of the following month: overdue from the 16th. */
  overdueFrom: string;
}

/** Quarters ending on or after `from` whose deadline passed before `until`. */
function quarterEnds(from: string, until: string): Quarter[] {
  const quarters: Quarter[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(until.slice(0, 4)); year++) {
    for (const month of [3, 6, 9, 12]) {
      const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      const overdueFrom = new Date(Date.UTC(year, month, 16)).toISOString().slice(0, 10);
      if (end >= from && overdueFrom < until) quarters.push({ end, overdueFrom });
    }
  }
  return quarters;
}
