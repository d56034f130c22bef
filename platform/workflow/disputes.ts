/**
 * Disputes along the statutory route of the Regulations: a consumer whose application was refused, or whose
 * objection went unanswered past its deadline, raises a dispute; the two departments negotiate; if that does not
 * settle it (either records UNRESOLVED, or the deadline passes) the consumer escalates to the competent department,
 * which coordinates; failing that, to the common superior, which decides (UPHELD or DISMISSED), finally. Each stage
 * has its deadline in working days; a stage past it without an outcome is overdue.
 *
 * A dispute never grants anything: a resolution in the consumer's favour names, if it grants access, the agreement
 * the provider approved through the ordinary workflow (`applications.ts`), checked to be in force for the disputed
 * items. Each action checks, in order: the actor is identified, the dispute (or its matter) exists and concerns the
 * actor's department (NOT_FOUND, alike for both), the actor may act at this stage (FORBIDDEN), the state allows it
 * (CONFLICT), the input (INVALID); then it is recorded in the audit trail and only then carried out.
 */
import type { ActionFacts } from './auditedAction.ts';
import { isBlank } from './applicationRules.ts';
import type { WorkflowContext } from './context.ts';
import {
  applicationDisputeProblem, deciders, escalationConflict, grantingAgreementProblem, mayKnow, nextStage, objectionDisputeProblem, OUTCOMES_AT,
  outcomeConflict, STAGE_WORDS,
} from './disputeRules.ts';
import type { Dispute, DisputeMatterKind, DisputeOutcome, DisputeStage, DisputeStatus } from './disputeTypes.ts';
import { WorkflowError } from './errors.ts';
import { assertReader, isActor, permission, type WorkflowActor } from './roles.ts';
import type { PageRequest, RecordPage } from './types.ts';
import { concerns, notFound, unseenFacts } from './visibility.ts';
import { addWorkingDays } from './workingDays.ts';

export interface RaiseDisputeInput {
  /** The refused application (`AGR-2026-0001`); give this or `objection`. */
  application?: string | null;
  /** The objection left unanswered past its deadline (`OBJ-2026-0001`). */
  objection?: string | null;
  /** What the consumer asks for, and why. */
  statement: string;
  /** A `dept-admin` of the consumer. */
  actor: WorkflowActor;
}

export interface EscalateDisputeInput {
  id: string;
  /** Why the stage before did not settle it. */
  reason: string;
  /** A `dept-admin` of the consumer. */
  actor: WorkflowActor;
}

export interface DisputeOutcomeInput {
  id: string;
  outcome: DisputeOutcome;
  /** What was agreed or decided, and why. */
  note: string;
  /** SETTLED or UPHELD, about an application: the approved agreement in force that grants what was settled. */
  agreement?: string | null;
  /** A `dept-admin` of either party (negotiation), of the competent department, or of the common superior. */
  actor: WorkflowActor;
}

export interface DisputeFilter {
  actor: WorkflowActor;
  consumer?: string;
  provider?: string;
  item?: string;
  stage?: DisputeStage;
  status?: DisputeStatus;
  /** Only OPEN disputes whose stage is past its deadline without an outcome (true), or only the others (false). */
  overdue?: boolean;
}

export class Disputes {
  readonly #context: WorkflowContext;

  constructor(context: WorkflowContext) {
    this.#context = context;
  }

  async raise(input: RaiseDisputeInput): Promise<Dispute> {
    const { records, auditor, roles, calendar, disputes: settings } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const named = [input.application, input.objection].filter((id): id is string => typeof id === 'string' && id.trim() !== '');
    const subject = `Cannot raise a dispute${named.length === 1 ? ` about ${named[0]}` : ''}`;
    const bare = unseenFacts('dispute.raise', input.actor);
    if (!isActor(input.actor)) throw await auditor.refuse(bare, notFound(subject, input.actor, 'dispute'), elapsed);
    const problems: string[] = [];
    if (named.length !== 1) problems.push('name exactly one matter: the refused application (application) or the unanswered objection (objection)');
    if (isBlank(input.statement)) problems.push('statement is missing: say what your department asks for, and why');
    if (problems.length > 0) throw await auditor.refuse(bare, new WorkflowError('INVALID', subject, problems), elapsed);

    const kind: DisputeMatterKind = input.application ? 'APPLICATION' : 'OBJECTION';
    const matterId = named[0]!.trim();
    const matter = await this.#matter(kind, matterId, input.actor, now);
    if (!matter) throw await auditor.refuse(bare, notFound(subject, input.actor, kind === 'APPLICATION' ? 'application or agreement' : 'objection'), elapsed);
    const facts: ActionFacts = {
      kind: 'dispute.raise', actor: input.actor, provider: matter.provider, withheld: matter.items, subjects: matter.subjects,
      agreementId: matter.agreementId, purpose: matter.purpose, reason: input.statement,
    };
    const allowed = permission(roles, input.actor, 'raise', matter.consumer);
    if (allowed.effect === 'deny') {
      throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', `${subject} (${matter.describe})`, [allowed.reason]), elapsed);
    }
    const existing = await records.disputes.forMatter(kind, matterId, now);
    const conflict = matter.problem ?? (existing ? `it is disputed already in ${existing.id} (${existing.status}, at the ${STAGE_WORDS[existing.stage]})` : null);
    if (conflict) throw await auditor.refuse(facts, new WorkflowError('CONFLICT', subject, [conflict]), elapsed);

    const id = await records.disputes.reserveId(now);
    const party = { application: input.actor.application, department: input.actor.department };
    await auditor.perform({ ...facts, reason: `${id}: ${input.statement.trim()}` }, `${subject} (dispute ${id})`, elapsed, async () => {
      const created = await records.disputes.create({
        id, matter: { kind, id: matterId }, consumer: matter.consumer, provider: matter.provider, items: matter.items,
        competentDepartment: settings.competentDepartment, commonSuperior: settings.commonSuperior,
        first: { stage: 'NEGOTIATION', openedBy: party, openedAt: now, reason: input.statement.trim(), deadline: addWorkingDays(now, settings.days.NEGOTIATION, calendar) },
      });
      if (!created) throw new WorkflowError('CONFLICT', subject, ['it was disputed by another request meanwhile; see disputes']);
    });
    return (await records.disputes.get(id, now))!;
  }

