/**
 * What the sharing tests expect, written once: the masked form of a resident ID, the exact error a denied item
 * comes back with (its wording per kind of denial, as a caller reads it), where a field sits in a query text,
 * and what a department itself answers about a resident (the value the gateway must pass on unchanged).
 * Expectations are written from the sharing contract (README, Sharing rules), never by calling the gateway's own decision code.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { expect } from 'vitest';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { readSharingCatalogue } from '../../sharing/index.ts';
import type { Population } from '../../subgraphs/synthetic/types.ts';
import type { TestFederation } from './federation.ts';

/** The platform masking key the test federation runs with (harness/federation.ts). */
export const TEST_MASKING_KEY = Buffer.alloc(32, 0x5a);

/**
 * A resident ID as `department` is shown it without a raw grant, written from the masking spec (sharing/masking.ts,
 * README): `DDDDDD********DDDD`, the ten digits those of HMAC-SHA256(k, id) (each byte mod 10), with
 * k = HMAC-SHA256(platform key, "govgraph-masking/v1\n" + department): nothing of the real ID.
 */
export const masked = (idNumber: string, department: string, platformKey: Buffer = TEST_MASKING_KEY): string => {
  const digest = createHmac('sha256', consumerKeyOf(department, platformKey)).update(idNumber).digest();
  const digits = Array.from(digest.subarray(0, 10), (byte) => String(byte % 10)).join('');
  return `${digits.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${digits.slice(6)}`;
};

/** A consumer department's masking key, as the gateway derives it and puts it in grants (`mk`). */
export const consumerKeyOf = (department: string, platformKey: Buffer = TEST_MASKING_KEY): Buffer =>
  createHmac('sha256', platformKey).update(`govgraph-masking/v1\n${department}`).digest();

/** Line and column (1-based) of the `occurrence`-th appearance of `token` in `query`, as GraphQL reports locations. */
export function locationOf(query: string, token: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = query.indexOf(token, index + 1);
    if (index === -1) throw new Error(`"${token}" occurs fewer than ${occurrence} times in the query`);
  }
  const before = query.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Why an item is denied and what would grant it, as the gateway words it. */
export interface Denial {
  item: string;
  level: 'CONDITIONAL' | 'NONE';
  provider: string;
  reason: string;
  remedy: string;
}

/** A conditional item requested without X-Purpose, by a department with an agreement (or several) for it. */
export function purposeMissing(item: string, provider: string, ...suggested: { purpose: string; agreement: string }[]): Denial {
  const choices = suggested.map((s) => `${s.purpose} (agreement ${s.agreement})`);
  return {
    item, level: 'CONDITIONAL', provider,
    reason: `${item} is CONDITIONAL and the request names no purpose`,
    remedy: `send the header X-Purpose: ${choices.length === 1 ? choices[0] : `one of: ${choices.join(', ')}`}`,
  };
}

/** A conditional item requested for a purpose of the consumer's other agreements, not one of those covering it. */
export function purposeNotCovered(item: string, consumer: string, provider: string, covered: { purpose: string; agreement: string }, purpose: string): Denial {
  return {
    item, level: 'CONDITIONAL', provider,
    reason: `${item} is CONDITIONAL and ${consumer}'s agreements with ${provider} for it cover the purpose(s) ${covered.purpose}, not "${purpose}"`,
    remedy: `send the header X-Purpose: ${covered.purpose} (agreement ${covered.agreement}) for it, or apply to ${provider} for ${item} for "${purpose}"`,
  };
}

/** A conditional item requested with X-Purpose naming an agreement (by id) that does not list it. */
export function agreementNotCovering(item: string, provider: string, named: { id: string; grants: string }, covering: { purpose: string; agreement: string }): Denial {
  return {
    item, level: 'CONDITIONAL', provider,
    reason: `${item} is CONDITIONAL and agreement ${named.id}, named in X-Purpose, does not cover it (it grants ${named.grants})`,
    remedy: `send the header X-Purpose: ${covering.purpose} (agreement ${covering.agreement}) for it`,
  };
}

/** A conditional item requested with a purpose no agreement of the consumer has (a typo, or a purpose never agreed). */
export function unknownPurposeDenial(item: string, consumer: string, provider: string, purpose: string, covering: { purpose: string; agreement: string }): Denial {
  return {
    item, level: 'CONDITIONAL', provider,
    reason: `${item} is CONDITIONAL and no agreement of ${consumer} in force has the purpose or id "${purpose}"`,
    remedy: `send the header X-Purpose: ${covering.purpose} (agreement ${covering.agreement}) for it`,
  };
}

/** A conditional item requested by a department with no approved agreement in force for it. */
export function noAgreement(item: string, consumer: string, provider: string): Denial {
  return {
    item, level: 'CONDITIONAL', provider,
    reason: `${item} is CONDITIONAL and ${consumer} has no approved agreement with ${provider} for it`,
    remedy: `apply to ${provider} for ${item}, stating the purpose and legal basis`,
  };
}

