/**
 * Compares the gateway's trail with the departments' own access logs over a period: X-Road's "both sides log",
 * checked. Every report the gateway recorded must be in the providing department's log (same request, same
 * binding, same digest, a signature by the department's key), with the same subjects; every access a department
 * logged must be in the gateway's trail. What is on one side only is named: a department-only access is a request
 * the gateway never made (a replayed or stolen grant before bindings, a direct call with leaked keys), a
 * gateway-only report one the department does not own up to. Requests a department refused (a replayed binding)
 * are listed apart: they were stopped, but someone tried. So are department-only accesses whose signed report
 * says nothing was served (no item, no subject: a publish's live check reading the department's SDL): they are
 * shown, but no data left the department.
 */
import type { KeyObject } from 'node:crypto';
import { reportDigest, reportSignatureValid, type ServedReport } from '../../sharing/servedReport.ts';
import type { AuditRecord, ReportSeal } from './types.ts';

export interface DepartmentLog {
  department: string;
  /** The department's records in (a margin around) the period, in any order. */
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>;
  /** Its ES256 public keys by kid; null when unknown (every signature is then reported unverifiable). */
  signingKeys: ReadonlyMap<string, KeyObject> | null;
}

export interface ReconcileInput {
  /** The gateway trail's records in the period. */
  gateway: Iterable<AuditRecord> | AsyncIterable<AuditRecord>;
  departments: readonly DepartmentLog[];
  /** The period checked: one-sided entries outside it are not reported (their other side may lie just outside). */
  from: string;
  to: string;
}

export type Discrepancy =
  | { kind: 'gateway-only'; department: string; requestId: string; grant: string; gatewaySequence: number; why: string }
  | { kind: 'department-only'; department: string; requestId: string; grant: string; departmentSequence: number; consumer: string | null; application: string | null }
  | { kind: 'digest-mismatch'; department: string; requestId: string; grant: string; gatewaySequence: number; departmentSequence: number }
  | { kind: 'bad-signature'; department: string; requestId: string; grant: string; departmentSequence: number }
  | { kind: 'subjects-mismatch'; department: string; requestId: string; gatewaySequence: number; onlyGateway: string[]; onlyDepartment: string[] }
  | { kind: 'binding-reused'; department: string; grant: string; departmentSequences: number[] };

export interface Refusal {
  department: string;
  requestId: string;
  departmentSequence: number;
  consumer: string | null;
  application: string | null;
  reason: string | null;
}

/** A department-only access that served nothing (its report lists no item and no subject). */
export interface EmptyAccess {
  department: string;
  requestId: string;
  departmentSequence: number;
  consumer: string | null;
  application: string | null;
}

export interface ReconcileResult {
  /** Reports the gateway recorded, and accesses the departments logged, in the period. */
  checked: { gatewayReports: number; departmentAccesses: number };
  discrepancies: Discrepancy[];
  refusals: Refusal[];
  nothingServed: EmptyAccess[];
}

interface Logged {
  record: AuditRecord;
  report: ServedReport;
  digest: string;
  signature: string;
  kid: string;
}

