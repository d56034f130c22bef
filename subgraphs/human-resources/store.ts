/**
 * Human resources and social security's registers: pension insurance accounts and registered employment,
 * each read in batches, one statement per batch of resident IDs (see the kit's loaders). A resident without a
 * pension account row is one the department does not know.
 */
import { oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export type InsuranceStatus = 'CONTRIBUTING' | 'SUSPENDED' | 'RETIRED' | 'NOT_ENROLLED';

export interface SocialInsuranceRow {
  idNumber: string;
  pensionMonths: number;
  status: InsuranceStatus;
  insuredSince: string | null;
  city: string;
}

export interface EmploymentRow {
  idNumber: string;
  employer: string;
  position: string;
  since: string;
}

export function createLoaders(store: Store) {
  return {
    socialInsuranceByIdNumber: oneByKey(
      store.prepare<SocialInsuranceRow>(
        `SELECT id_number AS idNumber, pension_months AS pensionMonths, status, insured_since AS insuredSince, city
         FROM social_insurance WHERE id_number IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.idNumber,
    ),
    employmentByIdNumber: oneByKey(
      store.prepare<EmploymentRow>(
        `SELECT id_number AS idNumber, employer_credit_code AS employer, position, since
         FROM employment WHERE id_number IN (SELECT value FROM json_each(?))`,
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

/** An enterprise named by its key; market regulation resolves the rest. */
export interface EnterpriseReference {
  creditCode: string;
}
