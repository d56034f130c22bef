/**
 * Assembles the sharing workflow (applications and objections) over the platform store, the catalogue and a
 * holiday calendar. Options are validated here, naming the bad one, so a misconfiguration fails at start rather
 * than on the first application.
 */
import type { SharingCatalogue } from '../../sharing/catalogue.ts';
import type { AgreementStore } from '../agreements/types.ts';
import type { AuditTrail } from '../audit/trail.ts';
import { Applications } from './applications.ts';
import { WorkflowAuditor } from './auditedAction.ts';
import { loadHolidayCalendar } from './holidayCalendar.ts';
import { Objections } from './objections.ts';
import { rolePolicyProblems, WORKFLOW_ROLES, type RolePolicy } from './roles.ts';
import type { WorkflowRecords } from './types.ts';
import { calendarProblems, type WorkingCalendar } from './workingDays.ts';

export interface WorkflowOptions {
  /** The platform store (`openPlatformStore`): its workflow records, agreements and audit trail. Required. */
  store: { workflowRecords: WorkflowRecords; audit: AuditTrail; agreements: Pick<AgreementStore, 'agreementsFor' | 'get'> };
  /** The sharing catalogue (`readSharingCatalogue(parse(supergraphSdl))`), or a function returning the current one. Required. */
  catalogue: SharingCatalogue | (() => SharingCatalogue);
  /** Holidays and adjusted working days. Default `loadHolidayCalendar()`: `holidays-cn.json` (2025 and 2026). */
  calendar?: WorkingCalendar;
  /** Working days a provider has to decide an application, counted from the day after it is made. Default 10. */
  replyDays?: number;
  /** Working days a provider has to answer an objection. Default 10. */
  objectionReplyDays?: number;
  /** Roles allowed per action. Default `WORKFLOW_ROLES`. */
  roles?: RolePolicy;
  /** The clock for actions, deadlines and overdue flags. Default `() => new Date()`. */
  now?: () => Date;
}

export interface Workflow {
  applications: Applications;
  objections: Objections;
}

const KNOWN_OPTIONS = new Set(['store', 'catalogue', 'calendar', 'replyDays', 'objectionReplyDays', 'roles', 'now']);
const DEFAULT_REPLY_DAYS = 10;

export function openWorkflow(options: WorkflowOptions): Workflow {
  checkOptions(options);
  const { store, catalogue } = options;
  const now = options.now ?? (() => new Date());
  const context = {
    records: store.workflowRecords,
    auditor: new WorkflowAuditor(store.audit, now),
    agreements: store.agreements,
    trail: store.audit,
    catalogue: typeof catalogue === 'function' ? catalogue : () => catalogue,
    calendar: options.calendar ?? loadHolidayCalendar(),
    replyDays: options.replyDays ?? DEFAULT_REPLY_DAYS,
    objectionReplyDays: options.objectionReplyDays ?? DEFAULT_REPLY_DAYS,
    roles: options.roles ?? WORKFLOW_ROLES,
    now,
  };
  return { applications: new Applications(context), objections: new Objections(context) };
}

function checkOptions(options: WorkflowOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('openWorkflow: options must be an object with at least `store` and `catalogue`.');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`openWorkflow: unknown option \`${key}\` (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
  }
  if (!options.store?.workflowRecords || !options.store.audit || !options.store.agreements) {
    throw new TypeError('openWorkflow: option `store` is required (the platform store from openPlatformStore).');
  }
  const { catalogue } = options;
  if (typeof catalogue !== 'function' && !(catalogue?.items instanceof Map)) {
    throw new TypeError('openWorkflow: option `catalogue` is required (readSharingCatalogue(parse(supergraphSdl)), or a function returning it).');
  }
  for (const name of ['replyDays', 'objectionReplyDays'] as const) {
    const days = options[name];
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 366)) {
      throw new TypeError(`openWorkflow: option \`${name}\` must be a whole number of working days from 1 to 366; got ${String(days)}.`);
    }
  }
  if (options.calendar !== undefined) {
    const problems = calendarProblems(options.calendar);
    if (problems.length > 0) throw new TypeError(`openWorkflow: option \`calendar\` is invalid: ${problems.join('; ')}.`);
  }
  if (options.roles !== undefined) {
    const problems = rolePolicyProblems(options.roles);
    if (problems.length > 0) throw new TypeError(`openWorkflow: option \`roles\` is invalid: ${problems.join('; ')}.`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('openWorkflow: option `now` must be a function returning a Date.');
}
