/**
 * The gateway's per-request context: who is calling, for what purpose, under which agreements, and (once the
 * operation is resolved) the sharing decisions for it. Built once per request from headers and the store
 * (identify/requestContext.ts). Apollo runs each operation of a batch with its own shallow copy of it: what is set
 * per operation (reports, documentHash, decisions, explain, planned) is set on that copy, never shared; `record` is
 * the request's, shared by its operations.
 */
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { Agreement, Caller } from '../sharing/index.ts';
import type { SealedReport } from '../sharing/servedReport.ts';
import type { ApplicationSettings } from './admit/applicationPolicy.ts';
import type { DenyDecision, OperationDecisions } from './decide/operationDecisions.ts';
import type { RequestRecord } from './record/recorder.ts';

export interface GatewayContext {
  /** Unique per request; returned as `x-request-id` and recorded in the audit trail. */
  requestId: string;
  /** When the request arrived (ms since the epoch). */
  startedAt: number;
  /**
   * The departments' checked reports of what they served this operation, one per subgraph request, in the order
   * answered: what the audit record and the quotas are built from (never the caller's response).
   */
  reports: SealedReport[];
  /** sha256 of the operation as the caller sent it (before any rewrite). */
  documentHash?: string;
  caller: Caller;
  /** `X-Purpose`: an agreement id or purpose code; null when absent. */
  purpose: string | null;
  /** The caller department's approved agreements valid at the time of the request. */
  agreements: Agreement[];
  /** `X-Sharing-Mode: strict`: reject the whole operation when any field is denied. */
  strict: boolean;
  /** The caller application's limits, trusted mode and rate limit (gateway/admit/), set on admission. */
  settings?: ApplicationSettings;
  /** The request's audit record and its state (record/recorder.ts): open, refused, or running its operations. */
  record: RequestRecord;
  /** Set by the sharing policy when the operation is resolved. */
  decisions?: OperationDecisions;
  /** Set by the sharing policy: a denial for want of an agreement said with what became of a former one. */
  explain?: (decision: DenyDecision) => DenyDecision;
  /** Set by the sharing policy when it rewrote the operation: what the gateway plans instead (fetch/decidedGateway.ts). */
  planned?: { document: DocumentNode; operation: OperationDefinitionNode; queryHash: string };
}
