/**
 * What a consumer may object to: an item its department may receive, and a record it actually received. Whether
 * it may receive the item is the one sharing decision (`sharing/decide.ts`) over the agreements it holds in force,
 * asked for every purpose it could name: UNCONDITIONAL items always, CONDITIONAL ones under an agreement in force,
 * NONE items and unknown ones never. Whether it received the record is the audit trail's: a request of its
 * department in which the item's provider reported, at the source, returning that subject. The answer about the
 * subject is the same whether or not the provider holds such a record, so a refusal reveals nothing about it.
 */
import { decide } from '../../sharing/decide.ts';
import type { Decision, ItemPolicy } from '../../sharing/types.ts';
import type { AgreementStore } from '../agreements/types.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { WorkflowActor } from './roles.ts';

/** The decision that lets `actor`'s department receive `item` for some purpose it may name, else the denial without a purpose. */
export async function receivingDecision(
  item: string,
  policy: ItemPolicy | undefined,
  actor: WorkflowActor,
  agreements: Pick<AgreementStore, 'agreementsFor'>,
  at: Date,
): Promise<Decision> {
  const held = await agreements.agreementsFor(actor.department, at);
  const caller = { application: actor.application, department: actor.department, roles: [...actor.roles], anonymous: false };
  const purposes = [null, ...held.map((agreement) => agreement.id)];
  const decisions = purposes.map((purpose) => decide(item, policy, { caller, purpose, agreements: held }));
  return decisions.find((decision) => decision.effect === 'allow') ?? decisions[0]!;
}

/** Whether a request of `consumer` was served a record about `subject` by `provider`, as the provider reported it. */
export async function receivedFrom(trail: Pick<AuditTrail, 'query'>, consumer: string, provider: string, subject: string): Promise<boolean> {
  const page = await trail.query({ kind: 'request', consumer, provider, subject }, { first: 1 });
  return page.records.length > 0;
}
