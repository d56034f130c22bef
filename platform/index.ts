/** The sharing platform's store: agreements and the audit trail now; catalogue versions, applications and objections later. */
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
export type { AuditExportRange, AuditFilter, AuditHead, AuditPage, AuditPageRequest, AuditStats, AuditTrail, SealSigner } from './audit/trail.ts';
export type { SqliteAuditTrailOptions } from './audit/sqliteAuditTrail.ts';
export type { AuditEntry, AuditOutcome, AuditRecord, AuditSeal, ProviderAccess } from './audit/types.ts';
