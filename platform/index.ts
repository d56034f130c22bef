/** The sharing platform's store: agreements now; catalogue versions, applications, objections and audit later. */
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
