/**
 * Natural resources' real-estate register: units of real estate and their owners (a join table, since spouses
 * co-own one certificate), with the statements that read them in batches (one statement per batch of keys,
 * see the kit's loaders).
 */
import { manyByKey, oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export type RealEstateUsage = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL' | 'OFFICE';

export interface RealEstateRow {
  certificateNo: string;
  address: string;
  area: number;
  usage: RealEstateUsage;
  registeredOn: string;
}

/** A unit of real estate read for one of its owners. */
export interface OwnedRealEstateRow extends RealEstateRow {
  ownerIdNumber: string;
}

/** One owner of one certificate. */
export interface OwnerRow {
  certificateNo: string;
  idNumber: string;
}

/** What another department sends to name a person: the key alone. */
export interface PersonReference {
  idNumber: string;
}

const REAL_ESTATE_COLUMNS = `r.certificate_no AS certificateNo, r.address, r.area, r.usage, r.registered_on AS registeredOn`;

export function createLoaders(store: Store) {
  return {
    realEstateByCertificateNo: oneByKey(
      store.prepare<RealEstateRow>(
        `SELECT ${REAL_ESTATE_COLUMNS} FROM real_estate r
         WHERE r.certificate_no IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.certificateNo,
    ),
    ownersByCertificateNo: manyByKey(
      store.prepare<OwnerRow>(
        `SELECT r.certificate_no AS certificateNo, o.owner AS idNumber
         FROM real_estate r JOIN real_estate_owner o ON o.real_estate = r.id
         WHERE r.certificate_no IN (SELECT value FROM json_each(?)) ORDER BY o.real_estate, o.seq`,
      ),
      (row) => row.certificateNo,
    ),
    realEstatesByOwner: manyByKey(
      store.prepare<OwnedRealEstateRow>(
        `SELECT o.owner AS ownerIdNumber, ${REAL_ESTATE_COLUMNS}
         FROM real_estate_owner o JOIN real_estate r ON r.id = o.real_estate
         WHERE o.owner IN (SELECT value FROM json_each(?)) ORDER BY r.registered_on, r.id`,
      ),
      (row) => row.ownerIdNumber,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
