import { describe, expect, it } from 'vitest';
import { validateCreditCode, validateResidentId } from '../../sharing/identifiers/index.ts';
import {
  anniversary,
  CENSUS_DATE,
  createPopulation,
  DEFAULT_POPULATION,
  dayNumber,
  isoDate,
  regionByCode,
  REGIONS,
  type Couple,
  type EnterpriseRecord,
  type PersonRecord,
} from '../../subgraphs/synthetic/index.ts';
import { ETHNIC_GROUPS } from '../../subgraphs/synthetic/ethnicities.ts';
import { IdentitySlots } from '../../subgraphs/synthetic/identitySlots.ts';
import { pairOf } from '../../subgraphs/synthetic/pairing.ts';

const PEOPLE = 200_000;
const ENTERPRISES = 50_000;
const population = createPopulation({ seed: 2025, people: PEOPLE, enterprises: ENTERPRISES });
const people: PersonRecord[] = [...population.people()];
const enterprises: EnterpriseRecord[] = [...population.enterprises()];
const isAdult = (birthDate: string) => anniversary(birthDate, 18) <= CENSUS_DATE;

describe('createPopulation', () => {
  it('defaults to seed 2025, 10,000 people and 2,000 enterprises', () => {
    expect(DEFAULT_POPULATION).toEqual({ seed: 2025, people: 10_000, enterprises: 2_000 });
    expect(createPopulation().options).toEqual(DEFAULT_POPULATION);
    expect(createPopulation({ people: 5 }).options).toEqual({ seed: 2025, people: 5, enterprises: 2_000 });
  });

  it('names the option it refuses', () => {
    expect(() => createPopulation({ seed: 1.5 })).toThrow('option `seed` must be a safe integer, got 1.5');
    expect(() => createPopulation({ people: -1 })).toThrow('option `people` must be an integer from 0 to');
    expect(() => createPopulation({ enterprises: 1e9 })).toThrow('option `enterprises` must be an integer from 0 to 100000000, got 1000000000');
    expect(() => createPopulation({ people: 0, enterprises: 1 })).toThrow('option `enterprises` needs `people` > 0');
  });

  it('refuses an index outside the population', () => {
    const small = createPopulation({ people: 10, enterprises: 0 });
    expect(() => small.person(10)).toThrow('person index 10 is outside the population (0..9)');
    expect(() => small.enterprise(0)).toThrow('enterprise index 0 is outside the population (there are none)');
    expect(() => small.coupleOf(-1)).toThrow('person index -1 is outside the population (0..9)');
  });
});

describe('determinism', () => {
  const sample = [0, 1, 2, 999, 12_345, 199_999];

  it('gives the same records for the same options', () => {
    const again = createPopulation({ seed: 2025, people: PEOPLE, enterprises: ENTERPRISES });
    expect(sample.map((i) => again.person(i))).toEqual(sample.map((i) => people[i]));
    expect(sample.map((i) => again.coupleOf(i))).toEqual(sample.map((i) => population.coupleOf(i)));
    expect(sample.slice(0, 5).map((j) => again.enterprise(j))).toEqual(sample.slice(0, 5).map((j) => enterprises[j]));
  });

  it('gives different people for another seed', () => {
    const other = createPopulation({ seed: 2026, people: PEOPLE, enterprises: 0 });
    const same = sample.filter((i) => other.person(i).idNumber === people[i]!.idNumber);
    expect(same).toEqual([]);
  });

  it('makes a person from the seed and the index alone, whatever the population size', () => {
    const small = createPopulation({ seed: 2025, people: 1_000, enterprises: 0 });
    expect([0, 500, 999].map((i) => small.person(i))).toEqual([0, 500, 999].map((i) => people[i]));
  });

  it('keeps random streams reproducible and apart from each other', () => {
    const draw = (stream: string, index: number) => {
      const random = population.random(stream, index);
      return [random.next(), random.int(1, 6), random.pick(['a', 'b', 'c']), random.chance(0.5)];
    };
    expect(draw('health', 7)).toEqual(draw('health', 7));
    expect(draw('health', 7)).not.toEqual(draw('health', 8));
    expect(draw('health', 7)).not.toEqual(draw('tax', 7));
    expect(() => population.random('health', -1)).toThrow('random: index must be an integer in 0..2^32-1, got -1');
  });
});

