/**
 * The residents: person `index` is computed from (seed, index) alone, in constant time. Who is a possible
 * spouse of whom is fixed first (pairing.ts); a pair chosen to be a couple gets a man and a woman of
 * marriageable ages (couples.ts), everyone else an independent gender and birth year. The resident ID's region,
 * birthday and serial come from the pair's identity slot, which is what keeps IDs unique (identitySlots.ts);
 * partners share a region, and a married (not divorced) couple shares its home address.
 */
import { residentIdOf } from '../../sharing/identifiers/index.ts';
import { COUPLE_SHARE, pickSingleBirthYear } from './ages.ts';
import { homeAddress } from './addresses.ts';
import { FIRST_BIRTH_YEAR, isLeapYear, LEAP_DAY_INDEX, MONTH_DAYS, type MonthDay } from './calendar.ts';
import { drawCoupleProfile } from './couples.ts';
import { pickEthnicity } from './ethnicities.ts';
import { IdentitySlots, sequenceNumber } from './identitySlots.ts';
import { pickGivenName, pickSurname } from './names.ts';
import { BLOCK, pairOf, type Pair } from './pairing.ts';
import { hashText, SeededRandom, streamKey, unitFloat } from './random.ts';
import { REGIONS, type Region } from './regions.ts';
import type { Gender, PersonRecord } from './types.ts';

/** Share of men among people outside a couple (China's sex ratio is about 105 men to 100 women). */
const MALE_SHARE = 0.512;

const COUPLE_DECISION_STREAM = hashText('synthetic:couple-decision');
const COUPLE_STREAM = hashText('synthetic:couple');
const VITALS_STREAM = hashText('synthetic:vitals');
const PERSON_STREAM = hashText('synthetic:person');
const HOME_STREAM = hashText('synthetic:home');
const SHARED_HOME_STREAM = hashText('synthetic:shared-home');

/** What a person is before a name and an address: enough to decide ages, marriages and legal representatives. */
export interface Vitals {
  gender: Gender;
  birthYear: number;
  /** ISO date, the same as in the resident ID. */
  birthDate: string;
  birthMonthDay: MonthDay;
  region: Region;
  /** The 3-digit sequence number of the resident ID. */
  sequence: number;
  pair: Pair;
  /** Whether the pair is a couple (the partner may still lie beyond the population's end). */
  coupled: boolean;
  /** Whether the couple has divorced (false outside a couple). */
  divorced: boolean;
}

export class PeopleModel {
  private readonly seed32: number;
  private readonly slots: IdentitySlots;

  constructor(seed32: number) {
    this.seed32 = seed32;
    this.slots = new IdentitySlots(REGIONS.length, seed32);
  }

  /** How many people can exist with distinct resident IDs: whole blocks of pairs whose keys fit the slot space. */
  get capacity(): number {
    return Math.floor(this.slots.pairCapacity / (BLOCK / 2)) * BLOCK;
  }

  vitals(index: number): Vitals {
    const pair = pairOf(this.seed32, index);
    const coupled = unitFloat(streamKey(this.seed32, COUPLE_DECISION_STREAM, pair.key)) < COUPLE_SHARE;
    let male: boolean;
    let year: number;
    let divorced = false;
    if (coupled) {
      const profile = drawCoupleProfile(new SeededRandom(streamKey(this.seed32, COUPLE_STREAM, pair.key)));
      male = pair.first === profile.husbandIsFirst;
      year = male ? profile.husbandBirthYear : profile.wifeBirthYear;
      divorced = profile.divorced;
    } else {
      const random = new SeededRandom(streamKey(this.seed32, VITALS_STREAM, index));
      male = random.chance(MALE_SHARE);
      year = pickSingleBirthYear(random);
    }
    const slot = this.slots.slotOf(pair.key, pair.first);
    const monthDay = MONTH_DAYS[slot.dayOfYear]!;
    const birthYear = slot.dayOfYear === LEAP_DAY_INDEX ? leapYearNear(year) : year;
    return {
      gender: male ? 'MALE' : 'FEMALE',
      birthYear,
      birthDate: `${birthYear}-${monthDay.text}`,
      birthMonthDay: monthDay,
      region: REGIONS[slot.regionIndex]!,
      sequence: sequenceNumber(slot.serial, male),
      pair,
      coupled,
      divorced,
    };
  }

  person(index: number): PersonRecord {
    const vitals = this.vitals(index);
    const random = new SeededRandom(streamKey(this.seed32, PERSON_STREAM, index));
    // The surname is the stream's first draw, so `surnameOf` can repeat it alone.
    const name = pickSurname(random) + pickGivenName(random, vitals.gender, vitals.birthYear);
    return {
      index,
      idNumber: residentIdOf(
        vitals.region.code,
        { year: vitals.birthYear, month: vitals.birthMonthDay.month, day: vitals.birthMonthDay.day },
        vitals.sequence,
      ),
      name,
      gender: vitals.gender,
      birthDate: vitals.birthDate,
      ethnicity: pickEthnicity(random),
      regionCode: vitals.region.code,
      address: homeAddress(this.homeRandom(index, vitals), vitals.region),
    };
  }

  /** A married couple draws its home from the pair's stream, so both get the same; after a divorce the wife has moved out. */
  private homeRandom(index: number, vitals: Vitals): SeededRandom {
    const shared = vitals.coupled && (!vitals.divorced || vitals.gender === 'MALE');
    return new SeededRandom(
      shared ? streamKey(this.seed32, SHARED_HOME_STREAM, vitals.pair.key) : streamKey(this.seed32, HOME_STREAM, index),
    );
  }

  /** The surname in `person(index).name` (which may have two characters, 欧阳), without making the whole record. */
  surnameOf(index: number): string {
    return pickSurname(new SeededRandom(streamKey(this.seed32, PERSON_STREAM, index)));
  }
}

/**
 * A leap year for someone born on 29 February: the year itself or the leap year before it (so a person never
 * gets younger, and a spouse stays of marriageable age), or after it at the start of the range.
 */
function leapYearNear(year: number): number {
  let leap = year - (year % 4);
  if (!isLeapYear(leap)) leap -= 4;
  return leap < FIRST_BIRTH_YEAR ? leap + 4 : leap;
}
