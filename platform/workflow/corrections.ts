/**
 * A resident's own entry to the verification-and-correction route: a resident who believes an item about them is
 * wrong asks its provider to correct it. The request becomes an objection to the item's provider (consumer the
 * reserved `resident` department, subject the resident), with the same statutory reply deadline in working days, and
 * is answered through the provider's ordinary `answerObjection`. Unlike a department's objection, nothing needs to
 * have been served: the record is the resident's own, so any catalogue item about a Person (whatever its level) may
 * be named. One open request per resident and item. Each request, refused ones included, is an audit record written
 * before it takes effect (kind `correction.request`, the resident as its subject), as every workflow step is.
 */
import { RESIDENT_APPLICATION, RESIDENT_DEPARTMENT } from '../../sharing/residents.ts';
import { validateResidentId } from '../../sharing/identifiers/index.ts';
import type { ActionFacts } from './auditedAction.ts';
import { isBlank } from './applicationRules.ts';
import type { WorkflowContext } from './context.ts';
import { WorkflowError } from './errors.ts';
import type { Objection, PageRequest, RecordPage } from './types.ts';
import { addWorkingDays } from './workingDays.ts';

/** The resource a correction may name an item of: the person the resident is. */
export const CORRECTABLE_RESOURCE = 'Person';

/** The longest description kept (characters). */
export const MAX_CORRECTION_DESCRIPTION = 2000;

export interface CorrectionInput {
  /** The signed-in resident's ID (the grant's `rid`): the subject of the record. */
  resident: string;
  /** The item believed wrong, `Person.field`; its provider (from the catalogue) is asked. */
  item: string;
  /** What is wrong, and what the resident believes is right. */
  description: string;
  /** The gateway's request id, so the action's record and the request's share it. */
  requestId?: string;
}

export class Corrections {
  readonly #context: WorkflowContext;

  constructor(context: WorkflowContext) {
    this.#context = context;
  }

  async request(input: CorrectionInput): Promise<Objection> {
    const { records, auditor, calendar, objectionReplyDays } = this.#context;
    const elapsed = auditor.start();
    const now = this.#context.now();
    const resident = validateResidentId(input.resident);
    const actor = { application: RESIDENT_APPLICATION, department: RESIDENT_DEPARTMENT, roles: [], ...(input.requestId && { requestId: input.requestId }) };
    const policy = typeof input.item === 'string' ? this.#context.catalogue().items.get(input.item) : undefined;
    const provider = policy?.provider ?? null;
    const subject = `Cannot ask for a correction${provider ? ` by ${provider}` : ''}`;
    const facts: ActionFacts = { kind: 'correction.request', actor, provider, granted: [input.item], subjects: resident.ok ? [resident.value] : [] };
    if (!resident.ok) throw await auditor.refuse(facts, new WorkflowError('FORBIDDEN', subject, ['only a signed-in resident asks for a correction of their own records']), elapsed);

    const problems: string[] = [];
    if (!policy) problems.push(`${String(input.item)} is not in the catalogue (unknown item): name an item about you, such as Person.maritalStatus`);
    else if (policy.type !== CORRECTABLE_RESOURCE) problems.push(`${input.item} is not an item about a person: a correction names one of the catalogue's Person items`);
    else if (!provider) problems.push(`${input.item} names no provider in the catalogue, so nobody could correct it`);
    if (isBlank(input.description)) problems.push('description is missing: say what is wrong and what you believe is right');
    else if (input.description.trim().length > MAX_CORRECTION_DESCRIPTION) problems.push(`description is longer than ${MAX_CORRECTION_DESCRIPTION} characters`);
    if (problems.length > 0) throw await auditor.refuse(facts, new WorkflowError('INVALID', subject, problems), elapsed);

    const open = await records.objections.list({ visibleTo: null, consumer: RESIDENT_DEPARTMENT, subjectKey: resident.value, status: 'OPEN' }, now);
    const pending = open.find((objection) => objection.item === input.item);
    if (pending) {
      const problem = `your request ${pending.id} about ${input.item} is still open with ${pending.provider} (due by ${pending.deadline}); add to it once it is answered`;
      throw await auditor.refuse(facts, new WorkflowError('CONFLICT', subject, [problem]), elapsed);
    }

    const id = await records.objections.reserveId(now);
    await auditor.perform(facts, `${subject} (objection ${id})`, elapsed, () =>
      records.objections.create({
        id, consumer: RESIDENT_DEPARTMENT, provider: provider!, item: input.item, subjectKey: resident.value,
        description: input.description.trim(), reporter: { application: RESIDENT_APPLICATION, department: RESIDENT_DEPARTMENT },
        reportedAt: now, deadline: addWorkingDays(now, objectionReplyDays, calendar),
      }),
    );
    return (await records.objections.get(id, now))!;
  }

  /** The resident's corrections, oldest first, a page at a time, with how many there are. */
  async page(resident: string, page: PageRequest, now: Date = this.#context.now()): Promise<RecordPage<Objection>> {
    const check = validateResidentId(resident);
    if (!check.ok) throw new WorkflowError('FORBIDDEN', 'Cannot list corrections', ['only a signed-in resident lists their own corrections']);
    return this.#context.records.objections.page({ visibleTo: null, consumer: RESIDENT_DEPARTMENT, subjectKey: check.value }, page, now);
  }
}
