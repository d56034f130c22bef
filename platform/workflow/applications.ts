/**
 * Applications for shared data, as the Regulations on Government Data Sharing describe them: a consumer's
 * department admin applies to a provider for conditional items; the provider's department admin approves
 * (possibly narrowing items or period) or rejects with a reason, within a reply deadline counted in working days
 * from the application; the provider may later revoke an approval with a reason. An application is an agreement
 * (PENDING until decided), so the gateway grants its items from the moment it is approved, and stops on the
 * request after a revocation.
 *
 * Each action checks, in order: the actor is identified (FORBIDDEN), the application exists and concerns the
 * actor's department (NOT_FOUND, alike for both: see `visibility.ts`), the actor may act on it (FORBIDDEN), its
 * state allows the action (CONFLICT), the input (INVALID, every problem at once); then it is recorded in the audit
 * trail and only then carried out (see `auditedAction.ts`). Refusals are recorded too.
 */
import type { AgreementStatus } from '../../sharing/types.ts';
import type { ActionFacts } from './auditedAction.ts';
import { applicationProblems, decisionProblems, duplicateProblems, isBlank, type ApplyInput, type DecideInput, type RevokeInput } from './applicationRules.ts';
import type { WorkflowContext } from './context.ts';
import { WorkflowError } from './errors.ts';
import { assertReader, isActor, permission, type WorkflowActor } from './roles.ts';
import type { Application, PageRequest, RecordPage } from './types.ts';
import { concerns, notFound, unseenFacts } from './visibility.ts';
import { addWorkingDays } from './workingDays.ts';

export interface ApplicationFilter {
  /** Who asks: `dept-admin`, `app` or `analyst` of a department, who sees what their department applied for or was asked for. */
  actor: WorkflowActor;
  consumer?: string;
  provider?: string;
  /** As reported: EXPIRED for approved agreements past their end. */
  status?: AgreementStatus;
  /** Only PENDING applications at or past their reply deadline (true), or only the others (false). */
  overdue?: boolean;
  /** Only these statuses, as reported (the agreements view asks for APPROVED, EXPIRED and REVOKED). */
  statuses?: readonly AgreementStatus[];
}

export class Applications {
  readonly #context: WorkflowContext;

  constructor(context: WorkflowContext) {
    this.#context = context;
  }

  /** Applies for `items` of `provider`; resolves with the PENDING application and its reply deadline. */
  async apply(input: ApplyInput): Promise<Application> {
    const { records, auditor, roles, calendar, replyDays } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const subject = `Cannot apply to ${String(input.provider)}`;
    const facts: ActionFacts = { kind: 'agreement.apply', actor: input.actor, provider: input.provider, withheld: input.items, purpose: input.purpose };
    const allowed = permission(roles, input.actor, 'apply', input.consumer);
    if (allowed.effect === 'deny') throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', subject, [allowed.reason]), elapsed);
    const checked = applicationProblems(input, this.#context.catalogue(), now);
    if (checked.problems.length > 0) throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, checked.problems), elapsed);
    const pending = await records.applications.list({ visibleTo: input.consumer, consumer: input.consumer, provider: input.provider, status: 'PENDING' }, now);
    const duplicates = duplicateProblems(input, pending);
    if (duplicates.length > 0) throw await auditor.refuse(facts, new WorkflowError('CONFLICT', subject, duplicates), elapsed);

