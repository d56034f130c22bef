/**
 * The verification-and-correction route of the Regulations: a consumer that received a record it believes wrong
 * reports it (item, subject key, description) to the item's provider. Only an item its department may receive
 * (never a NONE item) and a record it was actually served (the audit trail says so) can be objected to; see
 * `receivedRecords.ts`. The provider's department admin answers
 * once, CORRECTED or CONFIRMED_CORRECT, with a note, within a deadline in working days. Status and timestamps
 * are kept; an open objection past its deadline is flagged overdue. Each action is recorded in the audit trail
 * before it takes effect, like applications (see `auditedAction.ts`).
 */
import type { Decision } from '../../sharing/types.ts';
import type { ActionFacts } from './auditedAction.ts';
import { isBlank } from './applicationRules.ts';
import type { WorkflowContext } from './context.ts';
import { WorkflowError } from './errors.ts';
import { assertReader, isActor, permission, type WorkflowActor } from './roles.ts';
import type { Objection, ObjectionAnswer, ObjectionStatus, PageRequest, RecordPage } from './types.ts';
import { receivedFrom, receivingDecision } from './receivedRecords.ts';
import { concerns, notFound, unseenFacts } from './visibility.ts';
import { addWorkingDays } from './workingDays.ts';

export interface ReportInput {
  /** The item the wrong value came in, `Type.field`; its provider is the catalogue's. */
  item: string;
  /** The record's key: a resident ID, credit code or certificate number. */
  subjectKey: string;
  /** What is wrong, and what the consumer believes is right. */
  description: string;
  /** A `dept-admin` or `app` of the consumer department. */
  actor: WorkflowActor;
}

export interface AnswerInput {
  id: string;
  outcome: ObjectionAnswer;
  /** What was corrected, or why the record stands. Required. */
  note: string;
  /** A `dept-admin` of the provider. */
  actor: WorkflowActor;
}

export interface ObjectionFilter {
  actor: WorkflowActor;
  consumer?: string;
  provider?: string;
  status?: ObjectionStatus;
  /** Only OPEN objections at or past their deadline (true), or only the others (false). */
  overdue?: boolean;
}

const ANSWERS: readonly ObjectionAnswer[] = ['CORRECTED', 'CONFIRMED_CORRECT'];

export class Objections {
  readonly #context: WorkflowContext;

  constructor(context: WorkflowContext) {
    this.#context = context;
  }

