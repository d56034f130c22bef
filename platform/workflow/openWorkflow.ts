/**
 * Assembles the sharing workflow (applications, objections and disputes) over the platform store, the catalogue and a
 * holiday calendar. Options are validated here, naming the bad one, so a misconfiguration fails at start rather
 * than on the first application.
 */
import type { SharingCatalogue } from '../../sharing/catalogue.ts';
import type { AgreementStore } from '../agreements/types.ts';
import type { AuditTrail } from '../audit/trail.ts';
import { Applications } from './applications.ts';
import { WorkflowAuditor } from './auditedAction.ts';
import { loadHolidayCalendar } from './holidayCalendar.ts';
import { DEFAULT_DISPUTE_DAYS, DEFAULT_DISPUTE_PARTIES } from './disputeRules.ts';
import { Disputes } from './disputes.ts';
import { DISPUTE_STAGES, type DisputeStage } from './disputeTypes.ts';
import { Objections } from './objections.ts';
import { Corrections } from './corrections.ts';
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
  /**
   * Working days of each stage of a dispute (negotiation, the competent department, the common superior), counted
   * from the day after the stage opens. Default 10 each.
   */
  disputeDays?: Partial<Record<DisputeStage, number>>;
  /**
   * The department ids that take a dispute after negotiation: the competent department (coordinates) and the common
   * superior (decides). Default `platform` (the sharing platform's own department) and `people-government`.
   */
  disputeParties?: { competentDepartment?: string; commonSuperior?: string };
  /** Roles allowed per action. Default `WORKFLOW_ROLES`. */
  roles?: RolePolicy;
  /** The clock for actions, deadlines and overdue flags. Default `() => new Date()`. */
  now?: () => Date;
}

export interface Workflow {
  applications: Applications;
  objections: Objections;
  disputes: Disputes;
  /** Residents' requests to correct their own records (objections with the resident as subject). */
  corrections: Corrections;
}

const KNOWN_OPTIONS = new Set(['store', 'catalogue', 'calendar', 'replyDays', 'objectionReplyDays', 'disputeDays', 'disputeParties', 'roles', 'now']);
const DEPARTMENT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
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
    disputes: {
      days: { ...DEFAULT_DISPUTE_DAYS, ...options.disputeDays },
      ...DEFAULT_DISPUTE_PARTIES,
      ...options.disputeParties,
    },
    roles: options.roles ?? WORKFLOW_ROLES,
    now,
  };
  return {
    applications: new Applications(context), objections: new Objections(context), disputes: new Disputes(context), corrections: new Corrections(context),
  };
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
  for (const [stage, days] of Object.entries(options.disputeDays ?? {})) {
    if (!DISPUTE_STAGES.includes(stage as DisputeStage)) {
      throw new TypeError(`openWorkflow: option \`disputeDays\` names an unknown stage \`${stage}\` (stages: ${DISPUTE_STAGES.join(', ')}).`);
    }
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 366)) {
      throw new TypeError(`openWorkflow: option \`disputeDays.${stage}\` must be a whole number of working days from 1 to 366; got ${String(days)}.`);
    }
  }
  const parties = { ...DEFAULT_DISPUTE_PARTIES, ...options.disputeParties };
  for (const [name, id] of Object.entries(parties)) {
    if (typeof id !== 'string' || !DEPARTMENT_ID.test(id)) {
      throw new TypeError(`openWorkflow: option \`disputeParties.${name}\` must be a kebab-case department id; got ${JSON.stringify(id)}.`);
    }
  }
  if (parties.competentDepartment === parties.commonSuperior) {
    throw new TypeError(`openWorkflow: options \`disputeParties.competentDepartment\` and \`commonSuperior\` must be different departments; both are ${parties.commonSuperior}.`);
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