    const id = await records.applications.reserveId(now);
    const { consumer, provider, items, purpose, legalBasis, scenario, actor } = input;
    await auditor.perform({ ...facts, agreementId: id }, `${subject} (application ${id})`, elapsed, () =>
      records.applications.create({
        agreement: { id, consumer, provider, items: [...items], purpose, legalBasis: legalBasis.trim(), validFrom: checked.validFrom!, validUntil: checked.validUntil! },
        scenario: scenario.trim(),
        applicant: { application: actor.application, department: actor.department },
        appliedAt: now,
        deadline: addWorkingDays(now, replyDays, calendar),
      }),
    );
    return (await records.applications.get(id, now))!;
  }

  /** The provider's answer to a PENDING application. */
  async decide(input: DecideInput): Promise<Application> {
    const { records, auditor, roles } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const subject = `Cannot ${input.decision === 'reject' ? 'reject' : 'approve'} ${String(input.id)}`;
    const kind = input.decision === 'reject' ? 'agreement.reject' : 'agreement.approve';
    const application = await this.#visible(input.id, input.actor, now);
    if (!application) throw await auditor.refuse(unseenFacts(kind, input.actor), notFound(subject, input.actor, 'application or agreement'), elapsed);
    const facts: ActionFacts = {
      kind, actor: input.actor, provider: application.agreement.provider, agreementId: application.agreement.id,
      purpose: application.agreement.purpose, withheld: application.agreement.items, reason: input.reason ?? null,
    };
    const refusal = this.#forbidden(application, input.actor, 'decide', subject) ?? pendingConflict(application, subject);
    if (refusal) throw await auditor.refuse(facts, refusal, elapsed);
    const checked = decisionProblems(application!, input, now);
    if (checked.problems.length > 0) throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, checked.problems), elapsed);

    const change = { actor: input.actor.application, reason: input.reason?.trim() || null, at: now };
    const { terms } = checked;
    if (terms) {
      const narrowedAway = application!.agreement.items.filter((item) => !terms.items.includes(item));
      await auditor.perform({ ...facts, granted: terms.items, withheld: narrowedAway }, subject, elapsed, () =>
        records.applications.approve(input.id, terms, change),
      );
    } else {
      await auditor.perform(facts, subject, elapsed, () => records.applications.close(input.id, 'REJECTED', change));
    }
    return (await records.applications.get(input.id, now))!;
  }

  /** Withdraws an approved, still valid agreement; the gateway stops granting it on the next request. */
  async revoke(input: RevokeInput): Promise<Application> {
    const { records, auditor } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const subject = `Cannot revoke ${String(input.id)}`;
    const application = await this.#visible(input.id, input.actor, now);
    if (!application) throw await auditor.refuse(unseenFacts('agreement.revoke', input.actor), notFound(subject, input.actor, 'application or agreement'), elapsed);
    const { agreement } = application;
    const facts: ActionFacts = {
      kind: 'agreement.revoke', actor: input.actor, provider: agreement.provider, agreementId: agreement.id,
      purpose: agreement.purpose, withheld: agreement.items, reason: input.reason ?? null,
    };
    const refusal = this.#forbidden(application, input.actor, 'revoke', subject) ?? revocableConflict(application, subject);
    if (refusal) throw await auditor.refuse(facts, refusal, elapsed);
    if (isBlank(input.reason)) {
      throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, ['a revocation needs a reason (it is recorded and shown to the consumer)']), elapsed);
    }
    await auditor.perform(facts, subject, elapsed, () =>
      records.applications.close(input.id, 'REVOKED', { actor: input.actor.application, reason: input.reason.trim(), at: now }),
    );
    return (await records.applications.get(input.id, now))!;
  }

  /**
   * One application, for a reader of its consumer or provider department; NOT_FOUND, alike, when there is none
   * with that id and when it concerns other departments.
   */
  async get(input: { id: string; actor: WorkflowActor }, now: Date = this.#context.now()): Promise<Application> {
    const subject = `Cannot read ${String(input.id)}`;
    assertReader(this.#context.roles, input.actor, subject);
    const application = await this.#visible(input.id, input.actor, now);
    if (!application) throw notFound(subject, input.actor, 'application or agreement');
    return application;
  }

  /** Applications of the actor's department (as consumer or provider) matching every given filter, by id. */
  async list(filter: ApplicationFilter, now: Date = this.#context.now()): Promise<Application[]> {
    assertReader(this.#context.roles, filter?.actor, 'Cannot list applications');
    const { actor, ...query } = filter;
    return this.#context.records.applications.list({ ...query, visibleTo: actor.department }, now);
  }

  /** One page of `list` (by id, after `page.afterId`), with how many the whole list holds. */
  async page(filter: ApplicationFilter, page: PageRequest, now: Date = this.#context.now()): Promise<RecordPage<Application>> {
    assertReader(this.#context.roles, filter?.actor, 'Cannot list applications');
    const { actor, ...query } = filter;
    return this.#context.records.applications.page({ ...query, visibleTo: actor.department }, page, now);
  }

  /** The application, when it exists and concerns the actor's department; null otherwise (the two are never told apart). */
  async #visible(id: string, actor: unknown, now: Date): Promise<Application | null> {
    if (!isActor(actor) || typeof id !== 'string') return null;
    const application = await this.#context.records.applications.get(id, now);
    return application && concerns(actor, [application.agreement.consumer, application.agreement.provider]) ? application : null;
  }

  #forbidden(application: Application, actor: unknown, action: 'decide' | 'revoke', subject: string): WorkflowError | null {
    const { consumer, provider } = application.agreement;
    const allowed = permission(this.#context.roles, actor, action, provider);
    return allowed.effect === 'deny'
      ? new WorkflowError('FORBIDDEN', `${subject} (an application of ${consumer} to ${provider})`, [allowed.reason])
      : null;
  }
}

function pendingConflict({ agreement, decision }: Application, subject: string): WorkflowError | null {
  if (agreement.status === 'PENDING') return null;
  const problem = decision
    ? `it was already ${decision.status === 'APPROVED' ? 'approved' : 'rejected'} at ${decision.at} by ${decision.actor}; an application is decided once`
    : `it is ${agreement.status}, not PENDING; an application is decided once`;
  return new WorkflowError('CONFLICT', subject, [problem]);
}

function revocableConflict({ agreement, revocation }: Application, subject: string): WorkflowError | null {
  switch (agreement.status) {
    case 'APPROVED':
      return null;
    case 'EXPIRED':
      return new WorkflowError('CONFLICT', subject, [`it expired at ${agreement.validUntil}: an expired agreement grants nothing and needs no revocation`]);
    case 'PENDING':
      return new WorkflowError('CONFLICT', subject, ['it is PENDING, not approved: reject the application instead']);
    case 'REJECTED':
      return new WorkflowError('CONFLICT', subject, ['it was rejected: there is nothing to revoke']);
    case 'REVOKED':
      return new WorkflowError('CONFLICT', subject, [`it was already revoked${revocation ? ` at ${revocation.at} by ${revocation.actor}` : ''}`]);
  }
}
