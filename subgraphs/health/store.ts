/**
 * The health authority's records: diagnoses, birth certificates and vaccinations per person, with the
 * statements that read them in batches (one statement per batch of resident IDs, see the kit's loaders).
 * Hospitals, diseases and vaccine doses are small reference tables the per-person rows point into; a person's
 * vaccinations are stored as one JSON array of [vaccine dose id, date] and expanded here with `json_each`, so a
 * million residents need a million vaccination rows, not five million (see seed.ts).
 */
import { manyByKey, oneByKey, type Store, type SubgraphContext } from '../kit/index.ts';

export interface DiagnosisRow {
  idNumber: string;
  code: string;
  name: string;
  diagnosedOn: string;
  hospital: string;
}

export interface BirthRecordRow {
  idNumber: string;
  certificateNo: string;
  hospital: string;
  weightGrams: number;
  bornOn: string;
}

export interface VaccinationRow {
  idNumber: string;
  vaccine: string;
  dose: number;
  administeredOn: string;
  site: string;
}

/** What another department sends to name a person: the key alone. */
export interface PersonReference {
  idNumber: string;
}

export function createLoaders(store: Store) {
  return {
    diagnosesByPerson: manyByKey(
      store.prepare<DiagnosisRow>(
        `SELECT d.person AS idNumber, d.code, disease.name, d.diagnosed_on AS diagnosedOn, hospital.name AS hospital
         FROM diagnosis d JOIN disease ON disease.code = d.code JOIN hospital ON hospital.id = d.hospital
         WHERE d.person IN (SELECT value FROM json_each(?)) ORDER BY d.person, d.diagnosed_on, d.rowid`,
      ),
      (row) => row.idNumber,
    ),
    birthRecordByPerson: oneByKey(
      store.prepare<BirthRecordRow>(
        `SELECT b.person AS idNumber, b.certificate_no AS certificateNo, hospital.name AS hospital,
           b.weight_grams AS weightGrams, b.born_on AS bornOn
         FROM birth_record b JOIN hospital ON hospital.id = b.hospital
         WHERE b.person IN (SELECT value FROM json_each(?))`,
      ),
      (row) => row.idNumber,
    ),
    vaccinationsByPerson: manyByKey(
      store.prepare<VaccinationRow>(
        `SELECT v.person AS idNumber, dose.vaccine, dose.dose, given.value ->> 1 AS administeredOn, dose.site
         FROM vaccination_record v, json_each(v.doses) AS given JOIN vaccine_dose dose ON dose.id = given.value ->> 0
         WHERE v.person IN (SELECT value FROM json_each(?)) ORDER BY v.person, administeredOn, dose.id`,
      ),
      (row) => row.idNumber,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
