/**
 * The gateway's protections from the environment (README, Configuration): the application policy file, the
 * request body limit, how failing departments are contained, and the platform-store tables for trusted
 * documents and agreement quotas (platform migration 5): in the SQLite platform file, or with DATABASE_URL in
 * PostgreSQL (a small pool of its own, in the store's schema).
 */
import type { HardeningOptions } from '../gateway/options.ts';
import { readApplicationPolicyFile } from '../gateway/admit/index.ts';
import { PlatformAgreementUsage } from '../gateway/quotas/agreementUsage.ts';
import { PlatformTrustedDocuments } from '../gateway/trusted/index.ts';
import { connectPostgres } from '../platform/postgres/connection.ts';
import { postgresDb } from '../platform/postgres/postgresDb.ts';
import { connectSqlite } from '../platform/store/sqlite.ts';
import { sqliteDb } from '../platform/store/sqliteDb.ts';

/** `platformFile` for SQLite, otherwise `DATABASE_URL`: either's migrations applied by whoever opened the platform store. */
export function hardeningFromEnv(env: NodeJS.ProcessEnv, platformFile: string | null): HardeningOptions & { close(): Promise<void> } {
  const db = platformFile ? connectSqlite({ file: platformFile }) : null;
  const postgres = !db && env.DATABASE_URL ? connectPostgres({ databaseUrl: env.DATABASE_URL, maxConnections: 4 }) : null;
  const sql = db ? sqliteDb(db) : postgres ? postgresDb(postgres.pool, postgres.schema) : null;
  const timeouts: Record<string, number> = {};
  for (const pair of (env.GOVGRAPH_SUBGRAPH_TIMEOUTS ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [name, ms] = pair.split('=');
    if (!name || !ms) throw new Error(`GOVGRAPH_SUBGRAPH_TIMEOUTS expects name=milliseconds,…; got "${pair}".`);
    timeouts[name.trim()] = integer('GOVGRAPH_SUBGRAPH_TIMEOUTS', ms)!;
  }
  const failures = integer('GOVGRAPH_BREAKER_FAILURES', env.GOVGRAPH_BREAKER_FAILURES);
  return {
    ...(env.GOVGRAPH_APPLICATION_POLICY ? { applicationPolicy: readApplicationPolicyFile(env.GOVGRAPH_APPLICATION_POLICY) } : {}),
    trustedDocuments: sql ? new PlatformTrustedDocuments(sql) : null,
    agreementUsage: sql ? new PlatformAgreementUsage(sql) : null,
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
      await postgres?.pool.end();
    },
  };
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer, got "${value}".`);
  return number;
}