  /** The consumer takes an OPEN dispute to the next stage: its stage recorded UNRESOLVED, or its deadline passed. */
  async escalate(input: EscalateDisputeInput): Promise<Dispute> {
    const { records, auditor, roles, calendar, disputes: settings } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const subject = `Cannot escalate ${String(input.id)}`;
    const dispute = await this.#visible(input.id, input.actor, now);
    if (!dispute) throw await auditor.refuse(unseenFacts('dispute.escalate', input.actor), notFound(subject, input.actor, 'dispute'), elapsed);
    const facts = factsOf(dispute, 'dispute.escalate', input.actor, input.reason);
    const allowed = permission(roles, input.actor, 'escalate', dispute.consumer);
    if (allowed.effect === 'deny') throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', `${subject} (${describe(dispute)})`, [allowed.reason]), elapsed);
    const conflict = escalationConflict(dispute);
    if (conflict) throw await auditor.refuse(facts, new WorkflowError('CONFLICT', subject, [conflict]), elapsed);
    if (isBlank(input.reason)) {
      throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, [`reason is missing: say why the ${STAGE_WORDS[dispute.stage]} did not settle it`]), elapsed);
    }

    const to = nextStage(dispute.stage)!;
    const party = { application: input.actor.application, department: input.actor.department };
    await auditor.perform({ ...facts, reason: `${dispute.id} to ${to}: ${input.reason.trim()}` }, subject, elapsed, async () => {
      const moved = await records.disputes.escalate(dispute.id, dispute.stage, {
        stage: to, openedBy: party, openedAt: now, reason: input.reason.trim(), deadline: addWorkingDays(now, settings.days[to], calendar),
      });
      if (!moved) throw new WorkflowError('CONFLICT', subject, ['it changed meanwhile (another action on it came first); read it again']);
    });
    return (await records.disputes.get(dispute.id, now))!;
  }

  /** The outcome of the dispute's current stage, recorded by whoever that stage belongs to. */
  async recordOutcome(input: DisputeOutcomeInput): Promise<Dispute> {
    const { records, auditor, roles, agreements } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const subject = `Cannot record an outcome of ${String(input.id)}`;
    const dispute = await this.#visible(input.id, input.actor, now);
    if (!dispute) throw await auditor.refuse(unseenFacts('dispute.outcome', input.actor), notFound(subject, input.actor, 'dispute'), elapsed);
    const facts = factsOf(dispute, 'dispute.outcome', input.actor, input.note);
    const deciding = deciders(dispute);
    const action = dispute.stage === 'NEGOTIATION' ? 'negotiate' : 'arbitrate';
    const allowed = permission(roles, input.actor, action, deciding);
    const party = action === 'arbitrate' && [dispute.consumer, dispute.provider].includes(deciding[0]!);
    const forbidden = allowed.effect === 'deny' ? allowed.reason
      : party ? `${deciding[0]} is a party to this dispute and cannot ${dispute.stage === 'COMMON_SUPERIOR' ? 'decide' : 'coordinate'} it; ${dispute.consumer} may escalate it once the deadline passes` : null;
    if (forbidden) throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', `${subject} (${describe(dispute)})`, [forbidden]), elapsed);
    const conflict = outcomeConflict(dispute);
    if (conflict) throw await auditor.refuse(facts, new WorkflowError('CONFLICT', subject, [conflict]), elapsed);

    const problems: string[] = [];
    const allowedOutcomes = OUTCOMES_AT[dispute.stage];
    if (!allowedOutcomes.includes(input.outcome)) {
      problems.push(`the ${STAGE_WORDS[dispute.stage]} ends ${allowedOutcomes.join(' or ')}; got ${JSON.stringify(input.outcome)}`);
    }
    if (isBlank(input.note)) problems.push('note is missing: say what was agreed or decided, and why');
    const agreementId = typeof input.agreement === 'string' && input.agreement.trim() !== '' ? input.agreement.trim() : null;
    let granted: string[] = [];
    if (agreementId !== null) {
      if (dispute.matter.kind !== 'APPLICATION' || !['SETTLED', 'UPHELD'].includes(input.outcome)) {
        problems.push('agreement names the agreement that grants access: only a SETTLED or UPHELD dispute about an application grants access, and only through it');
      } else {
        const agreement = await agreements.get(agreementId);
        const problem = grantingAgreementProblem(dispute, agreementId, agreement, now);
        if (problem) problems.push(problem);
        else granted = agreement!.items.filter((item) => dispute.items.includes(item));
      }
    }
    if (problems.length > 0) throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, problems), elapsed);

    const by = { application: input.actor.application, department: input.actor.department };
    const recorded: ActionFacts = {
      ...facts, granted, withheld: dispute.items.filter((item) => !granted.includes(item)), agreementId: agreementId ?? facts.agreementId ?? null,
      reason: `${dispute.id} ${dispute.stage} ${input.outcome}: ${input.note.trim()}`,
    };
    await auditor.perform(recorded, subject, elapsed, async () => {
      const done = await records.disputes.recordOutcome(dispute.id, dispute.stage, { outcome: input.outcome, note: input.note.trim(), by, at: now, agreementId });
      if (!done) throw new WorkflowError('CONFLICT', subject, ['it changed meanwhile (another action on it came first); read it again']);
    });
    return (await records.disputes.get(dispute.id, now))!;
  }

  /** One dispute, for a reader of a department it concerns; NOT_FOUND, alike, when there is none with that id and when it concerns others. */
  async get(input: { id: string; actor: WorkflowActor }, now: Date = this.#context.now()): Promise<Dispute> {
    const subject = `Cannot read ${String(input.id)}`;
    assertReader(this.#context.roles, input.actor, subject);
    const dispute = await this.#visible(input.id, input.actor, now);
    if (!dispute) throw notFound(subject, input.actor, 'dispute');
    return dispute;
  }

  /** Disputes the actor's department may see, matching every given filter, oldest first. */
  async list(filter: DisputeFilter, now: Date = this.#context.now()): Promise<Dispute[]> {
    assertReader(this.#context.roles, filter?.actor, 'Cannot list disputes');
    const { actor, ...query } = filter;
    return this.#context.records.disputes.list({ ...query, visibleTo: actor.department }, now);
  }

  /** One page of `list` (by id, after `page.afterId`), with how many the whole list holds. */
  async page(filter: DisputeFilter, page: PageRequest, now: Date = this.#context.now()): Promise<RecordPage<Dispute>> {
    assertReader(this.#context.roles, filter?.actor, 'Cannot list disputes');
    const { actor, ...query } = filter;
    return this.#context.records.disputes.page({ ...query, visibleTo: actor.department }, page, now);
  }

  async #visible(id: string, actor: unknown, now: Date): Promise<Dispute | null> {
    if (!isActor(actor) || typeof id !== 'string') return null;
    const dispute = await this.#context.records.disputes.get(id, now);
    return dispute && mayKnow(dispute, actor.department) ? dispute : null;
  }

  /** The application or objection disputed, when it concerns the actor's department; null otherwise (never told apart). */
  async #matter(kind: DisputeMatterKind, id: string, actor: WorkflowActor, now: Date) {
    const { records } = this.#context;
    if (kind === 'APPLICATION') {
      const application = await records.applications.get(id, now);
      if (!application || !concerns(actor, [application.agreement.consumer, application.agreement.provider])) return null;
      const { agreement } = application;
      return {
        consumer: agreement.consumer, provider: agreement.provider, items: [...(application.request?.items ?? agreement.items)], subjects: [],
        agreementId: agreement.id, purpose: agreement.purpose, describe: `an application of ${agreement.consumer} to ${agreement.provider}`,
        problem: applicationDisputeProblem(application),
      };
    }
    const objection = await records.objections.get(id, now);
    if (!objection || !concerns(actor, [objection.consumer, objection.provider])) return null;
    return {
      consumer: objection.consumer, provider: objection.provider, items: [objection.item], subjects: [objection.subjectKey],
      agreementId: null, purpose: null, describe: `an objection of ${objection.consumer} to ${objection.provider}`,
      problem: objectionDisputeProblem(objection),
    };
  }
}

function describe(dispute: Dispute): string {
  return `a dispute of ${dispute.consumer} with ${dispute.provider}, at the ${STAGE_WORDS[dispute.stage]}`;
}

/**
 * What a dispute's audit record lists: under the provider, the items in dispute (withheld until an agreement grants
 * them); the disputed application among its agreements; the dispute's id first in its reason.
 */
function factsOf(dispute: Dispute, kind: ActionFacts['kind'], actor: unknown, reason: unknown): ActionFacts {
  return {
    kind, actor, provider: dispute.provider, withheld: dispute.items,
    subjects: [], agreementId: dispute.matter.kind === 'APPLICATION' ? dispute.matter.id : null, purpose: null,
    reason: typeof reason === 'string' ? `${dispute.id}: ${reason}` : dispute.id,
  };
}
