/**
 * What makes an agreement well-formed before it is stored: ids the rest of the system can match exactly
 * (kebab-case departments and purposes, `Type.field` items), and a validity period that is a real, non-empty
 * interval. Timestamps are normalised to `Date.toISOString()` form, so stored text order is time order.
 * Every problem is reported at once, not just the first.
 */
import type { Agreement } from '../../sharing/types.ts';
import { AgreementError } from './errors.ts';
import type { NewAgreement } from './types.ts';

const AGREEMENT_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ITEM = /^[A-Z][A-Za-z0-9_]*\.[a-z_][A-Za-z0-9_]*$/;
/** A calendar date, or a date and time with an explicit offset (a time without one would be read as local). */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The agreement as it will be stored (status defaulted, timestamps normalised); throws `AgreementError`. */
export function validateNewAgreement(input: NewAgreement): Agreement {
  const problems: string[] = [];
  const { id, consumer, provider, items, purpose, legalBasis } = input;

  // Agreement ids are upper case so an X-Purpose value is never ambiguous between an id and a purpose code.
  if (typeof id !== 'string' || !AGREEMENT_ID.test(id)) {
    problems.push(`id must be upper-case letters and digits joined by hyphens (e.g. AGR-2025-0001); got ${show(id)}`);
  }
  for (const [name, value] of [['consumer', consumer], ['provider', provider]] as const) {
    if (typeof value !== 'string' || !KEBAB_CASE.test(value)) {
      problems.push(`${name} must be a kebab-case department id (e.g. civil-affairs); got ${show(value)}`);
    }
  }
  if (typeof consumer === 'string' && consumer === provider) {
    problems.push(`consumer and provider must be different departments; both are "${consumer}"`);
  }
  problems.push(...itemProblems(items));
  if (typeof purpose !== 'string' || !KEBAB_CASE.test(purpose)) {
    problems.push(`purpose must be a kebab-case purpose code (e.g. marriage-registration); got ${show(purpose)}`);
  }
  if (typeof legalBasis !== 'string' || legalBasis.trim() === '') {
    problems.push('legalBasis must name the law or regulation the sharing rests on');
  }
  const validFrom = normaliseTimestamp(input.validFrom, 'validFrom', problems);
  const validUntil = normaliseTimestamp(input.validUntil, 'validUntil', problems);
  if (validFrom !== null && validUntil !== null && validUntil <= validFrom) {
    problems.push(`validUntil (${validUntil}) must be after validFrom (${validFrom})`);
  }
  const status = input.status ?? 'PENDING';
  if (status !== 'PENDING' && status !== 'APPROVED') {
    problems.push(`status must be PENDING or APPROVED when created; got ${show(status)} (record a decision with setStatus; EXPIRED follows from validUntil)`);
  }

  if (problems.length > 0) {
    throw new AgreementError('INVALID_AGREEMENT', `Agreement ${typeof id === 'string' && id ? id : '(no id)'} is invalid`, problems);
  }
  return { id, consumer, provider, items: [...items], purpose, legalBasis, validFrom: validFrom!, validUntil: validUntil!, status };
}

function itemProblems(items: unknown): string[] {
  if (!Array.isArray(items) || items.length === 0) return ['items must list at least one item, as Type.field'];
  const problems: string[] = [];
  const seen = new Set<unknown>();
  items.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || !ITEM.test(item)) {
      problems.push(`items[${index}] must name an item as Type.field (e.g. Person.maritalStatus); got ${show(item)}`);
    } else if (seen.has(item)) {
      problems.push(`items lists "${item}" more than once`);
    }
    seen.add(item);
  });
  return problems;
}

/** `Date.toISOString()` of a well-formed ISO date or timestamp, or null after recording the problem. */
export function normaliseTimestamp(value: unknown, name: string, problems: string[]): string | null {
  const match = typeof value === 'string' ? ISO_TIMESTAMP.exec(value) : null;
  const time = match ? Date.parse(value as string) : Number.NaN;
  if (!match || Number.isNaN(time) || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    problems.push(`${name} must be an ISO 8601 date, or date and time with an offset (e.g. 2025-08-01 or 2025-08-01T00:00:00+08:00); got ${show(value)}`);
    return null;
  }
  return new Date(time).toISOString();
}

/** Date.parse rolls 2025-02-30 over to 2 March; an agreement must not. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
