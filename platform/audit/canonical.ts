/**
 * Record hashes of the audit trail over canonical JSON (sharing/canonicalJson.ts): the one byte sequence a record
 * hashes as, so that the gateway, the store and an auditor's offline check agree on every record's hash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../sharing/canonicalJson.ts';
import type { AuditEntry } from './types.ts';

export { canonicalJson };

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * sha256 (lowercase hex) of the canonical JSON of `{ entry, previousHash, sequence }`: the record's content,
 * its place in the chain and the hash of the record before it, so changing any of the three changes the hash.
 */
export function recordHash(previousHash: string, sequence: number, entry: AuditEntry): string {
  return recordHashOfCanonical(previousHash, sequence, canonicalJson(entry));
}

/**
 * `recordHash` for an entry already in canonical JSON (how the store holds it). The keys `entry`, `previousHash`,
 * `sequence` are written in their sorted order, so this is exactly the canonical JSON of the object.
 */
export function recordHashOfCanonical(previousHash: string, sequence: number, canonicalEntry: string): string {
  return sha256(`{"entry":${canonicalEntry},"previousHash":${JSON.stringify(previousHash)},"sequence":${canonicalJson(sequence)}}`);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
