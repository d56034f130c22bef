/**
 * When a gateway replica is ready: the agreements can be read (no sharing decision without them), the audit
 * trail can be read and its last append did not fail (no request is served without its record), every
 * department subgraph the supergraph routes to is reachable, and (when the operator says where the gateway's keys
 * are published) the key this replica signs grants with is among them — a replica rolled onto a key the
 * departments do not know yet would have every grant refused.
 */
import type { AuditSink } from '../platform/audit/trail.ts';
import type { AgreementSource } from '../gateway/options.ts';
import { subgraphReachable, type ReadinessCheck } from './readiness.ts';

export interface GatewayReadinessInput {
  agreements: AgreementSource | null;
  /** The audit sink as configured: its `head()` (a trail) or else its `stats()` (the worker sink) must answer. */
  audit: (AuditSink & { head?: () => Promise<unknown>; stats?: () => unknown }) | null;
  /** The reason of an audit append that failed recently with none succeeding since, or null. */
  recentAuditFailure: () => string | null;
  /** Subgraph name -> GraphQL URL, as the gateway routes now. */
  subgraphs: () => ReadonlyMap<string, string>;
  /** The grant key's id and the JWKS URL departments verify grants with; no check without a URL. */
  grantKey?: { kid: string; publishedAt?: URL | null } | null;
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
      else if (typeof audit.stats === 'function') await audit.stats();
      return 'head readable, no failed append since the last success';
    };
  }
  const published = input.grantKey?.publishedAt;
  if (input.grantKey && published) checks['grant-key'] = grantKeyPublished(input.grantKey.kid, published);
  for (const [name, url] of input.subgraphs()) checks[`subgraph:${name}`] = subgraphReachable(url);
  return checks;
}

function grantKeyPublished(kid: string, url: URL, timeoutMs = 2_000): ReadinessCheck {
  return async () => {
    let keys: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      keys = ((await response.json()) as { keys?: unknown }).keys;
    } catch (error) {
      throw new Error(`the published grant keys at ${url.href} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!Array.isArray(keys)) throw new Error(`${url.href} is not a JWKS ({ "keys": [...] })`);
    if (!keys.some((key) => (key as { kid?: unknown })?.kid === kid)) {
      throw new Error(`this replica signs grants with key ${kid}, which is not published at ${url.href}: every department would refuse its grants`);
    }
    return `${kid} published`;
  };
}
