/**
 * Reply deadlines in working days, as Chinese administrative time limits are counted: the day an application
 * arrives does not count; a day is a working day when the calendar lists it as an adjusted working day (调休上班,
 * usually a weekend), otherwise when it is Monday to Friday and not a public holiday. The deadline is the end of
 * the last working day in Beijing time, returned as the instant the next day starts (an exclusive bound: a reply
 * is late from that instant on).
 *
 * The holiday calendar is configuration (the State Council publishes each year's in November), never a constant.
 */

/** Which days are not working days beyond weekends, and which weekend days are. */
export interface WorkingCalendar {
  /** Public holidays as ISO dates (`2026-02-16`), in the calendar's time zone. Days of a holiday block may include weekend days. */
  holidays: readonly string[];
  /** Adjusted working days (调休上班), usually Saturdays or Sundays, as ISO dates. Default none. */
  workdays?: readonly string[];
  /** Only China Standard Time: UTC+8 all year (no daylight saving since 1991), so days are computed with a fixed offset. */
  timeZone: 'Asia/Shanghai';
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A time limit longer than a year is a configuration mistake, not a deadline. */
const MAX_DAYS = 366;

/**
 * The instant `days` working days after `start` end (the start of the following day, Asia/Shanghai).
 * `days` = 0 gives the end of the day of `start`. Throws a RangeError for a bad count or calendar.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) {
    throw new RangeError(`addWorkingDays: \`start\` must be a valid Date; got ${String(start)}.`);
  }
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
    throw new RangeError(`addWorkingDays: \`days\` must be an integer from 0 to ${MAX_DAYS}; got ${String(days)}.`);
  }
  const problems = calendarProblems(calendar);
  if (problems.length > 0) throw new RangeError(`addWorkingDays: the calendar is invalid: ${problems.join('; ')}.`);
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workdays ?? []);
  let day = localDayNumber(start);
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (isWorkingDay(day, holidays, workdays)) counted += 1;
  }
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The ISO date (`2026-03-02`) of an instant in Beijing time. */
export function shanghaiDate(at: Date): string {
  return isoDate(localDayNumber(at));
}

/** The instant a Beijing-time day starts (`2026-03-02` → 2026-03-01T16:00:00.000Z). */
export function startOfShanghaiDay(at: Date): Date {
  return new Date(localDayNumber(at) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** Every problem of a calendar, one sentence each; empty when it is usable. */
export function calendarProblems(calendar: unknown): string[] {
  if (typeof calendar !== 'object' || calendar === null) return ['it must be { holidays, workdays?, timeZone: "Asia/Shanghai" }'];
  const { holidays, workdays, timeZone } = calendar as Record<string, unknown>;
  const problems: string[] = [];
  if (timeZone !== 'Asia/Shanghai') problems.push(`timeZone must be "Asia/Shanghai"; got ${JSON.stringify(timeZone)}`);
  problems.push(...dateListProblems('holidays', holidays, true));
  problems.push(...dateListProblems('workdays', workdays, false));
  if (Array.isArray(holidays) && Array.isArray(workdays)) {
    const both = workdays.filter((date) => holidays.includes(date));
    if (both.length > 0) problems.push(`${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} listed both as a holiday and as a working day`);
  }
  return problems;
}

function dateListProblems(name: string, list: unknown, required: boolean): string[] {
  if (list === undefined && !required) return [];
  if (!Array.isArray(list)) return [`${name} must be an array of ISO dates (2026-02-16)`];
  return list.filter((date) => !isIsoDate(date)).map((date) => `${name} lists ${JSON.stringify(date)}, which is not an ISO date (2026-02-16)`);
}

function isIsoDate(value: unknown): boolean {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days since 1970-01-01 of the Beijing-time date of `at`. */
function localDayNumber(at: Date): number {
  return Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDay(dayNumber: number, holidays: ReadonlySet<string>, workdays: ReadonlySet<string>): boolean {
  const date = isoDate(dayNumber);
  if (workdays.has(date)) return true;
  if (holidays.has(date)) return false;
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
