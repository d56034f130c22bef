/**
 * Market regulation's register of enterprises: the rows its resolvers read, and the statements that read
 * them in batches (one statement per batch of keys, see the kit's loaders).
 */
import type { EnterpriseStatus, EnterpriseType } from '../synthetic/types.ts';
import { manyByKey, oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export interface EnterpriseRow {
  rank: number;
  creditCode: string;
  name: string;
  type: EnterpriseType;
  status: EnterpriseStatus;
  registeredCapital: number;
  establishedDate: string;
  businessScope: string;
  regionCode: string;
  address: string;
  legalRepresentative: string;
}

const ENTERPRISE_COLUMNS = `rank, credit_code AS creditCode, name, type, status, registered_capital AS registeredCapital,
  established_date AS establishedDate, business_scope AS businessScope, region_code AS regionCode, address,
  legal_representative AS legalRepresentative`;

export function createLoaders(store: Store) {
  return {
    enterpriseByCreditCode: oneByKey(
      store.prepare<EnterpriseRow>(
        `SELECT ${ENTERPRISE_COLUMNS} FROM enterprise WHERE credit_code IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.creditCode,
    ),
    enterprisesByLegalRepresentative: manyByKey(
      store.prepare<EnterpriseRow>(
        `SELECT ${ENTERPRISE_COLUMNS} FROM enterprise
         WHERE legal_representative IN (SELECT value FROM json_each(?)) ORDER BY rank`,
      ),
      (row) => row.legalRepresentative,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;

/** What another department sends to name a person: the key alone. */
export interface PersonReference {
  idNumber: string;
}

/** One page of enterprises after `afterRank` (exclusive), reading one row more to learn whether more follow. */
export function enterprisePage(store: Store, first: number, afterRank: number): { rows: EnterpriseRow[]; hasNextPage: boolean } {
  const rows = store
    .prepare<EnterpriseRow>(`SELECT ${ENTERPRISE_COLUMNS} FROM enterprise WHERE rank > ? ORDER BY rank LIMIT ?`)
    .all(afterRank, first + 1);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}
