/**
 * Readiness: a process is ready when every check passes. `/health` says the process runs; `/ready` says it can
 * serve now (its store readable and writable, the departments it routes to reachable), so a load balancer or an
 * orchestrator sends traffic only to replicas that can answer, and a deployment waits for them. A check that
 * hangs counts as failed after its timeout; every failure is named with its reason in the 503 body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Resolves when the part is usable (optionally with a detail to show), rejects with the reason when it is not. */
export type ReadinessCheck = () => Promise<string | void>;

export interface CheckResult {
  status: 'ok' | 'failed';
  detail?: string;
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

export async function checkReadiness(checks: Record<string, ReadinessCheck>, timeoutMs = 2_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const detail = await Promise.race([check(), timeout]);
        return [name, { status: 'ok', ...(detail ? { detail } : {}) }];
      } catch (error) {
        return [name, { status: 'failed', reason: error instanceof Error ? error.message : String(error) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const result = Object.fromEntries(entries);
  return { ready: entries.every(([, r]) => r.status === 'ok'), checks: result };
}

/** `GET /ready`: 200 `{ status: "ready", checks }`, or 503 `{ status: "not-ready", reason, checks }`. */
export function readinessHandler(checks: () => Record<string, ReadinessCheck>, timeoutMs = 2_000) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    checkReadiness(checks(), timeoutMs).then(({ ready, checks: results }) => {
      const failed = Object.entries(results).filter(([, r]) => r.status === 'failed');
      const body = ready
        ? { status: 'ready', checks: results }
        : { status: 'not-ready', reason: failed.map(([name, r]) => `${name}: ${r.reason}`).join('; '), checks: results };
      const text = JSON.stringify(body);
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  };
}

/**
 * A department is reachable when its `/health` (beside its `/graphql`) answers below 500. A govgraph department
 * answers 503 when its store is unusable; a foreign subgraph without `/health` answers 404, which still proves
 * it is reachable.
 */
export function subgraphReachable(graphqlUrl: string, timeoutMs = 2_000): ReadinessCheck {
  const url = new URL(graphqlUrl);
  url.pathname = /\/graphql\/?$/.test(url.pathname) ? url.pathname.replace(/\/graphql\/?$/, '/health') : '/health';
  url.search = '';
  return async () => {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Error(`unreachable (${networkCause(error)})`);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500) {
      let reason = '';
      try {
        reason = String((JSON.parse(text) as { reason?: unknown }).reason ?? '');
      } catch {
        // not JSON: the status says enough
      }
      throw new Error(`answers HTTP ${response.status}${reason ? ` (${reason})` : ''}`);
    }
    return 'reachable';
  };
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if ((error as Error)?.name === 'TimeoutError') return 'timed out';
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
