/**
 * Who may do what in the workflow, as data: an action is allowed when the actor acts for the department the
 * action belongs to (the consumer for applying, reporting, raising and escalating a dispute; the provider for
 * deciding, revoking and answering; either party for recording the outcome of their negotiation; the competent
 * department, then the common superior, for recording a dispute's outcome at their stage; their own for reading)
 * and holds one of the roles the policy lists for it. The check returns a decision value; the caller turns a
 * denial into a FORBIDDEN error and an audit record.
 */
import { WorkflowError } from './errors.ts';

/** The caller, from its verified token: `sub`, `dept` and `roles`. */
export interface WorkflowActor {
  /** Application id (the token's `sub`); recorded as the actor of every change. */
  application: string;
  /** Department id (the token's `dept`). */
  department: string;
  roles: readonly string[];
  /** Correlates the audit record with the request that carried the action (e.g. `x-request-id`). Default: a new UUID. */
  requestId?: string;
}

export type WorkflowAction = 'apply' | 'decide' | 'revoke' | 'report' | 'answer' | 'read' | 'raise' | 'escalate' | 'negotiate' | 'arbitrate';

/** Roles allowed per action; any one of them suffices. */
export type RolePolicy = Readonly<Record<WorkflowAction, readonly string[]>>;

/**
 * Department admins apply, decide, revoke, answer and carry disputes; applications may also report wrong records;
 * everyone reads.
 */
export const WORKFLOW_ROLES: RolePolicy = {
  apply: ['dept-admin'],
  decide: ['dept-admin'],
  revoke: ['dept-admin'],
  report: ['dept-admin', 'app'],
  answer: ['dept-admin'],
  read: ['dept-admin', 'app', 'analyst'],
  raise: ['dept-admin'],
  escalate: ['dept-admin'],
  negotiate: ['dept-admin'],
  arbitrate: ['dept-admin'],
};

export type Permission = { effect: 'allow' } | { effect: 'deny'; reason: string };

/** Why a caller without an application, a department or roles is refused, whatever it asked. */
export const UNIDENTIFIED = 'the caller is not identified (an actor needs an application, a department and roles)';

const DOING: Record<WorkflowAction, string> = {
  apply: 'apply on its behalf',
  decide: 'decide it',
  revoke: 'revoke it',
  report: 'report an objection on its behalf',
  answer: 'answer it',
  read: 'read its applications, objections and disputes',
  raise: 'raise a dispute on its behalf',
  escalate: 'escalate its dispute',
  negotiate: 'record the outcome of their negotiation',
  arbitrate: 'record the outcome of the dispute at this stage',
};

/** Whether `actor` may perform `action` for `department`, or for any one of several (either party of a negotiation). */
export function permission(policy: RolePolicy, actor: unknown, action: WorkflowAction, department: string | readonly string[]): Permission {
  if (!isActor(actor)) {
    return { effect: 'deny', reason: UNIDENTIFIED };
  }
  const departments = typeof department === 'string' ? [department] : department;
  const allowed = policy[action];
  if (departments.includes(actor.department) && actor.roles.some((role) => allowed.includes(role))) return { effect: 'allow' };
  const roles = actor.roles.length > 0 ? `the roles ${actor.roles.join(', ')}` : 'no role';
  return {
    effect: 'deny',
    reason: `only a ${allowed.join(' or ')} of ${departments.join(' or ')} may ${DOING[action]}; ${actor.application} acts for ${actor.department} with ${roles}`,
  };
}

/** Throws FORBIDDEN unless `actor` may read the workflow of its own department. */
export function assertReader(policy: RolePolicy, actor: unknown, subject: string): asserts actor is WorkflowActor {
  const department = isActor(actor) ? actor.department : '';
  const allowed = permission(policy, actor, 'read', department);
  if (allowed.effect === 'deny') throw new WorkflowError('FORBIDDEN', subject, [allowed.reason]);
}

export function isActor(actor: unknown): actor is WorkflowActor {
  if (typeof actor !== 'object' || actor === null) return false;
  const { application, department, roles } = actor as Record<string, unknown>;
  return (
    typeof application === 'string' && application !== '' &&
    typeof department === 'string' && department !== '' &&
    Array.isArray(roles) && roles.every((role) => typeof role === 'string')
  );
}

/** Every problem of a role policy given as an option; empty when usable. */
export function rolePolicyProblems(policy: unknown): string[] {
  if (typeof policy !== 'object' || policy === null) return ['it must map each action to the roles allowed it'];
  const problems: string[] = [];
  for (const action of Object.keys(DOING) as WorkflowAction[]) {
    const roles = (policy as Record<string, unknown>)[action];
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => typeof role === 'string' && role !== '')) {
      problems.push(`\`${action}\` must list at least one role`);
    }
  }
  return problems;
}
