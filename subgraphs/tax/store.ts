/**
 * The tax authority's taxpayer register: the rows its resolvers read, and the statements that read them in
 * batches (one statement per batch of credit codes, see the kit's loaders).
 */
import { manyByKey, oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export type TaxCreditRating = 'A' | 'B' | 'M' | 'C' | 'D';

/** An enterprise as a taxpayer; `taxCreditRating` is null for an enterprise the tax authority has not rated. */
export interface EnterpriseRow {
  creditCode: string;
  taxCreditRating: TaxCreditRating | null;
}

export interface TaxArrearRow {
  creditCode: string;
  taxType: string;
  amount: number;
  periodEnd: string;
  since: string;
}

export function createLoaders(store: Store) {
  return {
    enterpriseByCreditCode: oneByKey(
      store.prepare<EnterpriseRow>(
        `SELECT credit_code AS creditCode, tax_credit_rating AS taxCreditRating FROM taxpayer
         WHERE credit_code IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.creditCode,
    ),
    taxArrearsByCreditCode: manyByKey(
      store.prepare<TaxArrearRow>(
        `SELECT credit_code AS creditCode, tax_type AS taxType, amount, period_end AS periodEnd, since FROM tax_arrear
         WHERE credit_code IN (SELECT value FROM json_each(?)) ORDER BY credit_code, since, seq`,
      ),
      (row) => row.creditCode,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
