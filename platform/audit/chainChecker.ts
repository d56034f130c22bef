/**
 * The in-order checks of a trail, fed one record at a time by whatever reads it (the database or an exported
 * file). It stops at the first problem, in sequence order, and says what it is in words a person can act on:
 * a record whose content no longer matches its hash, a missing record, a chain link that does not join, a seal
 * that does not verify or does not match its record, a seal or head marker beyond the last record, and (with a
 * `SealCoverage`) seals missing where the sealing schedule says there must be one.
 */
import { GENESIS_HASH, recordHash } from './canonical.ts';
import type { SealCoverage } from './sealCoverage.ts';
import type { SealCheck } from './seals.ts';
import type { AuditEntry, AuditRecord } from './types.ts';

export type VerifyFailure = { ok: false; sequence: number; reason: string };

/** A seal as found: its id and stored fields, and what its signature vouches for (or why it does not). */
export interface FoundSeal {
  id: number;
  sequence: number;
  hash: string;
  time: string;
  check: SealCheck;
  /** Set for a seal only an anchor file still holds (`file:line`): it is missing from the store. */
  anchored?: string;
}

export interface ChainCheckerOptions {
  /** `strict`: the trail starts at record 1 after the genesis hash. `given`: an export, whose first record is taken as given. */
  start: 'strict' | 'given';
  /** Checks that seals are where the sealing schedule puts them. Default none. */
  coverage?: SealCoverage | null;
}

export class ChainChecker {
  readonly #start: 'strict' | 'given';
  readonly #coverage: SealCoverage | null;
  /** Seals by the sequence they cover, waiting for their record. */
  readonly #seals = new Map<number, FoundSeal[]>();
  #last: { sequence: number; hash: string } | null = null;
  #records = 0;
  #sealsChecked = 0;

  constructor(options: ChainCheckerOptions) {
    this.#start = options.start;
    this.#coverage = options.coverage ?? null;
  }

  get records(): number {
    return this.#records;
  }

  get sealsChecked(): number {
    return this.#sealsChecked;
  }

  get last(): { sequence: number; hash: string } | null {
    return this.#last;
  }

  /** Registers a seal; it is checked when its record arrives, or at `finish` if it never does. */
  seal(seal: FoundSeal): VerifyFailure | null {
    const covered = seal.check.ok ? seal.check.claim.sequence : seal.sequence;
    if (this.#last && covered <= this.#last.sequence) {
      return fail(covered, `seal ${seal.id} comes after record ${covered}, which it covers; seal lines must precede the records they cover (as audit:export writes them)`);
    }
    this.#seals.set(covered, [...(this.#seals.get(covered) ?? []), seal]);
    return null;
  }

