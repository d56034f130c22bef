/**
 * Public security's household register: residents and the households (户) they are registered in, and the
 * statement that reads them in batches (one statement per batch of resident IDs, see the kit's loaders).
 */
import type { Gender } from '../synthetic/types.ts';
import { oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export type HouseholdRelation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'OTHER';

/** A registered resident; the household columns are null when the resident has no household registration. */
export interface PersonRow {
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  householdNumber: string | null;
  address: string | null;
  regionCode: string | null;
  relationToHead: HouseholdRelation | null;
  registeredOn: string | null;
}

/** A resident's registration in a household. */
export interface HouseholdRow {
  householdNumber: string;
  address: string;
  regionCode: string;
  relationToHead: HouseholdRelation;
  registeredOn: string;
}

export function createLoaders(store: Store) {
  return {
    personByIdNumber: oneByKey(
      store.prepare<PersonRow>(
        `SELECT id_number AS idNumber, name, gender, birth_date AS birthDate, ethnicity,
           household_number AS householdNumber, address, region_code AS regionCode,
           relation_to_head AS relationToHead, registered_on AS registeredOn
         FROM resident WHERE id_number IN (SELECT value FROM json_each(?))`,
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
