/**
 * The embedded default's demonstration agreements, recorded through the store's own API (so they pass the
 * same validation and leave the same status history as real ones). Seeding is idempotent: an agreement that
 * exists is left as it is, so a later decision by an operator is never undone by a restart.
 *
 * | id            | consumer          | provider          | items                                                                                        | purpose                           | legal basis                                                                 | valid                    | status   |
 * |---------------|-------------------|-------------------|----------------------------------------------------------------------------------------------|-----------------------------------|-----------------------------------------------------------------------------|--------------------------|----------|
 * | AGR-2025-0001 | civil-affairs     | public-security   | Person.household, Person.ethnicity                                                           | marriage-registration             | Marriage Registration Regulations art. 5                                    | 2025-08-01 → 2030-12-31  | APPROVED |
 * | AGR-2025-0002 | tax               | civil-affairs     | Person.maritalStatus                                                                         | individual-income-tax-deduction   | Individual Income Tax Law art. 6; Interim Measures for Special Additional Deductions | 2025-08-01 → 2030-12-31 | APPROVED |
 * | AGR-2025-0003 | tax               | natural-resources | Person.realEstates, RealEstate.address, RealEstate.area, RealEstate.usage, RealEstate.registeredOn | property-tax-assessment     | Tax Collection Administration Law art. 6; Real Estate Registration Regulations art. 27                                   | 2025-08-01 → 2030-12-31  | APPROVED |
 * | AGR-2025-0004 | tax               | public-security   | Person.household                                                                             | property-tax-assessment           | Tax Collection Administration Law art. 6                                    | 2025-08-01 → 2030-12-31  | APPROVED |
 * | AGR-2025-0005 | tax               | human-resources   | Person.socialInsurance                                                                       | property-tax-assessment           | Social Insurance Law art. 59; Tax Collection Administration Law art. 6                                   | 2025-08-01 → 2030-12-31  | APPROVED |
 * | AGR-2025-0006 | human-resources   | public-security   | Person.idNumber (granted raw: it is sensitive), Person.household                             | social-insurance-enrolment        | Social Insurance Law art. 58                                                | 2025-08-01 → 2030-12-31  | APPROVED |
 * | AGR-2024-0007 | civil-affairs     | human-resources   | Person.socialInsurance                                                                       | subsistence-allowance-review      | Interim Measures for Social Assistance art. 11                                   | 2024-01-01 → 2025-06-30  | EXPIRED (stored APPROVED) |
 * | AGR-2025-0008 | market-regulation | public-security   | Person.household                                                                             | business-registration             | Regulations on the Registration of Market Entities art. 16                                   | 2025-08-01 → 2030-12-31  | REVOKED: "Purpose fulfilled; access no longer necessary" |
 * | AGR-2025-0009 | natural-resources | civil-affairs     | Person.maritalStatus                                                                         | real-estate-registration          | Real Estate Registration Regulations art. 16                                   | 2025-08-01 → 2030-12-31  | PENDING  |
 *
 * Validity is [validFrom, validUntil) at 00:00 UTC: "2025-08-01 → 2030-12-31" grants from
 * 2025-08-01T00:00:00.000Z up to, not including, 2030-12-31T00:00:00.000Z.
 */
import type { AgreementStatus } from '../sharing/types.ts';
import type { AgreementStore, NewAgreement } from './agreements/types.ts';

export interface DemoAgreement {
  agreement: NewAgreement;
  /** A decision recorded after creation (e.g. a revocation), with its reason. */
  then?: { status: AgreementStatus; reason: string };
}

export interface SeedAgreementsResult {
  /** Ids of the agreements this call created (empty when all existed). */
  created: string[];
}

/** The actor recorded in the status history of seeded agreements. */
export const SEED_ACTOR = 'govgraph-seed';

const CURRENT = { validFrom: '2025-08-01', validUntil: '2030-12-31' } as const;

export const DEMO_AGREEMENTS: readonly DemoAgreement[] = [
  {
    agreement: {
      id: 'AGR-2025-0001', consumer: 'civil-affairs', provider: 'public-security',
      items: ['Person.household', 'Person.ethnicity'], purpose: 'marriage-registration',
      legalBasis: 'Marriage Registration Regulations art. 5', ...CURRENT, status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2025-0002', consumer: 'tax', provider: 'civil-affairs',
      items: ['Person.maritalStatus'], purpose: 'individual-income-tax-deduction',
      legalBasis: 'Individual Income Tax Law art. 6; Interim Measures for Special Additional Deductions', ...CURRENT, status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2025-0003', consumer: 'tax', provider: 'natural-resources',
      items: ['Person.realEstates', 'RealEstate.address', 'RealEstate.area', 'RealEstate.usage', 'RealEstate.registeredOn'],
      purpose: 'property-tax-assessment', legalBasis: 'Tax Collection Administration Law art. 6; Real Estate Registration Regulations art. 27', ...CURRENT, status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2025-0004', consumer: 'tax', provider: 'public-security',
      items: ['Person.household'], purpose: 'property-tax-assessment', legalBasis: 'Tax Collection Administration Law art. 6', ...CURRENT, status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2025-0005', consumer: 'tax', provider: 'human-resources',
      items: ['Person.socialInsurance'], purpose: 'property-tax-assessment', legalBasis: 'Social Insurance Law art. 59; Tax Collection Administration Law art. 6', ...CURRENT, status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2025-0006', consumer: 'human-resources', provider: 'public-security',
      items: ['Person.idNumber', 'Person.household'], purpose: 'social-insurance-enrolment',
      legalBasis: 'Social Insurance Law art. 58', ...CURRENT, status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2024-0007', consumer: 'civil-affairs', provider: 'human-resources',
      items: ['Person.socialInsurance'], purpose: 'subsistence-allowance-review', legalBasis: 'Interim Measures for Social Assistance art. 11',
      validFrom: '2024-01-01', validUntil: '2025-06-30', status: 'APPROVED',
    },
  },
  {
    agreement: {
      id: 'AGR-2025-0008', consumer: 'market-regulation', provider: 'public-security',
      items: ['Person.household'], purpose: 'business-registration', legalBasis: 'Regulations on the Registration of Market Entities art. 16', ...CURRENT, status: 'APPROVED',
    },
    then: { status: 'REVOKED', reason: 'Purpose fulfilled; access no longer necessary' },
  },
  {
    agreement: {
      id: 'AGR-2025-0009', consumer: 'natural-resources', provider: 'civil-affairs',
      items: ['Person.maritalStatus'], purpose: 'real-estate-registration', legalBasis: 'Real Estate Registration Regulations art. 16', ...CURRENT, status: 'PENDING',
    },
  },
];

/** Records the demonstration agreements that are missing; finishes a decision an interrupted seed left out. */
export async function seedDemoAgreements(store: AgreementStore): Promise<SeedAgreementsResult> {
  const created: string[] = [];
  for (const { agreement, then } of DEMO_AGREEMENTS) {
    let current = await store.get(agreement.id);
    if (!current) {
      current = await store.create(agreement, { actor: SEED_ACTOR });
      created.push(agreement.id);
    }
    const initial = agreement.status ?? 'PENDING';
    const stillInitial = current.status === initial || (initial === 'APPROVED' && current.status === 'EXPIRED');
    if (then && stillInitial) {
      await store.setStatus(agreement.id, then.status, { reason: then.reason, actor: SEED_ACTOR });
    }
  }
  return { created };
}
