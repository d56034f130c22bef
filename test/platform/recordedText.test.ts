/**
 * Bounded records: every string a record keeps loses its control characters and is cut, with a marker, to its
 * limit, whoever wrote the entry; checked with generated hostile strings (seeded) and through both stores.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { forEachStore } from '../harness/platformStores.ts';
import { openPlatformStore, type AuditEntry, type PlatformStore } from '../../platform/index.ts';
import { boundedEntry, cut, RECORDED_TEXT_LIMITS, recordedText } from '../../platform/audit/recordedText.ts';

const CONTROL = /[\p{Cc}\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const sha12 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
/** What a cut string ends with: its length and the start of its sha256. */
const marker = (text: string) => `…[cut: ${text.length} characters, sha256 ${sha12(text)}]`;
/** `text` as it is recorded when it is longer than `limit`: its start, then the marker, `limit` characters in all. */
const cutTo = (text: string, limit: number) => `${text.slice(0, limit - marker(text).length)}${marker(text)}`;

/** Strings as a hostile caller sends them: terminal escapes, NULs, bidi overrides, zero-width characters, lone surrogates, and long. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001b', '[', '3', '1', 'm', '\u007f', '\u0085', '\u202e', '\u2066', '\u200b', '\u2028', '\ufeff', '\ud800', '\udc00', 'a', '界', '😀'), maxLength: 400 }),
  fc.tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 1000, max: 200_000 })).map(([unit, times]) => (unit || 'x').repeat(times)),
);

describe('recorded text', () => {
  it('keeps no control character, stays within its limit, and marks what it cut (generated strings)', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom(...Object.values(RECORDED_TEXT_LIMITS)), (text, limit) => {
        const recorded = recordedText(text, limit);
        expect(CONTROL.test(recorded)).toBe(false);
        expect(LONE_SURROGATE.test(recorded)).toBe(false);
        expect(recorded.length).toBeLessThanOrEqual(limit);
        const clean = text.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD').replace(new RegExp(CONTROL, 'gu'), '');
        if (clean.length <= limit) expect(recorded).toBe(clean);
        else expect(recorded).toMatch(new RegExp(`…\\[cut: ${clean.length} characters, sha256 ${sha12(clean)}\\]$`));
      }),
      { numRuns: 400, seed: 6_2026 },
    );
  });

  it('cuts a 900 KB operation name to 256 characters that say it was cut', () => {
    const name = 'OneStop'.repeat(131_072);
    expect(marker(name)).toBe(`…[cut: 917504 characters, sha256 ${sha12(name)}]`);
    expect(recordedText(name, 256)).toBe(cutTo(name, 256));
    expect(recordedText(name, 256)).toHaveLength(256);
    expect(recordedText('\u001b[31mtax\u0000-\u202eassessor\u200b', 128)).toBe('[31mtax-assessor');
    expect(cut('a\u0000b', 10)).toBe('a\u0000b');
  });

  it('leaves an entry with nothing to bound as it is (the same object), and bounds every field a caller chooses', () => {
    const plain = entry();
    expect(boundedEntry(plain)).toBe(plain);
    const bounded = boundedEntry(entry({
      requestId: '\u0000'.repeat(5), application: 'app\u001b]0;owned\u0007', department: 'tax\u2028', purpose: 'p'.repeat(500),
      operationName: 'Op'.repeat(1000), reason: `${'why '.repeat(400)}\r\n`, kind: 'request\u0000', documentHash: 'h'.repeat(200), agreements: ['AGR\u202e-1'],
    }));
    expect(bounded).toEqual({
      ...entry(),
      requestId: '(only control characters)',
      application: 'app]0;owned',
      department: 'tax',
      purpose: cutTo('p'.repeat(500), 128),
      operationName: cutTo('Op'.repeat(1000), 256),
      reason: cutTo('why '.repeat(400), 1024),
      kind: 'request',
      documentHash: cutTo('h'.repeat(200), 128),
      agreements: ['AGR-1'],
    });
  });
});

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    kind: 'request', time: '2026-12-03T08:00:00.000Z', requestId: 'req-1', application: 'tax-assessment', department: 'tax',
    purpose: 'individual-income-tax-deduction', agreements: ['AGR-2025-0002'], operationName: 'Deduction', documentHash: 'a'.repeat(64),
    providers: { 'civil-affairs': { served: ['Person.maritalStatus'], masked: [], denied: [], subjects: ['110101199003074514'] } },
    outcome: 'ok', status: 200, reason: null, durationMs: 3, ...overrides,
  };
}

const opened: PlatformStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

forEachStore((kind) => {
  it('stores a hostile request bounded, chained over what it stored, whatever wrote it', async () => {
    const location = kind.fresh();
    const store = await openPlatformStore(location.options);
    opened.push(store);
    const hostileName = `Q${'\u001b[2J'.repeat(10)}${'x'.repeat(900 * 1024)}`;
    const record = await store.audit.append(entry({ operationName: hostileName, reason: 'Unknown operation named "\u0000\u202e"' }));
    const expectedName = recordedText(hostileName, 256);
    expect(record).toMatchObject({ operationName: expectedName, reason: 'Unknown operation named ""' });
    const [stored] = await location.rows<{ entry: string }>('SELECT entry FROM audit_records WHERE sequence = 1');
    expect(stored!.entry.length).toBeLessThan(2_000);
    expect(JSON.parse(stored!.entry)).toEqual({ ...entry({ time: record.time }), operationName: expectedName, reason: 'Unknown operation named ""' });
    expect(await store.verifyAudit({ jwks: { keys: [] }, sealPolicy: null })).toMatchObject({ ok: true, records: 1 });
  });
});
