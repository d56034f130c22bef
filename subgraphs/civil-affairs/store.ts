/**
 * Civil affairs' registers: every resident's marital status, the marriage registry's records, and minimum
 * living allowances (低保). Each relation is read in batches, one statement per batch of resident IDs (see the
 * kit's loaders). A resident without a marital-status row is one civil affairs does not know.
 */
import { manyByKey, oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export type MaritalStatus = 'UNMARRIED' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';
export type MarriageRecordKind = 'MARRIAGE' | 'DIVORCE';
export type SubsistenceAllowanceStatus = 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';

export interface MaritalStatusRow {
  idNumber: string;
  maritalStatus: MaritalStatus;
}

/** One registration as seen from one party: `idNumber` is the party, `spouse` the other one. */
export interface MarriageRecordRow {
  idNumber: string;
  kind: MarriageRecordKind;
  registeredOn: string;
  registrationOffice: string;
  spouse: string;
}

export interface SubsistenceAllowanceRow {
  idNumber: string;
  status: SubsistenceAllowanceStatus;
  monthlyAmount: number;
  since: string;
}

export function createLoaders(store: Store) {
  return {
    maritalStatusByIdNumber: oneByKey(
      store.prepare<MaritalStatusRow>(
        `SELECT id_number AS idNumber, marital_status AS maritalStatus FROM marital_status
         WHERE id_number IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.idNumber,
    ),
    marriageRecordsByIdNumber: manyByKey(
      store.prepare<MarriageRecordRow>(
        `SELECT id_number AS idNumber, kind, registered_on AS registeredOn, registration_office AS registrationOffice,
           spouse_id_number AS spouse
         FROM marriage_record WHERE id_number IN (SELECT value FROM json_each(?)) ORDER BY registered_on, kind DESC`,
      ),
      (row) => row.idNumber,
    ),
    subsistenceAllowanceByIdNumber: oneByKey(
      store.prepare<SubsistenceAllowanceRow>(
        `SELECT id_number AS idNumber, status, monthly_amount AS monthlyAmount, since FROM subsistence_allowance
         WHERE id_number IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.idNumber,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;

/** What another department sends to name a person: the key alone. */
export interface PersonReference {
  idNumber: string;
}
