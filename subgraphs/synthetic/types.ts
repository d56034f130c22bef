/**
 * The shape of the synthetic population every department seeds from. One population (seed, sizes) gives the
 * same people and enterprises to every department, so a resident ID generated for public-security is the same
 * resident in civil-affairs, human-resources, natural-resources and health. Records are derived from the index
 * alone (no shared state), so each department can generate its own rows independently and in parallel.
 */

export interface PopulationOptions {
  /** Seed of every random choice. Default 2025. */
  seed: number;
  /** Number of residents. Default 10,000. */
  people: number;
  /** Number of enterprises. Default 2,000. */
  enterprises: number;
}

export type Gender = 'MALE' | 'FEMALE';

export interface PersonRecord {
  index: number;
  /** 18-character resident ID (GB 11643) with its real check digit; unique in the population. */
  idNumber: string;
  name: string;
  gender: Gender;
  /** ISO date, YYYY-MM-DD; the same date as in `idNumber`. */
  birthDate: string;
  ethnicity: string;
  /** 6-digit county-level GB/T 2260 code of the household registration; the same as the first 6 of `idNumber`. */
  regionCode: string;
  /** Household registration address, in Chinese, inside `regionCode`. */
  address: string;
}

export type EnterpriseType =
  | 'LIMITED_LIABILITY_COMPANY'
  | 'JOINT_STOCK_COMPANY'
  | 'SOLE_PROPRIETORSHIP'
  | 'PARTNERSHIP'
  | 'INDIVIDUAL_BUSINESS';

export type EnterpriseStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED' | 'SUSPENDED';

export interface EnterpriseRecord {
  index: number;
  /** 18-character unified social credit code (GB 32100) with its real check character; unique. */
  creditCode: string;
  name: string;
  type: EnterpriseType;
  status: EnterpriseStatus;
  /** Registered capital in yuan (integer). */
  registeredCapital: number;
  /** ISO date. */
  establishedDate: string;
  businessScope: string;
  regionCode: string;
  address: string;
  /** Index of the person who is the legal representative (an adult). */
  legalRepresentativeIndex: number;
}

export interface Couple {
  husbandIndex: number;
  wifeIndex: number;
  /** ISO date of the marriage registration. */
  marriedOn: string;
  /** ISO date of the divorce registration, when divorced. */
  divorcedOn: string | null;
}

/** A deterministic random stream: floats in [0, 1). */
export interface Random {
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export interface Population {
  readonly options: PopulationOptions;
  person(index: number): PersonRecord;
  enterprise(index: number): EnterpriseRecord;
  people(): Iterable<PersonRecord>;
  enterprises(): Iterable<EnterpriseRecord>;
  /** The couple a person belongs to (symmetric: the same value for husband and wife), or null. */
  coupleOf(personIndex: number): Couple | null;
  /**
   * A random stream private to one department's attribute of one entity: the same (stream, index) gives the
   * same numbers on every run, and streams never influence each other or the shared records.
   */
  random(stream: string, index: number): Random;
}
