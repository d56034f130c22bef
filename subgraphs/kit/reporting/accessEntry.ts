/**
 * The department's access-log entry for one request: the same record shape as the gateway's trail (so the same
 * hash chain, seals, verifier and export serve both sides), kind `department.access` for a request it served and
 * `department.refused` for one whose grant verified but whose binding did not (a replay, another body). Its only
 * provider is the department itself; `documentHash` is the sha256 of the request body the binding covers, and the
 * provider entry's `reports` holds the signed report (one per request).
 */
import type { AuditEntry, AuditOutcome, ReportSeal } from '../../../platform/audit/types.ts';
import type { SealedReport } from '../../../sharing/servedReport.ts';
import type { GrantClaims } from '../../../sharing/types.ts';
import type { ServedLists } from './servedCollector.ts';

export interface AccessFacts {
  department: string;
  grant: GrantClaims;
  requestId: string;
  operationName: string | null;
  /** sha256 of the request body. */
  operation: string;
  startedAt: number;
  status: number;
  outcome: AuditOutcome;
  reason: string | null;
  /** What the request served (absent for a refused request). */
  lists?: ServedLists;
  sealed?: SealedReport;
}

export function accessEntry(facts: AccessFacts): AuditEntry {
  const { grant, lists, sealed } = facts;
  const reports: ReportSeal[] = sealed ? [{ grant: sealed.report.grant, digest: sealed.digest, signature: sealed.signature, kid: sealed.kid }] : [];
  return {
    kind: sealed ? 'department.access' : 'department.refused',
    time: new Date(facts.startedAt).toISOString(),
    requestId: facts.requestId,
    application: grant.sub,
    department: grant.dept,
    purpose: grant.purpose,
    agreements: [...grant.agreements].sort(),
    operationName: facts.operationName,
    documentHash: facts.operation,
    providers: lists
      ? { [facts.department]: { served: lists.served, masked: lists.masked, denied: lists.denied, subjects: lists.subjects, reports } }
      : {},
    outcome: facts.outcome,
    status: facts.status,
    reason: facts.reason,
    durationMs: Math.round((Date.now() - facts.startedAt) * 100) / 100,
  };
}
