/**
 * How a gateway or a department seals its audit trail, from the environment (README, Configuration;
 * docs/DEPLOYMENT.md, "The sealing key"): the key (`GOVGRAPH_SEAL_KEY_FILE`; required with DATABASE_URL, a
 * production deployment, and refused there inside the data directory, beside a database file, or readable by other
 * users), the anchor file every seal is copied to (`GOVGRAPH_SEAL_ANCHOR_FILE`, default
 * `<data-dir>/audit-anchors.jsonl`) and the schedule (`SEAL_POLICY`). Checked at start: a process that cannot seal
 * as configured does not start.
 */
import { join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { anchorTrailName, type SealAnchor } from '../platform/audit/anchors.ts';
import { SEAL_POLICY } from '../platform/audit/sealCoverage.ts';
import { readSealKey, SEAL_KEY_SETTING, sealKeyPlacementProblem, type GuardedDirectory } from '../platform/audit/sealKey.ts';
import type { SealSigner } from '../platform/index.ts';

export const ANCHOR_FILE_SETTING = 'GOVGRAPH_SEAL_ANCHOR_FILE';

export interface SealingOptions {
  dataDir: string;
  /** The department whose access log this is; null for the gateway's trail. */
  department: string | null;
  /** What seals without `GOVGRAPH_SEAL_KEY_FILE` (development only): the grant key, or the department's key. */
  developmentKey: SealSigner & { jwks: { keys: JWK[] } };
  /** How to name that key in a message, e.g. `the gateway grant key in <data-dir>/keys`. */
  developmentKeyName: string;
  /** Database files this process writes (SQLite), each with its setting: the key must not be in their folders. */
  databaseFolders?: readonly GuardedDirectory[];
}

export interface Sealing {
  /** The trail options that seal it: the signer, the schedule and the anchor. */
  trail: { sealSigner: SealSigner; sealEvery: number; sealIntervalMs: number; anchor: SealAnchor };
  /** The public keys its seals verify with. */
  jwks: { keys: JWK[] };
}

export function anchorFileFromEnv(env: NodeJS.ProcessEnv, dataDir: string): string {
  return resolve(env[ANCHOR_FILE_SETTING] || join(dataDir, 'audit-anchors.jsonl'));
}

export async function sealingFromEnv(env: NodeJS.ProcessEnv, options: SealingOptions): Promise<Sealing> {
  const production = Boolean(env.DATABASE_URL);
  const keyFile = env[SEAL_KEY_SETTING];
  const anchor = { file: anchorFileFromEnv(env, options.dataDir), trail: anchorTrailName(options.department) };
  const schedule = { sealEvery: SEAL_POLICY.sealEvery, sealIntervalMs: SEAL_POLICY.sealIntervalMs };
  if (!keyFile) {
    if (production) {
      throw new Error(
        `${SEAL_KEY_SETTING} is not set: with DATABASE_URL (a production deployment) audit seals must be signed with a key kept apart ` +
          `from the data directory (${options.dataDir}), not with ${options.developmentKeyName}. Create a sealing key outside it ` +
          `(docs/DEPLOYMENT.md, "The sealing key") and set ${SEAL_KEY_SETTING} to its path.`,
      );
    }
    const { privateKey, kid, jwks } = options.developmentKey;
    return { trail: { sealSigner: { privateKey, kid }, ...schedule, anchor }, jwks };
  }
  const key = await readSealKey(keyFile);
  if (production) {
    const guarded = [{ path: options.dataDir, setting: '--data-dir / GOVGRAPH_DATA_DIR' }, ...(options.databaseFolders ?? [])];
    const problem = sealKeyPlacementProblem(key.file, guarded);
    if (problem) throw new Error(`Refusing to start: ${problem}`);
  }
  return { trail: { sealSigner: { privateKey: key.privateKey, kid: key.kid }, ...schedule, anchor }, jwks: key.jwks };
}