describe('people', () => {
  it(`have unique, valid resident IDs (${PEOPLE.toLocaleString('en')} people)`, () => {
    const ids = new Set(people.map((person) => person.idNumber));
    const invalid = people.filter((person) => !validateResidentId(person.idNumber).ok);
    expect({ unique: ids.size, invalid }).toEqual({ unique: PEOPLE, invalid: [] });
  });

  it('get distinct identity slots for the first 2,000,000 indexes', () => {
    const slots = new IdentitySlots(REGIONS.length, 12_345);
    const seen = new Set<number>();
    for (let index = 0; index < 2_000_000; index++) {
      const pair = pairOf(12_345, index);
      const { regionIndex, dayOfYear, serial } = slots.slotOf(pair.key, pair.first);
      seen.add((regionIndex * 366 + dayOfYear) * 498 + serial);
    }
    expect(seen.size).toBe(2_000_000);
  });

  it('agree with their resident ID on region, birth date and gender', () => {
    const disagreeing = people.filter((person) => {
      const { idNumber } = person;
      const male = Number(idNumber[16]) % 2 === 1;
      return (
        idNumber.slice(0, 6) !== person.regionCode ||
        idNumber.slice(6, 14) !== person.birthDate.replaceAll('-', '') ||
        male !== (person.gender === 'MALE')
      );
    });
    expect(disagreeing).toEqual([]);
  });

  it('are born between 1930 and 2024 and live at an address inside their region', () => {
    const misplaced = people.filter((person) => {
      const region = regionByCode(person.regionCode);
      return (
        person.birthDate < '1930-01-01' ||
        person.birthDate > '2024-12-31' ||
        region === undefined ||
        !person.address.startsWith(region.fullName) ||
        person.address.length <= region.fullName.length + 3
      );
    });
    expect(misplaced).toEqual([]);
  });

  it('look like China: about half men, 91% Han, about 80% adults, names of 2-4 characters', () => {
    const share = (test: (person: PersonRecord) => boolean) => Math.round((people.filter(test).length / PEOPLE) * 100);
    expect({
      men: share((person) => person.gender === 'MALE'),
      han: share((person) => person.ethnicity === '汉族'),
      adults: share((person) => isAdult(person.birthDate)),
      wang: share((person) => person.name.startsWith('王')),
      namesOf2To4Characters: share((person) => person.name.length >= 2 && person.name.length <= 4),
      knownEthnicity: share((person) => ETHNIC_GROUPS.includes(person.ethnicity)),
    }).toEqual({ men: 51, han: 91, adults: 80, wang: 7, namesOf2To4Characters: 100, knownEthnicity: 100 });
  });
});

describe('couples', () => {
  const checked = people.slice(0, 40_000);
  const couples = checked.map((person) => population.coupleOf(person.index));

  it('are the same value for husband and wife', () => {
    const asymmetric = couples.filter((couple, i): couple is Couple => {
      if (couple === null) return false;
      const partner = couple.husbandIndex === i ? couple.wifeIndex : couple.husbandIndex;
      return (couple.husbandIndex !== i && couple.wifeIndex !== i) || !equal(population.coupleOf(partner), couple);
    });
    expect(asymmetric).toEqual([]);
  });

  it('marry a man of 22 or more to a woman of 20 or more, before the census day; divorces come later', () => {
    const illegal = couples.filter((couple): couple is Couple => {
      if (couple === null) return false;
      const husband = population.person(couple.husbandIndex);
      const wife = population.person(couple.wifeIndex);
      return (
        husband.gender !== 'MALE' ||
        wife.gender !== 'FEMALE' ||
        couple.marriedOn < anniversary(husband.birthDate, 22) ||
        couple.marriedOn < anniversary(wife.birthDate, 20) ||
        couple.marriedOn >= CENSUS_DATE ||
        (couple.divorcedOn !== null && (couple.divorcedOn <= couple.marriedOn || couple.divorcedOn >= CENSUS_DATE))
      );
    });
    expect(illegal).toEqual([]);
  });

  it('share a region, and a home address until they divorce', () => {
    const apart = couples.filter((couple): couple is Couple => {
      if (couple === null) return false;
      const husband = population.person(couple.husbandIndex);
      const wife = population.person(couple.wifeIndex);
      return husband.regionCode !== wife.regionCode || (couple.divorcedOn === null) !== (husband.address === wife.address);
    });
    expect(apart).toEqual([]);
  });

  it('include about 55% of adults as married, and some divorced', () => {
    const adults = checked.filter((person) => isAdult(person.birthDate));
    const married = adults.filter((person) => population.coupleOf(person.index)?.divorcedOn === null);
    const divorced = adults.filter((person) => typeof population.coupleOf(person.index)?.divorcedOn === 'string');
    const marriedShare = married.length / adults.length;
    const divorcedShare = divorced.length / adults.length;
    expect({ marriedAbout55: marriedShare > 0.5 && marriedShare < 0.6, someDivorced: divorcedShare > 0.03 && divorcedShare < 0.15 }).toEqual({
      marriedAbout55: true,
      someDivorced: true,
    });
  });
});

