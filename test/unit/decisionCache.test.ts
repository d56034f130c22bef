/**
 * The operation-decision cache: one entry per (catalogue, operation, department, purpose, agreements by content,
 * variables when they select fields), least recently used dropped first, a new catalogue starting empty.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDecisionCache, selectionVariables, valuesOf, type CachedDecisions, type DecisionKeyParts } from '../../gateway/decide/decisionCache.ts';
import { readSharingCatalogue, type Agreement } from '../../sharing/index.ts';

const agreement: Agreement = {
  id: 'AGR-1', consumer: 'tax', provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'p',
  legalBasis: 'b', validFrom: '2025-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', status: 'APPROVED',
};
const parts: DecisionKeyParts = { queryHash: 'h', operationName: 'OneStop', department: 'tax', purpose: 'p', agreements: [agreement], variables: {} };
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

  it('takes into the key exactly the variables @skip or @include use, from the parsed document', () => {
    expect(selectionVariables(parse('query($x: Boolean!, $id: ID!) { a(id: $id) @include(if: $x) }'))).toEqual(['x']);
    expect(selectionVariables(parse('query($id: ID!) { a(id: $id) }'))).toEqual([]);
    expect(selectionVariables(parse('query($s: Boolean!) { ...F } fragment F on Query { a @skip(if: $s) }'))).toEqual(['s']);
    expect(valuesOf(['x', 'y'], { x: true, z: 1 })).toEqual({ x: true, y: null });
  });

  it('finds them however the directive is written: spaces, line breaks, commas and comments', () => {
    const blank = fc.constantFrom(' ', '  ', '\n', '\t', ',', ' # note\n');
    fc.assert(
      fc.property(fc.array(blank, { minLength: 8, maxLength: 8 }), fc.constantFrom('skip', 'include'), (b, name) => {
        const query = `query($s: Boolean!) { a${b[0]}@${b[1]}${name}${b[2]}(${b[3]}if${b[4]}:${b[5]}$s${b[6]})${b[7]}}`;
        expect(selectionVariables(parse(query))).toEqual(['s']);
      }),
      { seed: 15_3 },
    );
  });
});