/** A CONDITIONAL item whose agreement listing it is no longer in force: the denial says what became of it. */
export function formerAgreement(
  item: string,
  consumer: string,
  provider: string,
  agreement: { id: string; purpose: string },
  became: { status: 'REVOKED' | 'REJECTED'; on: string; reason: string } | { status: 'EXPIRED'; on: string } | { status: 'PENDING' },
): Denial {
  const subject = `${item} is CONDITIONAL and ${consumer}'s ${became.status === 'PENDING' ? 'application' : 'agreement'} ${agreement.id} for it (${agreement.purpose})`;
  const apply = `apply to ${provider} for ${item}, stating the purpose and legal basis`;
  switch (became.status) {
    case 'PENDING':
      return { item, level: 'CONDITIONAL', provider, reason: `${subject} is pending with ${provider}`, remedy: `wait for ${provider}'s decision on ${agreement.id}; it grants the item from the moment it is approved` };
    case 'REVOKED':
      return { item, level: 'CONDITIONAL', provider, reason: `${subject} was revoked on ${became.on} (${became.reason})`, remedy: apply };
    case 'REJECTED':
      return { item, level: 'CONDITIONAL', provider, reason: `${subject} was rejected on ${became.on} (${became.reason})`, remedy: `${apply}, answering the reason ${agreement.id} was rejected` };
    case 'EXPIRED':
      return { item, level: 'CONDITIONAL', provider, reason: `${subject} expired on ${became.on}`, remedy: `apply to ${provider} to renew ${agreement.id} for ${item}, stating the purpose and legal basis` };
  }
}

/** An item at level NONE requested outside its department; the reason quotes the legal reason of the catalogue. */
export function neverShared(item: string, provider: string): Denial {
  return {
    item, level: 'NONE', provider,
    reason: `${item} is not shared outside ${provider}: ${withoutFinalStop(legalReasonOf(item))}`,
    remedy: `it cannot be obtained: ${provider} shares it with no other department, under any agreement`,
  };
}

/**
 * The response extension that flags, once, an X-Purpose that is neither the purpose nor the id of an agreement of
 * the caller in force; `purposes` are the caller's agreements in force by purpose, e.g. `[['marriage-registration', ['AGR-2025-0001']]]`.
 */
export function unknownPurposeExtension(department: string, purpose: string, purposes: [string, string[]][] = []) {
  const message = purposes.length === 0
    ? `X-Purpose "${purpose}" names no agreement: ${department} has no agreement in force, so it grants nothing.`
    : `X-Purpose "${purpose}" is neither the purpose nor the id of an agreement of ${department} in force, so it grants nothing; ${department}'s purposes are ${purposes.map(([p, ids]) => `${p} (${ids.join(', ')})`).join(', ')}.`;
  return { purpose: { code: 'UNKNOWN_PURPOSE', purpose, message, purposes: purposes.map(([p, agreements]) => ({ purpose: p, agreements })) } };
}

/** The error a denied field comes back with in the response. */
export function deniedError(denial: Denial, path: readonly (string | number)[], location: { line: number; column: number }) {
  return {
    message: `${denial.reason}; to obtain it: ${denial.remedy}.`,
    locations: [location],
    path: [...path],
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', item: denial.item, level: denial.level, provider: denial.provider, remedy: denial.remedy },
  };
}

/** The error strict mode lists for a denied path (without list indices: the operation was never executed). */
export function strictError(denial: Denial, path: string[]) {
  return {
    message: `${denial.reason}; to obtain it: ${denial.remedy}. (strict mode rejects the whole operation)`,
    path: [...path],
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', item: denial.item, level: denial.level, provider: denial.provider, remedy: denial.remedy },
  };
}

function withoutFinalStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

let catalogue: ReturnType<typeof readSharingCatalogue> | undefined;
/** The legal reason the supergraph's catalogue gives for an item (the departments' wording, not the gateway's). */
function legalReasonOf(item: string): string {
  catalogue ??= readSharingCatalogue(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')));
  const reason = catalogue.items.get(item)?.reason;
  if (!reason) throw new Error(`the catalogue gives no legal reason for ${item}`);
  return reason;
}

/** What one department answers on its own about a resident, straight from its subgraph with its own grant. */
export async function departmentView(
  federation: TestFederation,
  department: string,
  idNumber: string,
  selection: string,
): Promise<Record<string, unknown>> {
  const [view] = await departmentViews(federation, department, [idNumber], selection);
  return view!;
}

/** `departmentView` for many residents in one request, in the order given. */
export async function departmentViews(
  federation: TestFederation,
  department: string,
  idNumbers: string[],
  selection: string,
): Promise<Record<string, unknown>[]> {
  const { body } = await federation.departments.postAsProvider(department, {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`,
    variables: { r: idNumbers.map((idNumber) => ({ __typename: 'Person', idNumber })) },
  });
  expect(body.errors).toBeUndefined();
  return body.data._entities;
}

/** Tax's credit rating of each enterprise, as the tax department itself answers. */
export async function taxCreditRatings(federation: TestFederation, creditCodes: string[]): Promise<Map<string, unknown>> {
  const { body } = await federation.departments.postAsProvider('tax', {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { creditCode taxCreditRating } } }`,
    variables: { r: creditCodes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })) },
  });
  expect(body.errors).toBeUndefined();
  return new Map((body.data._entities as { creditCode: string; taxCreditRating: unknown }[]).map((e) => [e.creditCode, e.taxCreditRating]));
}

/**
 * A married legal representative who holds real estate and has diagnoses on record: a resident every department
 * knows something about, so that a denied item is never null merely because there is nothing to show.
 */
export async function findWellKnownResident(federation: TestFederation, population: Population) {
  const representatives = [...new Set([...population.enterprises()].map((e) => e.legalRepresentativeIndex))]
    .filter((index) => {
      const couple = population.coupleOf(index);
      return couple !== null && couple.divorcedOn === null;
    })
    .map((index) => population.person(index));
  const ids = representatives.map((p) => p.idNumber);
  const [estates, health] = await Promise.all([
    departmentViews(federation, 'natural-resources', ids, 'realEstates { certificateNo }'),
    departmentViews(federation, 'health', ids, 'diagnoses { code }'),
  ]);
  const found = representatives.find(
    (_, i) => (estates[i]!.realEstates as unknown[]).length > 0 && (health[i]!.diagnoses as unknown[]).length > 0,
  );
  if (!found) throw new Error('the test population has no married legal representative with real estate and diagnoses');
  return found;
}
