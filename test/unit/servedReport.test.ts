/**
 * A department's report of what it served, as the gateway checks it: its canonical JSON written for its one shape
 * is byte for byte the generic canonical JSON (generated reports, any Unicode, escapes and lone surrogates
 * included), and a report with a field the shape lacks, or a field of the wrong kind, is refused before its MAC
 * or digest is even computed.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../sharing/canonicalJson.ts';
import { checkSealedReport, reportJson, sealReport, type ServedReport } from '../../sharing/servedReport.ts';

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('"', '\\', '\u2028', '\ud800', '\u0000'));
const report: fc.Arbitrary<ServedReport> = fc.record({
  department: text,
  requestId: text,
  grant: text,
  operation: text,
  served: fc.array(text, { maxLength: 5 }),
  masked: fc.array(text, { maxLength: 5 }),
  denied: fc.array(text, { maxLength: 5 }),
  subjects: fc.array(text, { maxLength: 5 }),
});

describe('a served report', () => {
  it('is written as its canonical JSON', () => {
    fc.assert(
      fc.property(report, (r) => {
        expect(reportJson(r)).toBe(canonicalJson(r));
      }),
      { numRuns: 500, seed: 1203 },
    );
  });

  it('is refused with a field its shape lacks, or a field of the wrong kind', () => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const secret = randomBytes(32);
    const r: ServedReport = { department: 'tax', requestId: 'r1', grant: 'g1', operation: 'o1', served: ['Enterprise.taxCreditRating'], masked: [], denied: [], subjects: ['X'] };
    const expected = { department: 'tax', requestId: 'r1', grant: 'g1', operation: 'o1', secret };
    const sealed = sealReport(r, { kid: 'k', privateKey: keys.privateKey }, secret);
    expect(checkSealedReport(sealed, expected)).toEqual(sealed);
    expect(checkSealedReport({ ...sealed, report: { ...r, extra: ['Person.idNumber'] } }, expected)).toMatch(/fields other than/);
    expect(checkSealedReport({ ...sealed, report: { ...r, operation: 7 } }, expected)).toMatch(/`operation` is not a string/);
    expect(checkSealedReport({ ...sealed, report: { ...r, subjects: ['Y'] } }, expected)).toBe('its report does not match its digest');
  });
});