  async report(input: ReportInput): Promise<Objection> {
    const { records, auditor, roles, calendar, objectionReplyDays, agreements, trail } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const policy = typeof input.item === 'string' ? this.#context.catalogue().items.get(input.item) : undefined;
    const provider = policy?.provider ?? null;
    const subject = `Cannot report an objection${provider ? ` to ${provider}` : ''}`;
    const subjectKey = typeof input.subjectKey === 'string' ? input.subjectKey.trim() : input.subjectKey;
    const facts: ActionFacts = { kind: 'objection.report', actor: input.actor, provider, granted: [input.item], subjects: [subjectKey] };
    const consumer = (input.actor as WorkflowActor | undefined)?.department;
    const allowed = permission(roles, input.actor, 'report', typeof consumer === 'string' ? consumer : '');
    if (allowed.effect === 'deny') throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', subject, [allowed.reason]), elapsed);

    const problems: string[] = [];
    if (!policy) problems.push(`${String(input.item)} is not in the catalogue (unknown item)`);
    else if (!provider) problems.push(`${input.item} names no provider in the catalogue`);
    else if (provider === consumer) problems.push(`${input.item} is ${consumer}'s own item: correct the record in ${consumer}'s own system`);
    if (isBlank(input.subjectKey)) problems.push('subjectKey is missing: name the record (resident ID, credit code or certificate number)');
    if (isBlank(input.description)) problems.push('description is missing: say what is wrong with the record');
    if (problems.length > 0) throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, problems), elapsed);

    const { actor } = input;
    const refused = { ...facts, granted: [], withheld: [input.item] };
    let receiving: Decision;
    let received: boolean;
    try {
      receiving = await receivingDecision(input.item, policy, actor, agreements, now);
      received = receiving.effect === 'allow' && (await receivedFrom(trail, actor.department, provider!, input.subjectKey.trim()));
    } catch (cause) {
      throw new WorkflowError('UNAVAILABLE', subject, [
        'the platform store could not be read to check what your department received, so nothing was recorded; retry once it answers again',
      ], { cause });
    }
    if (receiving.effect === 'deny') {
      const problem = `${actor.department} may not receive ${input.item} (${receiving.reason.replace(/\.$/, '')}), so it has no record of it to object to`;
      throw await auditor.refuse(refused, new WorkflowError('FORBIDDEN', subject, [problem]), elapsed);
    }
    if (!received) {
      // The same words whether or not provider holds a record about that key: the refusal tells nothing about it.
      const problem = `no request of ${actor.department} was served a record about that subject by ${provider}: an objection names a record your department received (see myAccesses for the subjects each provider returned)`;
      throw await auditor.refuse(refused, new WorkflowError('NOT_FOUND', subject, [problem]), elapsed);
    }

    const id = await records.objections.reserveId(now);
    await auditor.perform(facts, `${subject} (objection ${id})`, elapsed, () =>
      records.objections.create({
        id, consumer: input.actor.department, provider: provider!, item: input.item, subjectKey: input.subjectKey.trim(),
        description: input.description.trim(), reporter: { application: input.actor.application, department: input.actor.department },
        reportedAt: now, deadline: addWorkingDays(now, objectionReplyDays, calendar),
      }),
    );
    return (await records.objections.get(id, now))!;
  }

  async answer(input: AnswerInput): Promise<Objection> {
    const { records, auditor, roles } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const subject = `Cannot answer ${String(input.id)}`;
    const objection = await this.#visible(input.id, input.actor, now);
    if (!objection) throw await auditor.refuse(unseenFacts('objection.answer', input.actor), notFound(subject, input.actor, 'objection'), elapsed);
    const facts: ActionFacts = {
      kind: 'objection.answer', actor: input.actor, provider: objection.provider,
      granted: [objection.item], subjects: [objection.subjectKey], reason: input.note ?? null,
    };
    const allowed = permission(roles, input.actor, 'answer', objection.provider);
    if (allowed.effect === 'deny') {
      throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', `${subject} (an objection of ${objection.consumer} to ${objection.provider})`, [allowed.reason]), elapsed);
    }
    if (objection.answer) {
      const problem = `it was already answered ${objection.status} at ${objection.answer.at} by ${objection.answer.actor}; an objection is answered once`;
      throw await auditor.refuse(facts, new WorkflowError('CONFLICT', subject, [problem]), elapsed);
    }
    const problems: string[] = [];
    if (!ANSWERS.includes(input.outcome)) problems.push(`outcome must be CORRECTED or CONFIRMED_CORRECT; got ${JSON.stringify(input.outcome)}`);
    if (isBlank(input.note)) problems.push('note is missing: say what was corrected, or why the record is correct');
    if (problems.length > 0) throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, problems), elapsed);

    await auditor.perform({ ...facts, reason: `${input.outcome}: ${input.note.trim()}` }, subject, elapsed, async () => {
      const answered = await records.objections.answer(input.id, input.outcome, input.note.trim(), input.actor.application, now);
      if (!answered) throw new WorkflowError('CONFLICT', subject, ['it was answered by someone else meanwhile; an objection is answered once']);
    });
    return (await records.objections.get(input.id, now))!;
  }

  /**
   * One objection, for a reader of its consumer or provider department; NOT_FOUND, alike, when there is none with
   * that id and when it concerns other departments.
   */
  async get(input: { id: string; actor: WorkflowActor }, now: Date = this.#context.now()): Promise<Objection> {
    const subject = `Cannot read ${String(input.id)}`;
    assertReader(this.#context.roles, input.actor, subject);
    const objection = await this.#visible(input.id, input.actor, now);
    if (!objection) throw notFound(subject, input.actor, 'objection');
    return objection;
  }

  /** The objection, when it exists and concerns the actor's department; null otherwise (the two are never told apart). */
  async #visible(id: string, actor: unknown, now: Date): Promise<Objection | null> {
    if (!isActor(actor) || typeof id !== 'string') return null;
    const objection = await this.#context.records.objections.get(id, now);
    return objection && concerns(actor, [objection.consumer, objection.provider]) ? objection : null;
  }

  /** Objections the actor's department reported or must answer, matching every given filter, oldest first. */
  async list(filter: ObjectionFilter, now: Date = this.#context.now()): Promise<Objection[]> {
    assertReader(this.#context.roles, filter?.actor, 'Cannot list objections');
    const { actor, ...query } = filter;
    return this.#context.records.objections.list({ ...query, visibleTo: actor.department }, now);
  }

  /** One page of `list` (by id, after `page.afterId`), with how many the whole list holds. */
  async page(filter: ObjectionFilter, page: PageRequest, now: Date = this.#context.now()): Promise<RecordPage<Objection>> {
    assertReader(this.#context.roles, filter?.actor, 'Cannot list objections');
    const { actor, ...query } = filter;
    return this.#context.records.objections.page({ ...query, visibleTo: actor.department }, page, now);
  }
}
