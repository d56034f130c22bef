/**
 * When a gateway replica is ready: the agreements can be read (no sharing decision without them), the audit
 * trail can be read and its last append did not fail (no request is served without its record), and every
 * department subgraph the supergraph routes to is reachable.
 */
import type { AuditSink } from '../gateway/audit/auditSink.ts';
import type { AgreementSource } from '../gateway/options.ts';
import { subgraphReachable, type ReadinessCheck } from './readiness.ts';

export interface GatewayReadinessInput {
  agreements: AgreementSource | null;
  /** The audit trail as configured (`head()` is used when it has one). */
  audit: (AuditSink & { head?: () => Promise<unknown> }) | null;
  /** The reason of an audit append that failed recently with none succeeding since, or null. */
  recentAuditFailure: () => string | null;
  /** Subgraph name -> GraphQL URL, as the gateway routes now. */
  subgraphs: () => ReadonlyMap<string, string>;
}

/** A department id no agreement names: reading its agreements exercises the store without returning any. */
const PROBE_CONSUMER = 'govgraph-readiness-probe';

export function gatewayReadinessChecks(input: GatewayReadinessInput): Record<string, ReadinessCheck> {
  const checks: Record<string, ReadinessCheck> = {};
  const { agreements, audit } = input;
  if (agreements) {
    checks.agreements = async () => {
      await agreements.agreementsFor(PROBE_CONSUMER, new Date());
      return 'readable';
    };
  }
  if (audit) {
    checks.audit = async () => {
      const failure = input.recentAuditFailure();
      if (failure) throw new Error(`the last record could not be written (${failure})`);
      if (typeof audit.head === 'function') await audit.head();
      return 'head readable, no failed append since the last success';
    };
  }
  for (const [name, url] of input.subgraphs()) checks[`subgraph:${name}`] = subgraphReachable(url);
  return checks;
}
