/** What the workflow's services share, built once by `openWorkflow` from its options. */
import type { SharingCatalogue } from '../../sharing/catalogue.ts';
import type { AgreementStore } from '../agreements/types.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { WorkflowAuditor } from './auditedAction.ts';
import type { DisputeSettings } from './disputeRules.ts';
import type { RolePolicy } from './roles.ts';
import type { WorkflowRecords } from './types.ts';
import type { WorkingCalendar } from './workingDays.ts';

export interface WorkflowContext {
  records: WorkflowRecords;
  auditor: WorkflowAuditor;
  /** The agreements in force a department holds, for what it may receive (`sharing/decide.ts` decides). */
  agreements: Pick<AgreementStore, 'agreementsFor' | 'get'>;
  /** The audit trail's read side: what a department was served, as the departments reported it. */
  trail: Pick<AuditTrail, 'query'>;
  /** The catalogue as of now (the supergraph may be reloaded). */
  catalogue: () => SharingCatalogue;
  calendar: WorkingCalendar;
  /** Working days a provider has to decide an application. */
  replyDays: number;
  /** Working days a provider has to answer an objection. */
  objectionReplyDays: number;
  /** Working days of each stage of a dispute, and who coordinates and decides after negotiation. */
  disputes: DisputeSettings;
  roles: RolePolicy;
  now: () => Date;
}
