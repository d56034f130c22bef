import { describe, expect, it } from 'vitest';
import { decide, unknownPurpose, type Agreement, type AgreementNotInForce, type Caller, type ItemPolicy } from '../../sharing/index.ts';

const policy = (item: string, level: ItemPolicy['level'], provider: string, extra: Partial<ItemPolicy> = {}): ItemPolicy => {
  const [type, field] = item.split('.') as [string, string];
  return { item, type, field, level, provider, sensitive: false, reason: level === 'UNCONDITIONAL' ? null : 'a legal reason', description: 'd', key: false, ...extra };
};
const maritalStatus = policy('Person.maritalStatus', 'CONDITIONAL', 'civil-affairs');
const name = policy('Person.name', 'UNCONDITIONAL', 'public-security');
const idNumber = policy('Person.idNumber', 'UNCONDITIONAL', 'public-security', { sensitive: true, key: true });
const diagnoses = policy('Person.diagnoses', 'NONE', 'health', { reason: 'Health data is never shared (PIPL art. 28).' });

const tax: Caller = { application: 'tax-app', department: 'tax', roles: ['app'], anonymous: false };
const agreement = (overrides: Partial<Agreement> = {}): Agreement => ({
  id: 'AGR-1', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'income-tax',
  legalBasis: 'law', validFrom: '2025-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z', status: 'APPROVED', ...overrides,
});
const request = (agreements: Agreement[], purpose: string | null = 'income-tax', caller: Caller = tax) => ({ caller, purpose, agreements });