export async function reconcile(input: ReconcileInput): Promise<ReconcileResult> {
  const inPeriod = (time: string) => time >= input.from && time < input.to;
  const discrepancies: Discrepancy[] = [];
  const refusals: Refusal[] = [];
  const nothingServed: EmptyAccess[] = [];
  // department -> `${requestId}|${grant}` -> what it logged
  const logged = new Map<string, Map<string, Logged>>();
  const matched = new Set<Logged>();
  let departmentAccesses = 0;
  for (const log of input.departments) {
    const entries = new Map<string, Logged>();
    const bindings = new Map<string, number[]>();
    logged.set(log.department, entries);
    for await (const record of log.records) {
      if (record.kind === 'department.refused') {
        if (inPeriod(record.time)) refusals.push({ department: log.department, requestId: record.requestId, departmentSequence: record.sequence, consumer: record.department, application: record.application, reason: record.reason });
        continue;
      }
      const found = loggedReport(log.department, record);
      if (!found) continue;
      const { report, seal } = found;
      const entry: Logged = { record, report, digest: seal.digest, signature: seal.signature, kid: seal.kid };
      entries.set(`${record.requestId}|${seal.grant}`, entry);
      bindings.set(seal.grant, [...(bindings.get(seal.grant) ?? []), record.sequence]);
      if (!inPeriod(record.time)) continue;
      departmentAccesses++;
      const key = log.signingKeys?.get(seal.kid);
      if (reportDigest(report) !== seal.digest || !key || !reportSignatureValid(report, seal.signature, key)) {
        discrepancies.push({ kind: 'bad-signature', department: log.department, requestId: record.requestId, grant: seal.grant, departmentSequence: record.sequence });
      }
    }
    for (const [grant, sequences] of bindings) {
      if (sequences.length > 1) discrepancies.push({ kind: 'binding-reused', department: log.department, grant, departmentSequences: sequences.sort((a, b) => a - b) });
    }
  }

  let gatewayReports = 0;
  for await (const record of input.gateway) {
    if (record.kind !== 'request' || !inPeriod(record.time)) continue;
    for (const [department, access] of Object.entries(record.providers)) {
      if (!access.reports) continue;
      const entries = logged.get(department);
      const reported = new Set<string>();
      for (const seal of access.reports) {
        gatewayReports++;
        const entry = entries?.get(`${record.requestId}|${seal.grant}`);
        if (!entry) {
          const why = entries ? 'the department logged no access with this binding' : 'no access log of this department was read';
          discrepancies.push({ kind: 'gateway-only', department, requestId: record.requestId, grant: seal.grant, gatewaySequence: record.sequence, why });
          continue;
        }
        matched.add(entry);
        if (entry.digest !== seal.digest) {
          discrepancies.push({ kind: 'digest-mismatch', department, requestId: record.requestId, grant: seal.grant, gatewaySequence: record.sequence, departmentSequence: entry.record.sequence });
        }
        for (const subject of entry.report.subjects) reported.add(subject);
      }
      if (!entries) continue;
      const recorded = new Set(access.subjects);
      const onlyGateway = [...recorded].filter((subject) => !reported.has(subject)).sort();
      const onlyDepartment = [...reported].filter((subject) => !recorded.has(subject)).sort();
      if (onlyGateway.length > 0 || onlyDepartment.length > 0) {
        discrepancies.push({ kind: 'subjects-mismatch', department, requestId: record.requestId, gatewaySequence: record.sequence, onlyGateway, onlyDepartment });
      }
    }
  }
  for (const [department, entries] of logged) {
    for (const entry of entries.values()) {
      if (matched.has(entry) || !inPeriod(entry.record.time)) continue;
      const { served, masked, denied, subjects } = entry.report;
      if (served.length + masked.length + denied.length + subjects.length === 0) {
        const { requestId, sequence, department: consumer, application } = entry.record;
        nothingServed.push({ department, requestId, departmentSequence: sequence, consumer, application });
        continue;
      }
      discrepancies.push({
        kind: 'department-only', department, requestId: entry.record.requestId, grant: entry.report.grant,
        departmentSequence: entry.record.sequence, consumer: entry.record.department, application: entry.record.application,
      });
    }
  }
  return { checked: { gatewayReports, departmentAccesses }, discrepancies, refusals, nothingServed };
}

/** Every access entry of a department's log whose report does not verify against its keys (for `audit:verify --department`). */
export async function unverifiedReports(
  department: string,
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>,
  signingKeys: ReadonlyMap<string, KeyObject>,
): Promise<{ checked: number; failed: number[] }> {
  const failed: number[] = [];
  let checked = 0;
  for await (const record of records) {
    if (record.kind !== 'department.access') continue;
    checked++;
    const found = loggedReport(department, record);
    if (!found) {
      failed.push(record.sequence);
      continue;
    }
    const { report, seal } = found;
    const key = signingKeys.get(seal.kid);
    if (reportDigest(report) !== seal.digest || !key || !reportSignatureValid(report, seal.signature, key)) failed.push(record.sequence);
  }
  return { checked, failed };
}

/** The report a department's access entry holds, rebuilt as it was signed; null for an entry without one. */
function loggedReport(department: string, record: AuditRecord): { report: ServedReport; seal: ReportSeal } | null {
  const own = record.providers[department];
  const seal = own?.reports?.[0];
  if (record.kind !== 'department.access' || !own || !seal) return null;
  const report: ServedReport = {
    department,
    requestId: record.requestId,
    grant: seal.grant,
    operation: record.documentHash ?? '',
    served: own.served,
    masked: own.masked,
    denied: own.denied,
    subjects: own.subjects,
  };
  return { report, seal };
}
