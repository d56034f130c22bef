/** The sharing platform's store: agreements, the audit trail, and the workflow (applications, objections, disputes); catalogue versions later. */
export { openPlatformStore, type PlatformStore, type PlatformStoreOptions } from './platformStore.ts';
export { AgreementError, type AgreementErrorCode } from './agreements/errors.ts';
export type {
  AgreementFilter,
  AgreementStatusChange,
  AgreementStore,
  CreateOptions,
  NewAgreement,
  StatusChangeOptions,
} from './agreements/types.ts';
export { DEMO_AGREEMENTS, SEED_ACTOR, seedDemoAgreements, type DemoAgreement, type SeedAgreementsResult } from './seed.ts';
export type { Agreement, AgreementStatus } from '../sharing/types.ts';
export { AuditUnavailableError } from './audit/errors.ts';
export { canonicalJson, GENESIS_HASH, recordHash } from './audit/canonical.ts';
export { verifyTrail, type AuditLine, type VerifyFailure, type VerifyOptions, type VerifyResult } from './audit/verify.ts';
export type { AuditExportRange, AuditFilter, AuditHead, AuditPage, AuditPageRequest, AuditSink, AuditStats, AuditTrail, SealSigner } from './audit/trail.ts';
export { outcomeOf } from './audit/outcome.ts';
export type { SqliteAuditTrailOptions } from './audit/sqliteAuditTrail.ts';
export { AUDIT_OUTCOMES, type AuditEntry, type AuditOutcome, type AuditRecord, type AuditSeal, type ProviderAccess, type ReportSeal } from './audit/types.ts';
export { PlatformSchemaVersions, type NewSchemaVersion, type RecordedChange, type SchemaVersion, type SchemaVersionStore } from './schemaRegistry/index.ts';
export { openWorkflow, type Workflow, type WorkflowOptions } from './workflow/openWorkflow.ts';
export { WorkflowError, type WorkflowErrorCode } from './workflow/errors.ts';
export { WORKFLOW_ROLES, type RolePolicy, type WorkflowAction, type WorkflowActor } from './workflow/roles.ts';
export { addWorkingDays, type WorkingCalendar } from './workflow/workingDays.ts';
export { DEFAULT_HOLIDAY_CALENDAR_FILE, loadHolidayCalendar, type HolidayCalendar } from './workflow/holidayCalendar.ts';
export type { Applications, ApplicationFilter } from './workflow/applications.ts';
export type { ApplyInput, DecideInput, RevokeInput } from './workflow/applicationRules.ts';
export type { AnswerInput, ObjectionFilter, Objections, ReportInput } from './workflow/objections.ts';
export { CORRECTABLE_RESOURCE, MAX_CORRECTION_DESCRIPTION, type CorrectionInput, type Corrections } from './workflow/corrections.ts';
export type { DisputeFilter, DisputeOutcomeInput, Disputes, EscalateDisputeInput, RaiseDisputeInput } from './workflow/disputes.ts';
export { DEFAULT_DISPUTE_DAYS, DEFAULT_DISPUTE_PARTIES } from './workflow/disputeRules.ts';
export {
  DISPUTE_STAGES, type Dispute, type DisputeMatterKind, type DisputeOutcome, type DisputeStage, type DisputeStatus, type DisputeStep,
  type FinalDisputeOutcome,
} from './workflow/disputeTypes.ts';
export type { Application, ApplicationRequest, Objection, ObjectionAnswer, ObjectionStatus, PageRequest, RecordPage, WorkflowChange, WorkflowParty, WorkflowRecords } from './workflow/types.ts';
