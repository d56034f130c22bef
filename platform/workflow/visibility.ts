/**
 * Who may know that a workflow record exists: the departments it concerns (an application's or objection's
 * consumer and provider; a dispute's parties and, once it reaches them, the competent department and the common
 * superior). To anyone else an id that exists and an id that does not answer alike: the same NOT_FOUND, the same
 * message, naming no party, and an audit record of the refusal that holds nothing of the record either (the
 * caller reads its own refusals back through `myAccesses`). So probing ids teaches a department nothing.
 */
import type { ActionFacts } from './auditedAction.ts';
import { WorkflowError } from './errors.ts';
import { isActor, UNIDENTIFIED } from './roles.ts';

export type WorkflowRecordKind = 'application or agreement' | 'objection' | 'dispute';

const LISTS: Record<WorkflowRecordKind, string> = {
  'application or agreement': 'applications and agreements list those that do',
  objection: 'objections lists those that do',
  dispute: 'disputes lists those that do',
};

/** Whether the actor's department is one of `departments`: the record's parties as seen from the actor. */
export function concerns(actor: unknown, departments: readonly string[]): boolean {
  return isActor(actor) && departments.includes(actor.department);
}

/**
 * The one answer for an id the actor may not know of, whether it exists or not: `subject` is what was refused
 * ("Cannot read OBJ-2026-0001"), built from the id as the caller sent it, never from the record. An unidentified
 * actor is told that, whatever the id.
 */
export function notFound(subject: string, actor: unknown, kind: WorkflowRecordKind): WorkflowError {
  if (!isActor(actor)) return new WorkflowError('FORBIDDEN', subject, [UNIDENTIFIED]);
  return new WorkflowError('NOT_FOUND', subject, [`no ${kind} with that id concerns ${actor.department}; ${LISTS[kind]}`]);
}

/** The audit facts of a refusal for an id the actor may not know of: the action and the actor only. */
export function unseenFacts(kind: ActionFacts['kind'], actor: unknown): ActionFacts {
  return { kind, actor, provider: null };
}
