import { describe, expect, it } from 'vitest';
import { decide, type Agreement, type Caller, type ItemPolicy } from '../../sharing/index.ts';

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
    });
  });

  it('denies a conditional item when the request names no purpose, naming the purpose to send', () => {
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement()], null))).toMatchObject({
      effect: 'deny',
      reason: 'Person.maritalStatus is CONDITIONAL and the request names no purpose',
      remedy: 'send the header X-Purpose: income-tax (agreement AGR-1)',
    });
  });

  it('denies a conditional item requested for another purpose than the agreement', () => {
    expect(decide('Person.maritalStatus', maritalStatus, request([agreement()], 'audit'))).toMatchObject({
      effect: 'deny',
      reason: 'Person.maritalStatus is CONDITIONAL and tax\'s agreements with civil-affairs for it cover the purpose(s) income-tax, not "audit"',
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
      remedy: 'none: this item is never shared',
    });
  });

  it('applies the default level to an item without a policy: NONE unless configured', () => {
    expect(decide('Product.price', undefined, request([]))).toMatchObject({ effect: 'deny', level: 'NONE', provider: null });
    expect(decide('Product.price', undefined, request([]), { defaultLevel: 'UNCONDITIONAL' })).toMatchObject({ effect: 'allow', basis: 'default' });
  });
});
