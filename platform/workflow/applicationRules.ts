/**
 * What makes an application, an approval and a rejection acceptable, checked against the sharing catalogue.
 * Pure functions returning every problem at once (one sentence each, saying what to do), so the caller can
 * refuse with all of them, record the refusal, or go on.
 */
import type { SharingCatalogue } from '../../sharing/catalogue.ts';
import { normaliseTimestamp } from '../agreements/validation.ts';
import type { WorkflowActor } from './roles.ts';
import type { Application } from './types.ts';
import { shanghaiDate, startOfShanghaiDay } from './workingDays.ts';

export interface ApplyInput {
  /** The applying department: the actor's. */
  consumer: string;
  provider: string;
  /** `Type.field`, CONDITIONAL items of `provider` (or sensitive UNCONDITIONAL ones, to receive them unmasked). */
  items: string[];
  /** Kebab-case purpose code; requests name it (or the agreement id) in `X-Purpose`. */
  purpose: string;
  legalBasis: string;
  /** The business scenario the items serve, in words. */
  scenario: string;
  /** ISO date or timestamp with offset; not before today (Asia/Shanghai). */
  validFrom: string;
  /** After `validFrom` and in the future. */
  validUntil: string;
  actor: WorkflowActor;
}

export interface DecideInput {
  id: string;
  decision: 'approve' | 'reject';
  /** Approve only some of the items applied for. Default all of them. */
  items?: string[];
  /** End the approval earlier than applied for. Default the end applied for. */
  validUntil?: string;
  /** Required to reject. */
  reason?: string;
  actor: WorkflowActor;
}

export interface RevokeInput {
  id: string;
  reason: string;
  actor: WorkflowActor;
}

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** A template's placeholder left in (`<the law and article this use rests on>`): words in angle brackets. */
const PLACEHOLDER = /<[^<>\n]*[A-Za-z\u4e00-\u9fff][^<>\n]*>/;

export interface CheckedApplication {
  problems: string[];
  /** Normalised (`Date.toISOString()`), when valid. */
  validFrom: string | null;
  validUntil: string | null;
}

export function applicationProblems(input: ApplyInput, catalogue: SharingCatalogue, now: Date): CheckedApplication {
  const { consumer, provider } = input;
  const problems: string[] = [];
  const departments = new Set([...catalogue.items.values()].flatMap((policy) => (policy.provider ? [policy.provider] : [])));
  if (provider === consumer) {
    problems.push(`consumer and provider are both ${consumer}: a department uses its own items without an application`);
  } else if (typeof provider !== 'string' || !departments.has(provider)) {
    problems.push(`provider ${JSON.stringify(provider)} provides no item in the catalogue (departments: ${[...departments].sort().join(', ')})`);
  }
  problems.push(...itemProblems(input, catalogue));
  if (isBlank(input.purpose)) {
    problems.push('purpose is missing: name what the items will be used for, as a kebab-case purpose code (e.g. marriage-registration)');
  } else if (!KEBAB_CASE.test(input.purpose)) {
    problems.push(`purpose must be a kebab-case purpose code (e.g. marriage-registration); got ${JSON.stringify(input.purpose)}`);
  }
  if (isBlank(input.legalBasis)) problems.push('legalBasis is missing: name the law or regulation the sharing rests on');
  else problems.push(...placeholderProblems('legalBasis', input.legalBasis, 'the law or regulation the sharing rests on'));
  if (isBlank(input.scenario)) problems.push('scenario is missing: describe the business scenario the items serve');
  else problems.push(...placeholderProblems('scenario', input.scenario, 'the business scenario the items serve'));
  return { problems, ...periodProblems(input.validFrom, input.validUntil, now, problems) };
}

function itemProblems({ consumer, provider, items }: ApplyInput, catalogue: SharingCatalogue): string[] {
  if (!Array.isArray(items) || items.length === 0) return ['items is empty: list at least one item, as Type.field (e.g. Person.maritalStatus)'];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') {
      problems.push(`items must name items as Type.field; got ${String(item)}`);
      continue;
    }
    if (seen.has(item)) {
      problems.push(`${item} is listed more than once`);
      continue;
    }
    seen.add(item);
    const policy = catalogue.items.get(item);
    const reason = (policy?.reason ?? 'the catalogue gives no reason').replace(/\.$/, '');
    if (!policy) problems.push(`${item} is not in the catalogue (unknown item)`);
    else if (policy.provider === consumer && provider !== consumer) problems.push(`${item} is ${consumer}'s own item: a department uses its own items without an application`);
    // Pointing at its provider would send the applicant to a refusal: a NONE item is shared by nobody.
    else if (policy.level === 'NONE' && policy.provider !== provider) problems.push(`${item} is not shared (level NONE) by its provider ${policy.provider ?? '(unknown)'}, so no department can apply for it: ${reason}`);
    else if (policy.provider !== provider && provider !== consumer) problems.push(`${item} is provided by ${policy.provider ?? 'no department'}, not ${provider}: apply to ${policy.provider ?? 'its provider'} for it`);
    else if (policy.level === 'NONE') problems.push(`${item} is not shared (level NONE): ${reason}`);
    else if (policy.level === 'UNCONDITIONAL' && !policy.sensitive) problems.push(`${item} is UNCONDITIONAL: every department may use it at once, without an application`);
  }
  return problems;
}

