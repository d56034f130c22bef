/**
 * One synthetic population, shared by every department: the same options give the same people, enterprises
 * and couples on every run and in every process, and each record is computed on demand from its index in
 * constant time, without precomputed per-record tables. Departments seed from it independently and agree.
 */
import { coupleOf } from './couples.ts';
import { ENTERPRISE_CAPACITY, EnterpriseModel } from './enterprises.ts';
import { PeopleModel } from './people.ts';
import { foldSeed, hashText, SeededRandom, streamKey } from './random.ts';
import type { Couple, EnterpriseRecord, PersonRecord, Population, PopulationOptions, Random } from './types.ts';

export const DEFAULT_POPULATION: PopulationOptions = Object.freeze({ seed: 2025, people: 10_000, enterprises: 2_000 });

/**
 * Creates the population of `options`; a missing option takes its value from `DEFAULT_POPULATION`. Throws,
 * naming the option, when `seed` is not a safe integer, `people` is not an integer from 0 up to the number of
 * distinct resident IDs the region table allows (over 50 million), `enterprises` is not an integer from 0 to
 * 100 million, or there are enterprises but no people to represent them.
 */
export function createPopulation(options: Partial<PopulationOptions> = {}): Population {
  const resolved: PopulationOptions = Object.freeze({ ...DEFAULT_POPULATION, ...definedOnly(options) });
  const seed32 = foldSeed(resolved.seed);
  const people = new PeopleModel(seed32);
  validate(resolved, people.capacity);
  const enterprises = new EnterpriseModel(seed32, people, resolved.people);

  return {
    options: resolved,
    person(index: number): PersonRecord {
      checkIndex('person', index, resolved.people);
      return people.person(index);
    },
    enterprise(index: number): EnterpriseRecord {
      checkIndex('enterprise', index, resolved.enterprises);
      return enterprises.enterprise(index);
    },
    *people(): Iterable<PersonRecord> {
      for (let index = 0; index < resolved.people; index++) yield people.person(index);
    },
    *enterprises(): Iterable<EnterpriseRecord> {
      for (let index = 0; index < resolved.enterprises; index++) yield enterprises.enterprise(index);
    },
    coupleOf(personIndex: number): Couple | null {
      checkIndex('person', personIndex, resolved.people);
      return coupleOf(people, seed32, resolved.people, personIndex);
    },
    random(stream: string, index: number): Random {
      if (!Number.isInteger(index) || index < 0 || index >= 2 ** 32) {
        throw new RangeError(`random: index must be an integer in 0..2^32-1, got ${index}`);
      }
      // The `stream:` prefix keeps departments' streams apart from the population's own (`synthetic:`) ones.
      return new SeededRandom(streamKey(seed32, hashText('stream:' + stream), index));
    },
  };
}

function definedOnly(options: Partial<PopulationOptions>): Partial<PopulationOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function validate(options: PopulationOptions, peopleCapacity: number): void {
  if (!Number.isSafeInteger(options.seed)) {
    throw new RangeError(`createPopulation: option \`seed\` must be a safe integer, got ${options.seed}`);
  }
  if (!Number.isInteger(options.people) || options.people < 0 || options.people > peopleCapacity) {
    throw new RangeError(
      `createPopulation: option \`people\` must be an integer from 0 to ${peopleCapacity} (distinct resident IDs available), got ${options.people}`,
    );
  }
  if (!Number.isInteger(options.enterprises) || options.enterprises < 0 || options.enterprises > ENTERPRISE_CAPACITY) {
    throw new RangeError(
      `createPopulation: option \`enterprises\` must be an integer from 0 to ${ENTERPRISE_CAPACITY}, got ${options.enterprises}`,
    );
  }
  if (options.enterprises > 0 && options.people === 0) {
    throw new RangeError('createPopulation: option `enterprises` needs `people` > 0 (every enterprise has a legal representative)');
  }
}

function checkIndex(kind: 'person' | 'enterprise', index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    const range = count === 0 ? 'there are none' : `0..${count - 1}`;
    throw new RangeError(`${kind} index ${index} is outside the population (${range})`);
  }
}
