/** What the workflow's services share, built once by `openWorkflow` from its options. */
import type { SharingCatalogue } from '../../sharing/catalogue.ts';
import type { WorkflowAuditor } from './auditedAction.ts';
import type { RolePolicy } from './roles.ts';
import type { WorkflowRecords } from './types.ts';
import type { WorkingCalendar } from './workingDays.ts';

export interface WorkflowContext {
  records: WorkflowRecords;
  auditor: WorkflowAuditor;
  /** The catalogue as of now (the supergraph may be reloaded). */
  catalogue: () => SharingCatalogue;
  calendar: WorkingCalendar;
  /** Working days a provider has to decide an application. */
  replyDays: number;
  /** Working days a provider has to answer an objection. */
  objectionReplyDays: number;
  roles: RolePolicy;
  now: () => Date;
}
