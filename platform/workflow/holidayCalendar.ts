/**
 * Reads a holiday calendar file (by default `holidays-cn.json`: mainland China, 2025 and 2026 as published by the
 * State Council General Office) into a `WorkingCalendar`, refusing a file whose dates are malformed or filed under
 * the wrong year, because a wrong calendar moves every reply deadline silently.
 */
import { readFileSync } from 'node:fs';
import { calendarProblems, type WorkingCalendar } from './workingDays.ts';

export const DEFAULT_HOLIDAY_CALENDAR_FILE = new URL('./holidays-cn.json', import.meta.url);

export interface HolidayCalendar extends WorkingCalendar {
  /** The years the file covers; outside them every weekday counts as a working day. */
  years: number[];
}

interface CalendarFile {
  timeZone?: unknown;
  years?: Record<string, { holidays?: unknown; workdays?: unknown }>;
}

/** The calendar in `file` (a path or file URL); throws naming the file and every problem. */
export function loadHolidayCalendar(file: string | URL = DEFAULT_HOLIDAY_CALENDAR_FILE): HolidayCalendar {
  const name = String(file);
  let parsed: CalendarFile | null;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as CalendarFile | null;
  } catch (error) {
    throw new Error(`Holiday calendar ${name} could not be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const problems: string[] = [];
  const holidays: string[] = [];
  const workdays: string[] = [];
  const years = typeof parsed?.years === 'object' && parsed.years !== null ? parsed.years : {};
  if (Object.keys(years).length === 0) problems.push('`years` must map each year to { holidays, workdays }');
  for (const [year, lists] of Object.entries(years)) {
    for (const [listName, target] of [['holidays', holidays], ['workdays', workdays]] as const) {
      const list = lists?.[listName] ?? [];
      if (!Array.isArray(list)) continue; // calendarProblems names it below
      const stray = list.filter((date) => typeof date === 'string' && !date.startsWith(`${year}-`));
      if (stray.length > 0) problems.push(`years.${year}.${listName} lists dates of another year: ${stray.join(', ')}`);
      target.push(...(list as string[]));
    }
  }
  const calendar: HolidayCalendar = {
    holidays,
    workdays,
    timeZone: parsed?.timeZone as 'Asia/Shanghai',
    years: Object.keys(years).map(Number).sort(),
  };
  problems.push(...calendarProblems(calendar));
  if (problems.length > 0) throw new Error(`Holiday calendar ${name} is invalid: ${problems.join('; ')}.`);
  return calendar;
}
