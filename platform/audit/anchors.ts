/**
 * Seals anchored outside the store: as each seal is made, a copy goes to an append-only file an auditor keeps
 * (JSON Lines, one `{ "trail": name, "seal": { id, sequence, hash, time, kid, signature } }` per seal, written and
 * fsynced after the seal is stored). Whoever rewrites the database can delete seals and recompute the chain under
 * them; the copies in the anchor file still name each seal and the hash it sealed, so `audit:verify` finds a seal
 * removed from the store, replaced, or a chain rewritten under it, and a trail cut off before an anchored seal.
 *
 * One file may hold the anchors of several trails (the gateway's and each department's, all processes of one
 * deployment appending to it: each line is one `write`, which a local file appends whole): `trail` tells them apart
 * (`platform` for the gateway's trail, `department:<id>` for a department's access log).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from './canonical.ts';
import type { AuditSeal } from './types.ts';

/** Where a trail anchors its seals, and under which name. Plain data, so it can travel to an audit worker. */
export interface SealAnchor {
  /** The anchor file (created with its folder when missing). */
  file: string;
  /** The trail's name in the file: `platform`, or `department:<id>`. */
  trail: string;
}

/** A seal as its anchor file holds it, and where (`file:line`), for messages. */
export interface AnchoredSeal {
  seal: AuditSeal;
  where: string;
}

/** The anchor name of the gateway's trail and of a department's access log. */
export function anchorTrailName(department: string | null): string {
  return department === null ? 'platform' : `department:${department}`;
}

export function checkSealAnchor(anchor: unknown, owner: string): SealAnchor {
  const value = anchor as Partial<SealAnchor> | null;
  if (typeof value !== 'object' || value === null || typeof value.file !== 'string' || value.file === '' || typeof value.trail !== 'string' || value.trail === '') {
    throw new TypeError(`${owner}: option \`anchor\` must be { file, trail } (the anchor file and the trail's name in it) or null.`);
  }
  return { file: value.file, trail: value.trail };
}

/** Appends the seal's line and waits until it is on disk. Throws naming the file when it cannot. */
export function appendAnchor(anchor: SealAnchor, seal: AuditSeal): void {
  const { id, sequence, hash, time, kid, signature } = seal;
  const line = `${canonicalJson({ seal: { hash, id, kid, sequence, signature, time }, trail: anchor.trail })}\n`;
  let fd: number | null = null;
  try {
    mkdirSync(dirname(anchor.file), { recursive: true });
    fd = openSync(anchor.file, 'a', 0o600);
    writeSync(fd, line);
    fsyncSync(fd);
  } catch (error) {
    throw new Error(`Seal ${id} is stored but could not be anchored in ${anchor.file}: ${(error as Error).message}. Check the anchor file (GOVGRAPH_SEAL_ANCHOR_FILE) is writable.`, { cause: error });
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The seals `file` anchors for `trail`, in file order. Throws naming the line when a line is not an anchor (an
 * anchor file that cannot be read is not evidence of anything: the verification stops, it does not pass); only an
 * unfinished last line (no newline: its writer was killed while writing it) is passed over.
 */
export function readAnchors(file: string, trail: string): AnchoredSeal[] {
  if (!existsSync(file)) throw new Error(`no anchor file at ${file}.`);
  const anchored: AnchoredSeal[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let value: { trail?: unknown; seal?: Partial<AuditSeal> };
    try {
      value = JSON.parse(line) as typeof value;
    } catch {
      // A last line without its newline was being written when its writer died: that seal was never anchored.
      if (index === lines.length - 1) return;
      throw new Error(`${where} is not an anchor line (not JSON); the anchor file was damaged or is not one.`);
    }
    const seal = value?.seal;
    const wellFormed = typeof value?.trail === 'string' && typeof seal === 'object' && seal !== null &&
      Number.isInteger(seal.id) && Number.isInteger(seal.sequence) && ['hash', 'time', 'kid', 'signature'].every((key) => typeof seal[key as keyof AuditSeal] === 'string');
    if (!wellFormed) throw new Error(`${where} is not an anchor line ({ "trail": name, "seal": { id, sequence, hash, time, kid, signature } }).`);
    if (value.trail === trail) anchored.push({ seal: seal as AuditSeal, where });
  });
  return anchored;
}
