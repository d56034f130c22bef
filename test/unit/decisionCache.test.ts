/**
 * The operation-decision cache: one entry per (catalogue, operation, department, purpose, agreements by content,
 * variables when they select fields), least recently used dropped first, a new catalogue starting empty.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDecisionCache, selectionsDependOnVariables, type CachedDecisions, type DecisionKeyParts } from '../../gateway/policy/decisionCache.ts';
import { readSharingCatalogue, type Agreement } from '../../sharing/index.ts';

const agreement: Agreement = {
  id: 'AGR-1', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'p',
  legalBasis: 'b', validFrom: '2025-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', status: 'APPROVED',
};
const parts: DecisionKeyParts = { queryHash: 'h', operationName: 'OneStop', department: 'tax', purpose: 'p', agreements: [agreement], variables: null };
const value = (name: string) => ({ decisions: { name }, rewrittenHash: null }) as unknown as CachedDecisions;
const catalogue = () => readSharingCatalogue(parse('type Query { a: String }'));

describe('createDecisionCache', () => {
  it('keys by everything a decision depends on, agreements by content', () => {
    const cache = createDecisionCache();
    const key = cache.key(parts);
    expect(cache.key({ ...parts })).toBe(key);
    for (const changed of [
      { queryHash: 'other' },
      { operationName: 'Other' },
      { department: 'health' },
      { purpose: null },
      { agreements: [] },
      { agreements: [{ ...agreement, items: [...agreement.items, 'Person.household'] }] },
      { agreements: [{ ...agreement, validUntil: '2026-01-01T00:00:00Z' }] },
      { variables: { withEstates: true } },
    ]) {
      expect(cache.key({ ...parts, ...changed })).not.toBe(key);
    }
  });

  it('drops the least recently used entry when full, and starts empty for a new catalogue', () => {
    const cache = createDecisionCache({ maxEntries: 2 });
    const first = catalogue();
    cache.set(first, 'a', value('a'));
    cache.set(first, 'b', value('b'));
    expect(cache.get(first, 'a')).toEqual(value('a'));
    cache.set(first, 'c', value('c'));
    expect([cache.get(first, 'a'), cache.get(first, 'b'), cache.get(first, 'c')]).toEqual([value('a'), undefined, value('c')]);
    expect(cache.get(catalogue(), 'a')).toBeUndefined();
  });

  it('takes variables into the key only when @skip or @include can use them', () => {
    expect(selectionsDependOnVariables('query($x: Boolean!) { a @include(if: $x) }')).toBe(true);
    expect(selectionsDependOnVariables('query($id: ID!) { a(id: $id) }')).toBe(false);
    expect(selectionsDependOnVariables(undefined)).toBe(true);
  });
});
