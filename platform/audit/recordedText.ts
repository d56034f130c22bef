/**
 * Every string a record keeps is bounded, because a record is permanent: a caller who names its operation with
 * 900 KB, or sends a reason, an application or a purpose full of terminal escapes, must not get a 1.8 MB record
 * nor rewrite what an auditor's terminal shows. Applied by the trail to every entry before it is hashed, so the
 * gateway, the workflow and every department's access log store the same bounded text.
 *
 * - The fields a caller can choose (request id, application, department, purpose, operation name, reason, kind,
 *   document hash, agreement ids) lose their control characters (C0, DEL, C1, and the invisible formatting ones that
 *   reorder or hide text: bidi overrides and isolates, zero-width characters, line and paragraph separators) and
 *   are cut to their limit.
 * - What departments report (provider ids, items, subjects, report seals) is only cut, at a generous limit that no
 *   key or item name reaches: their reports are signed over those exact strings.
 *
 * A cut string ends in a marker that says it was cut, how long it was and the start of its sha256, so two cut
 * values can still be told apart and matched with the original: `OneStopOneStop…[cut: 921600 characters, sha256
 * 3f1a9c0b2e47]`.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, ProviderAccess, ReportSeal } from './types.ts';

/** The most characters each recorded field keeps, marker included. */
export const RECORDED_TEXT_LIMITS = Object.freeze({
  requestId: 128,
  application: 128,
  department: 128,
  purpose: 128,
  operationName: 256,
  reason: 1024,
  kind: 64,
  documentHash: 128,
  agreement: 128,
  /** Provider ids, items, subjects and report seal fields. */
  reported: 1024,
});

// Cc (C0, DEL, C1); zero-width space/non-joiner/joiner, LRM, RLM; line and paragraph separators; bidi embeddings
// and overrides; word joiner to the bidi isolates; the byte-order mark.
const CONTROL = /[\p{Cc}\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/gu;
const HAS_CONTROL = /[\p{Cc}\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/u;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What a required field (request id, kind) holds when nothing was left of it. */
const NOTHING_LEFT = '(only control characters)';

/** `text` without control characters (lone surrogates made U+FFFD), cut to `limit` characters with a marker. */
export function recordedText(text: string, limit: number): string {
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  const clean = HAS_CONTROL.test(wellFormed) ? wellFormed.replace(CONTROL, '') : wellFormed;
  return cut(clean, limit);
}

/** `text` cut to `limit` characters with a marker, otherwise as it is. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const marker = `…[cut: ${text.length} characters, sha256 ${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12)}]`;
  const kept = Math.max(0, limit - marker.length);
  // Never split a surrogate pair: the kept part stays well-formed text.
  const end = kept > 0 && /[\uD800-\uDBFF]/.test(text[kept - 1]!) ? kept - 1 : kept;
  return `${text.slice(0, end)}${marker}`;
}

/** The entry with every string bounded as above; the entry itself (no copy) when nothing needed changing. */
export function boundedEntry(entry: AuditEntry): AuditEntry {
  let changed = false;
  const bound = <T extends string | null>(value: T, limit: number, clean = true): T => {
    if (value === null) return value;
    let result = clean ? recordedText(value, limit) : cut(value, limit);
    if (result === '' && value !== '') result = NOTHING_LEFT;
    if (result !== value) changed = true;
    return result as T;
  };
  const reported = (value: string) => bound(value, RECORDED_TEXT_LIMITS.reported, false);
  const providers: Record<string, ProviderAccess> = {};
  for (const [provider, access] of Object.entries(entry.providers)) {
    providers[reported(provider)] = {
      served: access.served.map(reported),
      masked: access.masked.map(reported),
      denied: access.denied.map(reported),
      subjects: access.subjects.map(reported),
      ...(access.reports && {
        reports: access.reports.map((seal): ReportSeal => ({ grant: reported(seal.grant), digest: reported(seal.digest), signature: reported(seal.signature), kid: reported(seal.kid) })),
      }),
    };
  }
  const bounded: AuditEntry = {
    ...entry,
    requestId: bound(entry.requestId, RECORDED_TEXT_LIMITS.requestId),
    application: bound(entry.application, RECORDED_TEXT_LIMITS.application),
    department: bound(entry.department, RECORDED_TEXT_LIMITS.department),
    purpose: bound(entry.purpose, RECORDED_TEXT_LIMITS.purpose),
    operationName: bound(entry.operationName, RECORDED_TEXT_LIMITS.operationName),
    reason: bound(entry.reason, RECORDED_TEXT_LIMITS.reason),
    kind: bound(entry.kind, RECORDED_TEXT_LIMITS.kind),
    documentHash: bound(entry.documentHash, RECORDED_TEXT_LIMITS.documentHash),
    agreements: entry.agreements.map((agreement) => bound(agreement, RECORDED_TEXT_LIMITS.agreement)),
    providers,
  };
  return changed ? bounded : entry;
}
