/**
 * Opens a department's own access log: a hash-chained, append-only, sealed trail of the same kind as the
 * gateway's (platform/audit/), in the department's own store: a SQLite file beside its database by default
 * (`<data>/departments/<id>.access.sqlite`, written from a worker thread so its fsync does not stop the
 * department's event loop), or a schema of its own in PostgreSQL (`department_<id>`, with DATABASE_URL). Seals
 * are signed with the department's key (or, in production, a sealing key of the department's own, `sealKey`), so
 * the log verifies against the department's keys, not the gateway's; they are made on the platform's schedule
 * (`SEAL_POLICY`: every minute, every 1,000 records, on close) and copied to the anchor file when one is given.
 * The log uses the platform store's schema; only its audit tables are written.
 */
import { join } from 'node:path';
import type { JWK } from 'jose';
import { openPlatformStore, type AuditEntry, type SealSigner, type VerifyResult } from '../../../platform/index.ts';
import type { SealAnchor } from '../../../platform/audit/anchors.ts';
import { SEAL_POLICY } from '../../../platform/audit/sealCoverage.ts';
import { openWorkerAuditSink } from '../../../platform/audit/worker/workerAuditSink.ts';
import type { DepartmentKeys } from '../../../sharing/departmentKeys.ts';

export interface AccessLogOptions {
  /** The department's keys: its signing key seals the log. Required. */
  keys: DepartmentKeys;
  /** The SQLite file (see `accessLogFile`). Required unless `databaseUrl` is given. */
  file?: string;
  /** A PostgreSQL URL: the log lives there, in schema `schema`. Default none (SQLite). */
  databaseUrl?: string;
  /** With `databaseUrl`: the schema. Default `department_<id>` (hyphens as underscores). */
  schema?: string;
  /** SQLite: append from a worker thread (as `bin/subgraph.ts` does). Default false: on the caller's thread. */
  worker?: boolean;
  /** Seal every this many milliseconds when records were added. Default 60,000 (`SEAL_POLICY`); 0 seals only every 1,000 records. */
  sealIntervalMs?: number;
  /** The key that seals the log, with its public keys. Default the department's signing key (`keys.signing`). */
  sealKey?: (SealSigner & { jwks: { keys: JWK[] } }) | null;
  /** Where each seal is copied as it is made (platform/audit/anchors.ts; trail `department:<id>`). Default none. */
  anchor?: SealAnchor | null;
}

export interface AccessLog {
  append(entry: AuditEntry): Promise<unknown>;
  /** Verifies the log as stored (chain, seals against the department's keys, index rows). */
  verify(): Promise<VerifyResult>;
  /** Where it is, for messages. */
  location: string;
  close(): Promise<void>;
}

/** The default SQLite file of a department's access log. */
export function accessLogFile(dataDir: string, department: string): string {
  return join(dataDir, 'departments', `${department}.access.sqlite`);
}

export async function openAccessLog(options: AccessLogOptions): Promise<AccessLog> {
  const { keys } = options;
  if (!keys?.signing) throw new TypeError('openAccessLog: option `keys` (the department\'s keys) is required.');
  const signer = options.sealKey ?? { privateKey: keys.signing.privateKey, kid: keys.signing.kid };
  const sealing = {
    sealSigner: { privateKey: signer.privateKey, kid: signer.kid },
    sealEvery: SEAL_POLICY.sealEvery,
    sealIntervalMs: options.sealIntervalMs ?? SEAL_POLICY.sealIntervalMs,
    ...(options.anchor && { anchor: options.anchor }),
  };
  const jwks = options.sealKey?.jwks ?? keys.jwks;
  if (options.databaseUrl) {
    const schema = options.schema ?? `department_${keys.department.replace(/-/g, '_')}`;
    const store = await openPlatformStore({ databaseUrl: options.databaseUrl, schema, audit: sealing });
    return { append: (entry) => store.audit.append(entry), verify: () => store.verifyAudit({ jwks }), location: store.location, close: () => store.close() };
  }
  if (!options.file) throw new TypeError('openAccessLog: option `file` (the SQLite file) or `databaseUrl` is required.');
  const file = options.file;
  // Opened here even with a worker: creates and migrates the file, and answers `verify` on a connection of its own.
  const store = await openPlatformStore({ file, ...(options.worker ? {} : { audit: sealing }) });
  if (!options.worker) {
    return { append: (entry) => store.audit.append(entry), verify: () => store.verifyAudit({ jwks }), location: file, close: () => store.close() };
  }
  const sink = await openWorkerAuditSink({ file, trail: sealing });
  return {
    append: (entry) => sink.append(entry),
    verify: () => store.verifyAudit({ jwks }),
    location: file,
    async close() {
      await sink.close();
      await store.close();
    },
  };
}