  /**
   * Checks the next record, in order. `extraCheck` runs once the record's hash is found right (so its content is
   * what was appended) and returns a problem the reader sees, such as altered index rows.
   */
  record(record: AuditRecord, extraCheck?: () => string | undefined): VerifyFailure | null {
    const { sequence } = record;
    const expected = this.#last ? this.#last.sequence + 1 : this.#start === 'strict' ? 1 : sequence;
    if (!Number.isInteger(sequence) || sequence < expected) {
      return fail(expected, `record ${String(sequence)} appears where record ${expected} should be (duplicated or out of order)`);
    }
    if (sequence > expected) return fail(expected, missing(expected, sequence, this.#last?.sequence ?? expected - 1));
    // An export's first record links to a record outside it, taken as given; record 1 always links to genesis.
    const previous = this.#last?.hash ?? (this.#start === 'strict' || sequence === 1 ? GENESIS_HASH : record.previousHash);
    if (record.previousHash !== previous) {
      return fail(sequence, this.#last
        ? `record ${sequence}: its previousHash does not match the hash of record ${this.#last.sequence} (a record rewritten with a recomputed hash, or reordered?)`
        : `record ${sequence}: the first record's previousHash must be 64 zeros`);
    }
    if (recordHash(record.previousHash, sequence, entryOf(record)) !== record.hash) {
      return fail(sequence, `record ${sequence}: content does not match its hash (rewritten?)`);
    }
    const extra = extraCheck?.();
    if (extra) return fail(sequence, `record ${sequence}: ${extra}`);
    if (!this.#last && this.#start === 'given') this.#coverage?.startAfter(sequence - 1);
    const uncovered = this.#coverage?.record(sequence, record.time);
    if (uncovered) return uncovered;
    const genesisFailure = sequence === 1 && this.#start === 'strict' ? this.#checkSeals(0, GENESIS_HASH) : null;
    const sealFailure = genesisFailure ?? this.#checkSeals(sequence, record.hash);
    if (sealFailure) return sealFailure;
    this.#last = { sequence, hash: record.hash };
    this.#records += 1;
    return null;
  }

  /**
   * After the last record: seals and the head marker (when the reader has one) must not point beyond it, and the
   * records after the last seal must be as few and as recent as the sealing schedule allows.
   */
  finish(head?: { sequence: number; hash: string }): VerifyFailure | null {
    const structural = this.#finishStructure(head);
    const coverage = this.#coverage?.finish() ?? null;
    return coverage && (!structural || coverage.sequence < structural.sequence) ? coverage : structural;
  }

  #finishStructure(head?: { sequence: number; hash: string }): VerifyFailure | null {
    const end = this.#last?.sequence ?? 0;
    if (end === 0 && this.#start === 'strict') {
      const failure = this.#checkSeals(0, GENESIS_HASH); // seals of the empty trail
      if (failure) return failure;
    }
    const left = [...this.#seals.entries()].sort(([a], [b]) => a - b);
    for (const [sequence, seals] of left) {
      const seal = seals[0]!;
      if (!seal.check.ok) return fail(sequence, `seal ${seal.id}: ${seal.check.reason}`);
      const anchored = seal.anchored ? `, anchored in ${seal.anchored} and missing from the store,` : '';
      if (sequence > end) return fail(end + 1, `the trail ends at ${end} but seal ${seal.id}${anchored} covers up to ${sequence} (truncated?)`);
      return fail(sequence, `seal ${seal.id}${anchored} covers record ${sequence}, which is not among the records verified (it precedes the first)`);
    }
    if (head) {
      if (head.sequence > end) return fail(end + 1, `the trail ends at ${end} but its head marker says ${head.sequence} (truncated?)`);
      if (head.sequence < end) return fail(head.sequence + 1, `the head marker says ${head.sequence} but records go up to ${end} (head marker rewritten?)`);
      if (head.hash !== (this.#last?.hash ?? GENESIS_HASH)) return fail(end, `the head marker's hash does not match record ${end} (head marker or record rewritten?)`);
    }
    return null;
  }

  /** Checks and removes the seals covering `sequence`, whose record has hash `hash`. */
  #checkSeals(sequence: number, hash: string): VerifyFailure | null {
    const seals = this.#seals.get(sequence) ?? [];
    this.#seals.delete(sequence);
    for (const seal of seals) {
      if (!seal.check.ok) return fail(sequence, `seal ${seal.id}: ${seal.check.reason}`);
      const { claim } = seal.check;
      if (claim.hash !== seal.hash || claim.sequence !== seal.sequence || claim.time !== seal.time) {
        return fail(sequence, `seal ${seal.id}: its stored fields differ from what was signed (altered?)`);
      }
      if (seal.anchored) {
        return fail(sequence, claim.hash === hash
          ? `seal ${seal.id} (of record ${sequence}), anchored in ${seal.anchored}, is missing from the store (deleted?)`
          : `seal ${seal.id}, anchored in ${seal.anchored}, is missing from the store, and record ${sequence} no longer has the hash it sealed: the chain was rewritten under it`);
      }
      if (claim.hash !== hash) {
        return fail(sequence, `seal ${seal.id}: record ${sequence} does not match the hash it sealed (record rewritten with a recomputed chain?)`);
      }
      this.#sealsChecked += 1;
      this.#coverage?.sealed(sequence, seal.id);
    }
    return null;
  }
}

/** The entry part of a record: everything but the chain fields, so a field added to a line changes the hash. */
export function entryOf(record: AuditRecord): AuditEntry {
  const { sequence: _sequence, previousHash: _previousHash, hash: _hash, ...entry } = record;
  return entry;
}

function missing(expected: number, found: number, previous: number): string {
  return found === expected + 1
    ? `record ${expected} is missing (sequence jumps from ${previous} to ${found})`
    : `records ${expected} to ${found - 1} are missing (sequence jumps from ${previous} to ${found})`;
}

function fail(sequence: number, reason: string): VerifyFailure {
  return { ok: false, sequence, reason };
}
