/**
 * What a department says it served for one bound request, the unit both sides of the audit log: the department
 * appends it to its own access log and returns it in the response's `extensions.govgraph`; the gateway builds its
 * record from it, never from the caller's response. A report is signed with the department's ES256 key over its
 * canonical JSON (so the gateway cannot invent one and the department cannot later deny one: checked by
 * `audit:reconcile`) and MACed with the request's binding secret (so the gateway authenticates it per fetch with
 * one HMAC; sharing/binding.ts).
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { macOf, sameText, sha256Hex } from './binding.ts';

export interface ServedReport {
  /** The reporting department. */
  department: string;
  /** The gateway's request id. */
  requestId: string;
  /** The binding honoured (its id): one per subgraph request. */
  grant: string;
  /** sha256 of the subgraph request body, as received. */
  operation: string;
  /** The department's own catalogued items it resolved, sorted. */
  served: string[];
  /** Of those, the ones it returned masked. */
  masked: string[];
  /** Its items its own rules withheld. */
  denied: string[];
  /** Keys of the entities it returned data about (resident IDs, credit codes, …), sorted, unique. */
  subjects: string[];
}

/** How a report travels: in `extensions.govgraph` of the department's response. */
export interface SealedReport {
  report: ServedReport;
  /** sha256 of the report's canonical JSON. */
  digest: string;
  /** ES256 (IEEE P1363, base64url) over the canonical JSON, with the department's key `kid`. */
  signature: string;
  kid: string;
  /** HMAC of the digest with the binding secret. */
  mac: string;
}

export function reportDigest(report: ServedReport): string {
  return sha256Hex(reportJson(report));
}

/** The fields of a report, in canonical (sorted) order. */
const REPORT_FIELDS = ['denied', 'department', 'grant', 'masked', 'operation', 'requestId', 'served', 'subjects'] as const;

/**
 * A report's canonical JSON (sharing/canonicalJson.ts), written for its one shape: its eight fields in sorted
 * order, each a string or a list of strings as JSON.stringify writes them (the canonical form of those). The same
 * bytes as `canonicalJson(report)` (test/unit/servedReport.test.ts), in one native call per field; it runs for every
 * subgraph response the gateway checks.
 */
export function reportJson(report: ServedReport): string {
  let out = '{';
  for (let i = 0; i < REPORT_FIELDS.length; i++) {
    const field = REPORT_FIELDS[i]!;
    out += `${i === 0 ? '' : ','}"${field}":${JSON.stringify(report[field])}`;
  }
  return `${out}}`;
}

export function sealReport(report: ServedReport, keys: { kid: string; privateKey: KeyObject }, secret: Buffer): SealedReport {
  const canonical = reportJson(report);
  const digest = sha256Hex(canonical);
  const signature = sign('sha256', Buffer.from(canonical, 'utf8'), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return { report, digest, signature, kid: keys.kid, mac: reportMac(secret, digest) };
}

export function reportMac(secret: Buffer, digest: string): string {
  return macOf(secret, `govgraph-report/v1\n${digest}`);
}

/** Whether the report is the one the department signed: its signature over its canonical JSON verifies with `publicKey`. */
export function reportSignatureValid(report: ServedReport, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(reportJson(report), 'utf8'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * The gateway's check of a report in a response: well formed, from the department it asked, for this request,
 * binding and body, with the digest it claims and a MAC by the binding secret. Returns the report, or a sentence
 * saying what is wrong (the gateway then treats the answer as invalid: no data without its record).
 */
export function checkSealedReport(
  value: unknown,
  expected: { department: string; requestId: string; grant: string; operation: string; secret: Buffer },
): SealedReport | string {
  if (typeof value !== 'object' || value === null) return 'it sent no report of what it served';
  const sealed = value as Partial<SealedReport>;
  const report = sealed.report as Partial<ServedReport> | undefined;
  if (!report || typeof sealed.digest !== 'string' || typeof sealed.signature !== 'string' || typeof sealed.kid !== 'string' || typeof sealed.mac !== 'string') {
    return 'its report of what it served is incomplete';
  }
  if (Object.keys(report).length !== REPORT_FIELDS.length) return `its report has fields other than ${REPORT_FIELDS.join(', ')}`;
  for (const text of ['department', 'requestId', 'grant', 'operation'] as const) {
    if (typeof report[text] !== 'string') return `its report's \`${text}\` is not a string`;
  }
  for (const list of ['served', 'masked', 'denied', 'subjects'] as const) {
    if (!Array.isArray(report[list]) || !report[list]!.every((entry) => typeof entry === 'string')) return `its report's \`${list}\` is not a list of strings`;
  }
  if (report.department !== expected.department) return `its report names ${String(report.department)}, not ${expected.department}`;
  if (report.requestId !== expected.requestId || report.grant !== expected.grant || report.operation !== expected.operation) {
    return 'its report is for another request';
  }
  if (!sameText(reportMac(expected.secret, sealed.digest), sealed.mac)) return 'its report is not authenticated by this request\'s binding';
  if (reportDigest(report as ServedReport) !== sealed.digest) return 'its report does not match its digest';
  return sealed as SealedReport;
}