describe('decide', () => {
  it('allows an unconditional item to any department', () => {
    expect(decide('Person.name', name, request([]))).toEqual({
      effect: 'allow', item: 'Person.name', level: 'UNCONDITIONAL', provider: 'public-security', masked: false, basis: 'unconditional', agreementId: null,
    });
  });

  it('masks a sensitive unconditional item without an agreement that grants it raw', () => {
    expect(decide('Person.idNumber', idNumber, request([]))).toMatchObject({ effect: 'allow', masked: true });
    const raw = agreement({ id: 'AGR-RAW', provider: 'public-security', items: ['Person.idNumber'] });
    expect(decide('Person.idNumber', idNumber, request([raw]))).toMatchObject({ effect: 'allow', masked: false, agreementId: 'AGR-RAW' });
  });

  it('allows everything to the providing department itself', () => {
    const civil: Caller = { ...tax, department: 'civil-affairs' };
    expect(decide('Person.maritalStatus', maritalStatus, request([], null, civil))).toMatchObject({ effect: 'allow', basis: 'provider', masked: false });
    const health: Caller = { ...tax, department: 'health' };
    expect(decide('Person.diagnoses', diagnoses, request([], null, health))).toMatchObject({ effect: 'allow', basis: 'provider' });
  });

  it('allows a conditional item under an approved agreement for the named purpose or agreement id', () => {
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement()]))).toEqual({
      effect: 'allow', item: 'Person.maritalStatus', level: 'CONDITIONAL', provider: 'civil-affairs', masked: false, basis: 'agreement', agreementId: 'AGR-1',
    });
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement()], 'AGR-1'))).toMatchObject({ effect: 'allow', agreementId: 'AGR-1' });
  });

  it('denies a conditional item without an agreement and says whom to apply to', () => {
    expect(decide('Person.maritalStatus', maritalStatus, request([]))).toEqual({
      effect: 'deny', item: 'Person.maritalStatus', level: 'CONDITIONAL', provider: 'civil-affairs',
      reason: 'Person.maritalStatus is CONDITIONAL and tax has no approved agreement with civil-affairs for it',
      remedy: 'apply to civil-affairs for Person.maritalStatus, stating the purpose and legal basis',
      // Nothing was known of agreements not in force: what became of one can still be told (useSharingPolicy).
      noAgreement: true,
    });
    expect(decide('Person.maritalStatus', maritalStatus, { ...request([]), notInForce: [] })).not.toHaveProperty('noAgreement');
  });

  it('denies a conditional item when the request names no purpose, naming the purpose to send', () => {
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement()], null))).toMatchObject({
      effect: 'deny',
      reason: 'Person.maritalStatus is CONDITIONAL and the request names no purpose',
      remedy: 'send the header X-Purpose: income-tax (agreement AGR-1)',
    });
  });

  it('denies a conditional item requested for another purpose than the agreement, with a remedy that names the purpose to send', () => {
    const otherAgreement = agreement({ id: 'AGR-2', provider: 'public-security', items: ['Person.household'], purpose: 'audit' });
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement(), otherAgreement], 'audit'))).toEqual({
      effect: 'deny', item: 'Person.maritalStatus', level: 'CONDITIONAL', provider: 'civil-affairs',
      reason: 'Person.maritalStatus is CONDITIONAL and tax\'s agreements with civil-affairs for it cover the purpose(s) income-tax, not "audit"',
      remedy: 'send the header X-Purpose: income-tax (agreement AGR-1) for it, or apply to civil-affairs for Person.maritalStatus for "audit"',
    });
  });

  it('lists every purpose that would do when several agreements cover the item', () => {
    const agreements = [agreement(), agreement({ id: 'AGR-3', purpose: 'pension-check' }), agreement({ id: 'AGR-4', purpose: 'pension-check' })];
    expect(decide('Person.maritalStatus', maritalStatus, request(agreements, null))).toMatchObject({
      remedy: 'send the header X-Purpose: one of: income-tax (agreement AGR-1), pension-check (agreements AGR-3, AGR-4)',
    });
  });

  it('reads an agreement id in X-Purpose as one: the agreement named does not cover the item, and says which does', () => {
    const household = agreement({ id: 'AGR-5', provider: 'public-security', items: ['Person.household'], purpose: 'property-tax' });
    const householdPolicy = policy('Person.household', 'CONDITIONAL', 'public-security');
    expect(decide('Person.household', householdPolicy, request([agreement(), household], 'AGR-1'))).toEqual({
      effect: 'deny', item: 'Person.household', level: 'CONDITIONAL', provider: 'public-security',
      reason: 'Person.household is CONDITIONAL and agreement AGR-1, named in X-Purpose, does not cover it (it grants Person.maritalStatus of civil-affairs)',
      remedy: 'send the header X-Purpose: property-tax (agreement AGR-5) for it',
    });
  });

  it('says a purpose no agreement has is unknown (a typo), per item and once for the request', () => {
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement()], 'incme-tax'))).toEqual({
      effect: 'deny', item: 'Person.maritalStatus', level: 'CONDITIONAL', provider: 'civil-affairs',
      reason: 'Person.maritalStatus is CONDITIONAL and no agreement of tax in force has the purpose or id "incme-tax"',
      remedy: 'send the header X-Purpose: income-tax (agreement AGR-1) for it',
    });
    const household = agreement({ id: 'AGR-5', provider: 'public-security', items: ['Person.household'], purpose: 'property-tax' });
    expect(unknownPurpose(request([agreement(), household, agreement({ id: 'AGR-0' })], 'incme-tax'))).toEqual({
      message: 'X-Purpose "incme-tax" is neither the purpose nor the id of an agreement of tax in force, so it grants nothing; tax\'s purposes are income-tax (AGR-0, AGR-1), property-tax (AGR-5).',
      purposes: [{ purpose: 'income-tax', agreements: ['AGR-0', 'AGR-1'] }, { purpose: 'property-tax', agreements: ['AGR-5'] }],
    });
    expect(unknownPurpose(request([], 'anything'))).toEqual({ message: 'X-Purpose "anything" names no agreement: tax has no agreement in force, so it grants nothing.', purposes: [] });
    expect([unknownPurpose(request([agreement()], 'income-tax')), unknownPurpose(request([agreement()], 'AGR-1')), unknownPurpose(request([agreement()], null))]).toEqual([null, null, null]);
  });

  it('says what became of an agreement that listed the item: pending, rejected, revoked or expired', () => {
    const former = (status: Agreement['status'], extra: Partial<AgreementNotInForce> = {}): AgreementNotInForce => ({
      agreement: agreement({ id: `AGR-${status}`, status }), since: '2026-11-20T02:00:00.000Z', reason: null, ...extra,
    });
    const denial = (notInForce: AgreementNotInForce[]) => {
      const decision = decide('Person.maritalStatus', maritalStatus, { ...request([]), notInForce });
      return decision.effect === 'deny' ? { reason: decision.reason, remedy: decision.remedy } : decision;
    };
    expect(denial([former('REVOKED', { reason: 'no longer needed.' })])).toEqual({
      reason: 'Person.maritalStatus is CONDITIONAL and tax\'s agreement AGR-REVOKED for it (income-tax) was revoked on 2026-11-20T02:00:00.000Z (no longer needed)',
      remedy: 'apply to civil-affairs for Person.maritalStatus, stating the purpose and legal basis',
    });
    expect(denial([former('REJECTED', { reason: 'not necessary' })])).toEqual({
      reason: 'Person.maritalStatus is CONDITIONAL and tax\'s agreement AGR-REJECTED for it (income-tax) was rejected on 2026-11-20T02:00:00.000Z (not necessary)',
      remedy: 'apply to civil-affairs for Person.maritalStatus, stating the purpose and legal basis, answering the reason AGR-REJECTED was rejected',
    });
    expect(denial([former('EXPIRED', { since: '2026-06-30T16:00:00.000Z' })])).toEqual({
      reason: 'Person.maritalStatus is CONDITIONAL and tax\'s agreement AGR-EXPIRED for it (income-tax) expired on 2026-06-30T16:00:00.000Z',
      remedy: 'apply to civil-affairs to renew AGR-EXPIRED for Person.maritalStatus, stating the purpose and legal basis',
    });
    // A pending application wins over older history: it is what will grant the item.
    expect(denial([former('REVOKED'), former('PENDING', { since: '2026-11-01T00:00:00.000Z', deadline: '2026-11-17T16:00:00.000Z' })])).toEqual({
      reason: 'Person.maritalStatus is CONDITIONAL and tax\'s application AGR-PENDING for it (income-tax) is pending with civil-affairs, its reply due by 2026-11-17T16:00:00.000Z',
      remedy: 'wait for civil-affairs\'s decision on AGR-PENDING; it grants the item from the moment it is approved',
    });
    // Another item's history says nothing about this one.
    expect(denial([{ ...former('REVOKED'), agreement: agreement({ items: ['Person.subsistenceAllowance'], status: 'REVOKED' }) }])).toMatchObject({
      reason: 'Person.maritalStatus is CONDITIONAL and tax has no approved agreement with civil-affairs for it',
    });
  });

  it('ignores agreements of another consumer, with another provider, or for other items', () => {
    const others = [
      agreement({ consumer: 'market-regulation' }),
      agreement({ provider: 'public-security' }),
      agreement({ items: ['Person.subsistenceAllowance'] }),
    ];
    expect(decide('Person.maritalStatus', maritalStatus, request(others))).toMatchObject({ effect: 'deny', remedy: expect.stringMatching(/^apply to civil-affairs/) });
  });

  it('never shares a NONE item outside its provider, whatever the agreements say', () => {
    const forged = agreement({ provider: 'health', items: ['Person.diagnoses'] });
    expect(decide('Person.diagnoses', diagnoses, request([forged]))).toEqual({
      effect: 'deny', item: 'Person.diagnoses', level: 'NONE', provider: 'health',
      reason: 'Person.diagnoses is not shared outside health: Health data is never shared (PIPL art. 28).',
      remedy: 'it cannot be obtained: health shares it with no other department, under any agreement',
    });
  });

  it('applies the default level to an item without a policy: NONE unless configured', () => {
    expect(decide('Product.price', undefined, request([]))).toMatchObject({ effect: 'deny', level: 'NONE', provider: null });
    expect(decide('Product.price', undefined, request([]), { defaultLevel: 'UNCONDITIONAL' })).toMatchObject({ effect: 'allow', basis: 'default' });
  });
});
