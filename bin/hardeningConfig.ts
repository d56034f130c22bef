/**
 * The gateway's protections from the environment (README, Configuration): the application policy file, the
 * request body limit, how failing departments are contained, and the platform-store tables for trusted
 * documents and agreement quotas (platform migration 5): in the SQLite platform file, or with DATABASE_URL in
 * PostgreSQL (a small pool of its own, in the store's schema).
 */
import Database from 'better-sqlite3';
import type { HardeningOptions } from '../gateway/options.ts';
import { readApplicationPolicyFile } from '../gateway/admit/index.ts';
import { SqliteAgreementUsage } from '../gateway/quotas/agreementUsage.ts';
import { SqliteTrustedDocuments } from '../gateway/trusted/index.ts';
import { connectPostgres } from '../platform/postgres/connection.ts';
import { PostgresAgreementUsage, PostgresTrustedDocuments } from '../platform/postgres/pgGatewayState.ts';
import { openSqlite } from '../platform/store/sqlite.ts';

/** `platformFile` for SQLite; otherwise `DATABASE_URL` (its migrations applied by whoever opened the platform store). */
export function hardeningFromEnv(env: NodeJS.ProcessEnv, platformFile: string | null): HardeningOptions & { close(): Promise<void> } {
  let db: Database.Database | null = null;
  if (platformFile) db = openSqlite({ file: platformFile }).db;
  const pool = !db && env.DATABASE_URL ? connectPostgres({ databaseUrl: env.DATABASE_URL, maxConnections: 4 }).pool : null;
  const timeouts: Record<string, number> = {};
  for (const pair of (env.GOVGRAPH_SUBGRAPH_TIMEOUTS ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [name, ms] = pair.split('=');
    if (!name || !ms) throw new Error(`GOVGRAPH_SUBGRAPH_TIMEOUTS expects name=milliseconds,…; got "${pair}".`);
    timeouts[name.trim()] = integer('GOVGRAPH_SUBGRAPH_TIMEOUTS', ms)!;
  }
  const failures = integer('GOVGRAPH_BREAKER_FAILURES', env.GOVGRAPH_BREAKER_FAILURES);
  return {
    ...(env.GOVGRAPH_APPLICATION_POLICY ? { applicationPolicy: readApplicationPolicyFile(env.GOVGRAPH_APPLICATION_POLICY) } : {}),
    trustedDocuments: db ? new SqliteTrustedDocuments(db) : pool ? new PostgresTrustedDocuments(pool) : null,
    agreementUsage: db ? new SqliteAgreementUsage(db) : pool ? new PostgresAgreementUsage(pool) : null,
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
    async close() {
      db?.close();
      await pool?.end();
    },
  };
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer, got "${value}".`);
  return number;
}