describe('enterprises', () => {
  it(`have unique, valid credit codes (${ENTERPRISES.toLocaleString('en')} enterprises)`, () => {
    const codes = new Set(enterprises.map((enterprise) => enterprise.creditCode));
    const invalid = enterprises.filter((enterprise) => !validateCreditCode(enterprise.creditCode).ok);
    expect({ unique: codes.size, invalid }).toEqual({ unique: ENTERPRISES, invalid: [] });
  });

  it('agree with their credit code on region and entity type', () => {
    const disagreeing = enterprises.filter((enterprise) => {
      const { creditCode } = enterprise;
      const entityType = enterprise.type === 'INDIVIDUAL_BUSINESS' ? '92' : '91';
      return (
        creditCode.slice(0, 2) !== entityType ||
        creditCode.slice(2, 8) !== enterprise.regionCode ||
        !enterprise.address.startsWith(regionByCode(enterprise.regionCode)!.fullName)
      );
    });
    expect(disagreeing).toEqual([]);
  });

  it('are represented by a person who was an adult when the enterprise was established', () => {
    const minors = enterprises.filter((enterprise) => {
      const representative = population.person(enterprise.legalRepresentativeIndex);
      return anniversary(representative.birthDate, 18) > enterprise.establishedDate || enterprise.establishedDate >= CENSUS_DATE;
    });
    expect(minors).toEqual([]);
  });

  it('have plausible names, capital and scope', () => {
    const implausible = enterprises.filter(
      (enterprise) =>
        !/(有限公司|有限责任公司|商行|经营部|工作室|合伙企业（(有限|普通)合伙）|店|馆|部|庄)$/.test(enterprise.name) ||
        !Number.isInteger(enterprise.registeredCapital) ||
        enterprise.registeredCapital < 10_000 ||
        !enterprise.businessScope.startsWith('一般项目：'),
    );
    expect(implausible).toEqual([]);
    expect(enterprises[0]).toEqual(population.enterprise(0));
  });
});

describe('regions and calendar', () => {
  it('hold at least 150 distinct county codes from all 31 province-level divisions', () => {
    const codes = new Set(REGIONS.map((region) => region.code));
    const provinces = new Set(REGIONS.map((region) => region.code.slice(0, 2)));
    expect({ atLeast150: codes.size >= 150, distinct: codes.size === REGIONS.length, provinces: provinces.size }).toEqual({
      atLeast150: true,
      distinct: true,
      provinces: 31,
    });
    expect(regionByCode('440305')).toEqual({ code: '440305', province: '广东省', prefecture: '深圳市', county: '南山区', fullName: '广东省深圳市南山区' });
    expect([regionByCode('110101')!.fullName, regionByCode('320583')!.fullName]).toEqual(['北京市东城区', '江苏省昆山市']);
  });

  it('count days like the Gregorian calendar, 1900-2100', () => {
    const wrong: string[] = [];
    for (let day = dayNumber(1900, 1, 1); day <= dayNumber(2100, 12, 31); day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const [year, month, date] = expected.split('-').map(Number) as [number, number, number];
      if (isoDate(day) !== expected || dayNumber(year, month, date) !== day) wrong.push(expected);
    }
    expect(wrong).toEqual([]);
  });

  it('puts the birthday of someone born on 29 February on 1 March in common years', () => {
    expect([anniversary('2000-02-29', 22), anniversary('2000-02-29', 24), anniversary('1990-07-15', 18)]).toEqual([
      '2022-03-01',
      '2024-02-29',
      '2008-07-15',
    ]);
  });
});

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
