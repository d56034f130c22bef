/** Per-agreement daily records, counted in the platform store (shared by every replica). */
export { SqliteAgreementUsage, quotaDay, type AgreementUsage } from './agreementUsage.ts';
