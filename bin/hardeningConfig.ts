/**
 * The gateway's protections from the environment (README, Configuration): the application policy file, the
 * request body limit, how failing departments are contained, and the platform-store tables for trusted
 * documents and agreement quotas (SQLite: the platform file; with PostgreSQL they are not available yet, so
 * trusted mode refuses every document and daily quotas refuse to start).
 */
import Database from 'better-sqlite3';
import type { HardeningOptions } from '../gateway/hardeningOptions.ts';
import { readApplicationPolicyFile } from '../gateway/applications/index.ts';
import { SqliteAgreementUsage } from '../gateway/quotas/agreementUsage.ts';
import { SqliteTrustedDocuments } from '../gateway/trusted/index.ts';
import { openSqlite } from '../platform/store/sqlite.ts';

export function hardeningFromEnv(env: NodeJS.ProcessEnv, platformFile: string | null): HardeningOptions & { close(): void } {
  let db: Database.Database | null = null;
  if (platformFile) db = openSqlite({ file: platformFile }).db;
  const timeouts: Record<string, number> = {};
  for (const pair of (env.GOVGRAPH_SUBGRAPH_TIMEOUTS ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [name, ms] = pair.split('=');
    if (!name || !ms) throw new Error(`GOVGRAPH_SUBGRAPH_TIMEOUTS expects name=milliseconds,…; got "${pair}".`);
    timeouts[name.trim()] = integer('GOVGRAPH_SUBGRAPH_TIMEOUTS', ms)!;
  }
  const failures = integer('GOVGRAPH_BREAKER_FAILURES', env.GOVGRAPH_BREAKER_FAILURES);
  return {
    ...(env.GOVGRAPH_APPLICATION_POLICY ? { applicationPolicy: readApplicationPolicyFile(env.GOVGRAPH_APPLICATION_POLICY) } : {}),
    trustedDocuments: db ? new SqliteTrustedDocuments(db) : null,
    agreementUsage: db ? new SqliteAgreementUsage(db) : null,
    ...(env.GOVGRAPH_MAX_REQUEST_BYTES ? { maxRequestBytes: integer('GOVGRAPH_MAX_REQUEST_BYTES', env.GOVGRAPH_MAX_REQUEST_BYTES) } : {}),
    subgraphResilience: {
      timeouts,
      ...(env.GOVGRAPH_SUBGRAPH_TIMEOUT_MS ? { timeoutMs: integer('GOVGRAPH_SUBGRAPH_TIMEOUT_MS', env.GOVGRAPH_SUBGRAPH_TIMEOUT_MS) } : {}),
      ...(env.GOVGRAPH_SUBGRAPH_RETRIES ? { retries: integer('GOVGRAPH_SUBGRAPH_RETRIES', env.GOVGRAPH_SUBGRAPH_RETRIES) } : {}),
      ...(env.GOVGRAPH_SUBGRAPH_MAX_PENDING ? { maxPending: integer('GOVGRAPH_SUBGRAPH_MAX_PENDING', env.GOVGRAPH_SUBGRAPH_MAX_PENDING) } : {}),
      ...(failures === 0
        ? { breaker: null }
        : failures !== undefined || env.GOVGRAPH_BREAKER_COOLDOWN_MS
          ? { breaker: { failureThreshold: failures ?? 5, cooldownMs: integer('GOVGRAPH_BREAKER_COOLDOWN_MS', env.GOVGRAPH_BREAKER_COOLDOWN_MS) ?? 10_000 } }
          : {}),
    },
    close: () => db?.close(),
  };
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer, got "${value}".`);
  return number;
}