/** A field still holding a template's placeholder, e.g. the catalogue's Apply link fills `<the law and article this use rests on>`. */
function placeholderProblems(field: string, value: string, wanted: string): string[] {
  const placeholder = PLACEHOLDER.exec(value)?.[0];
  return placeholder ? [`${field} still holds the template's placeholder "${placeholder}": replace it with ${wanted}`] : [];
}

/**
 * An application the consumer already has pending with the same provider, for the same purpose, covering any of
 * these items: a second one would only be a second thing for the provider to answer.
 */
export function duplicateProblems(input: Pick<ApplyInput, 'consumer' | 'provider' | 'items' | 'purpose'>, pending: readonly Application[]): string[] {
  const problems: string[] = [];
  for (const application of pending) {
    const { agreement } = application;
    if (agreement.status !== 'PENDING' || agreement.consumer !== input.consumer || agreement.provider !== input.provider || agreement.purpose !== input.purpose) continue;
    const overlap = agreement.items.filter((item) => input.items.includes(item));
    if (overlap.length === 0) continue;
    const rest = input.items.length > overlap.length ? ', or apply only for the other items' : '';
    problems.push(
      `${agreement.id}, applied for on ${application.request?.appliedAt ?? 'an earlier day'} for ${agreement.purpose}, is still pending with ${overlap.join(', ')}` +
        `${application.deadline ? ` (reply due ${application.deadline})` : ''}: wait for ${agreement.provider}'s decision${rest}`,
    );
  }
  return problems;
}

/** Checks the period, pushing its problems; returns it normalised. */
function periodProblems(from: unknown, until: unknown, now: Date, problems: string[]): Omit<CheckedApplication, 'problems'> {
  const validFrom = normaliseTimestamp(from, 'validFrom', problems);
  const validUntil = normaliseTimestamp(until, 'validUntil', problems);
  if (validFrom !== null && validFrom < startOfShanghaiDay(now).toISOString()) {
    problems.push(`the period starts in the past: validFrom (${validFrom}) is before today (${shanghaiDate(now)}, Asia/Shanghai)`);
  }
  if (validUntil !== null && validUntil <= now.toISOString()) {
    problems.push(`the period ends in the past: validUntil (${validUntil}) has already passed`);
  }
  if (validFrom !== null && validUntil !== null && validUntil <= validFrom) {
    problems.push(`validUntil (${validUntil}) must be after validFrom (${validFrom})`);
  }
  return { validFrom, validUntil };
}

export interface CheckedDecision {
  problems: string[];
  /** The approved terms, when approving without problems. */
  terms: { items: string[]; validUntil: string } | null;
}

/** Problems of a decision on a PENDING application (the caller checked the state and the actor). */
export function decisionProblems(application: Application, input: DecideInput, now: Date): CheckedDecision {
  const { decision, items, validUntil, reason } = input;
  if (decision === 'reject') {
    const problems: string[] = [];
    if (isBlank(reason)) problems.push('a rejection needs a reason (the Regulations require the reasons for a refusal)');
    if (items !== undefined || validUntil !== undefined) problems.push('items and validUntil narrow an approval; a rejection takes neither');
    return { problems, terms: null };
  }
  if (decision !== 'approve') return { problems: [`decision must be "approve" or "reject"; got ${JSON.stringify(decision)}`], terms: null };

  const applied = application.agreement;
  const problems: string[] = [];
  if (items !== undefined) {
    if (!Array.isArray(items) || items.length === 0) {
      problems.push(`items, when given, must keep at least one of the items applied for (${applied.items.join(', ')})`);
    } else {
      for (const item of new Set(items)) {
        if (!applied.items.includes(item)) {
          problems.push(`${String(item)} was not applied for: an approval may keep only items applied for (${applied.items.join(', ')})`);
        }
      }
      if (new Set(items).size !== items.length) problems.push('items lists an item more than once');
    }
  }
  let end = applied.validUntil;
  if (validUntil !== undefined) {
    const narrowed = normaliseTimestamp(validUntil, 'validUntil', problems);
    if (narrowed !== null) {
      end = narrowed;
      if (narrowed > applied.validUntil) {
        problems.push(`validUntil (${narrowed}) is after the end of the period applied for (${applied.validUntil}): an approval may only shorten it`);
      }
      if (narrowed <= applied.validFrom) problems.push(`validUntil (${narrowed}) must be after validFrom (${applied.validFrom})`);
      else if (narrowed <= now.toISOString()) problems.push(`validUntil (${narrowed}) has already passed`);
    }
  } else if (applied.validUntil <= now.toISOString()) {
    problems.push(`the period applied for ended at ${applied.validUntil}: nothing is left to approve; reject it, and the consumer may apply again`);
  }
  if (problems.length > 0) return { problems, terms: null };
  const kept = items === undefined ? applied.items : applied.items.filter((item) => items.includes(item));
  return { problems, terms: { items: kept, validUntil: end } };
}

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
