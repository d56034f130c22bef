/**
 * Checks an entry before it joins the trail. A malformed entry is refused on its own (its append rejects, the
 * rest of its batch is written), naming every problem, because a record stored in a shape the queries and the
 * verifier do not expect would be either invisible to them or a false alarm forever.
 */
import { AUDIT_OUTCOMES as OUTCOMES, type AuditEntry, type AuditOutcome } from './types.ts';
const ENTRY_FIELDS = [
  'time', 'requestId', 'application', 'department', 'purpose', 'agreements', 'operationName', 'documentHash',
  'providers', 'outcome', 'status', 'reason', 'durationMs', 'kind',
] as const;
const ACCESS_FIELDS = ['served', 'masked', 'denied', 'subjects'] as const;
const REPORT_FIELDS = ['grant', 'digest', 'signature', 'kid'] as const;
/** `Date.toISOString()` output: one fixed shape, so text order is time order in the store's indexes. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function auditEntryProblems(entry: unknown): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return ['the entry must be an object'];
  const e = entry as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(ENTRY_FIELDS as readonly string[]).includes(key)) problems.push(`unknown field \`${key}\``);
  }
  if (typeof e.time !== 'string' || !ISO_TIME.test(e.time) || Number.isNaN(Date.parse(e.time))) {
    problems.push('`time` must be an ISO timestamp as Date.toISOString() writes it (2026-03-01T08:00:00.000Z)');
  }
  if (typeof e.requestId !== 'string' || e.requestId === '') problems.push('`requestId` must be a non-empty string');
  if (typeof e.kind !== 'string' || e.kind === '') problems.push('`kind` must be a non-empty string (`request` or a workflow action)');
  for (const key of ['application', 'department', 'purpose', 'operationName', 'documentHash', 'reason'] as const) {
    if (e[key] !== null && typeof e[key] !== 'string') problems.push(`\`${key}\` must be a string or null`);
  }
  if (!isStringList(e.agreements)) problems.push('`agreements` must be an array of strings');
  if (!OUTCOMES.includes(e.outcome as AuditOutcome)) problems.push(`\`outcome\` must be one of ${OUTCOMES.join(', ')}`);
  if (!Number.isInteger(e.status)) problems.push('`status` must be an integer (the HTTP status)');
  if (typeof e.durationMs !== 'number' || !Number.isFinite(e.durationMs) || e.durationMs < 0) {
    problems.push('`durationMs` must be a non-negative finite number');
  }
  problems.push(...providerProblems(e.providers));
  return problems;
}

/** The entry itself when it is well formed; otherwise a TypeError naming every problem. */
export function checkAuditEntry(entry: unknown): AuditEntry {
  const problems = auditEntryProblems(entry);
  if (problems.length > 0) {
    throw new TypeError(`Audit entry refused (not recorded): ${problems.join('; ')}.`);
  }
  return entry as AuditEntry;
}

function providerProblems(providers: unknown): string[] {
  if (typeof providers !== 'object' || providers === null || Array.isArray(providers)) {
    return ['`providers` must be an object keyed by provider department id'];
  }
  const problems: string[] = [];
  for (const [provider, access] of Object.entries(providers)) {
    if (provider === '') problems.push('`providers` has an empty department id');
    if (typeof access !== 'object' || access === null) {
      problems.push(`\`providers.${provider}\` must be { served, masked, denied, subjects }`);
      continue;
    }
    for (const key of Object.keys(access)) {
      if (!(ACCESS_FIELDS as readonly string[]).includes(key) && key !== 'reports') problems.push(`unknown field \`providers.${provider}.${key}\``);
    }
    for (const key of ACCESS_FIELDS) {
      if (!isStringList((access as Record<string, unknown>)[key])) problems.push(`\`providers.${provider}.${key}\` must be an array of strings`);
    }
    const reports = (access as { reports?: unknown }).reports;
    if (reports !== undefined && !(Array.isArray(reports) && reports.every(isReportSeal))) {
      problems.push(`\`providers.${provider}.reports\` must be an array of { ${REPORT_FIELDS.join(', ')} } strings`);
    }
  }
  return problems;
}

function isReportSeal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === REPORT_FIELDS.length && REPORT_FIELDS.every((key) => typeof (value as Record<string, unknown>)[key] === 'string');
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
