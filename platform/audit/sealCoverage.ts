/**
 * Seals that cannot be deleted unnoticed. A chain whose seals were all deleted, and its hashes recomputed after a
 * rewrite, verifies as a chain: what gives it away is that seals are missing. Every trail is sealed on a schedule
 * (`SEAL_POLICY`: every 1,000 records and every minute while records come in, and when its writer closes), so a
 * verification knows how many seals there must be:
 *
 * - seal ids run 1, 2, 3… without a gap (a seal signs its own id, so closing a gap by renumbering breaks it);
 * - no more than `maxRecordsUnsealed` records follow one another without a seal (three times the seal-every count:
 *   seals are made after a batch commits, and several batches may commit while one is signed);
 * - with a clock (a live trail, not an export), no record older than `maxUnsealedAgeMs` (three sealing intervals) is
 *   left after the last seal.
 *
 * The checks are fed by the chain checker, in sequence order, with the seals it found valid.
 */
import type { VerifyFailure } from './chainChecker.ts';

/** How often trails are sealed: the sealers (gateway, departments) and the verifier read this one policy. */
export interface SealPolicy {
  /** A seal when the head is this many records past the last seal. */
  sealEvery: number;
  /** A seal this often while records were added since the last one, in milliseconds. */
  sealIntervalMs: number;
}

export const SEAL_POLICY: Readonly<SealPolicy> = Object.freeze({ sealEvery: 1000, sealIntervalMs: 60_000 });

export interface CoverageLimits {
  /** Most records in a row a verification accepts without a seal. */
  maxRecordsUnsealed: number;
  /** Oldest an unsealed record may be, in milliseconds, when the verification has a clock. */
  maxUnsealedAgeMs: number;
}

/** What a verification accepts of a trail sealed by `policy`. */
export function coverageLimits(policy: SealPolicy): CoverageLimits {
  for (const name of ['sealEvery', 'sealIntervalMs'] as const) {
    if (!Number.isInteger(policy[name]) || policy[name] < 1) {
      throw new TypeError(`Seal policy: \`${name}\` must be a positive integer, got ${String(policy[name])}.`);
    }
  }
  return { maxRecordsUnsealed: 3 * policy.sealEvery, maxUnsealedAgeMs: 3 * policy.sealIntervalMs };
}

export interface SealCoverageOptions {
  limits: CoverageLimits;
  /** The verification's clock, in epoch milliseconds; null for an export (no age check). */
  now: number | null;
}

export class SealCoverage {
  readonly #limits: CoverageLimits;
  readonly #cutoff: number | null;
  /** The last sealed record (0: the trail's start) and the seal that covers it. */
  #sealed: { sequence: number; id: number | null } = { sequence: 0, id: null };
  #anySeal = false;
  /** The first record after the last seal that is older than the cutoff. */
  #stale: { sequence: number; time: string } | null = null;

  constructor(options: SealCoverageOptions) {
    this.#limits = options.limits;
    this.#cutoff = options.now === null ? null : options.now - options.limits.maxUnsealedAgeMs;
  }

  /** An export's first record: what precedes it is outside the file, taken as sealed. */
  startAfter(sequence: number): void {
    this.#sealed = { sequence, id: null };
  }

  /** A record that passed the chain checks, before the seals covering it are checked. */
  record(sequence: number, time: unknown): VerifyFailure | null {
    const unsealed = sequence - this.#sealed.sequence;
    if (unsealed > this.#limits.maxRecordsUnsealed) {
      return {
        ok: false,
        sequence,
        reason: `record ${sequence} is ${unsealed} records past ${this.#describeSealed()}, and no seal covers it: trails are sealed every ` +
          `${policyInWords(this.#limits)}, so seals are missing here (deleted?)`,
      };
    }
    const at = typeof time === 'string' ? Date.parse(time) : Number.NaN;
    if (this.#cutoff !== null && this.#stale === null && at < this.#cutoff) this.#stale = { sequence, time: time as string };
    return null;
  }

  /** A valid seal of record `sequence` (checked against its hash). */
  sealed(sequence: number, id: number): void {
    this.#anySeal = true;
    if (sequence < this.#sealed.sequence) return;
    this.#sealed = { sequence, id };
    if (this.#stale && this.#stale.sequence <= sequence) this.#stale = null;
  }

  /** After the last record (`end`): the records after the last seal must be few and recent. */
  finish(): VerifyFailure | null {
    if (!this.#stale) return null;
    const { sequence, time } = this.#stale;
    const none = this.#anySeal ? '' : ' (the trail has no valid seal at all)';
    return {
      ok: false,
      sequence,
      reason: `record ${sequence} (of ${time}) and every record after it are covered by no seal${none}, although it is older than ` +
        `${this.#limits.maxUnsealedAgeMs / 1000} s and trails are sealed every ${policyInWords(this.#limits)}: their seals are ` +
        'missing (deleted?), or the process writing the trail stopped before sealing them (a crash: started again, it seals ' +
        'its head within a minute; verify again then)',
    };
  }

  #describeSealed(): string {
    return this.#sealed.id === null
      ? this.#sealed.sequence === 0 ? 'the start of the trail' : 'the start of the export'
      : `record ${this.#sealed.sequence} (seal ${this.#sealed.id})`;
  }
}

/** The policy in words, from the limits it implies. */
function policyInWords(limits: CoverageLimits): string {
  return `${limits.maxRecordsUnsealed / 3} records and every ${limits.maxUnsealedAgeMs / 3000} s (at most ${limits.maxRecordsUnsealed} records in a row accepted unsealed)`;
}

/** A seal as stored, for the checks of the whole set: its id, the record it covers, and the id it was signed with. */
export interface StoredSealId {
  id: number;
  sequence: number;
  /** The id inside its signature, when it verified and carries one. */
  signedId?: number | undefined;
}

/**
 * Ids 1, 2, 3… without a gap, each the id it was signed with. The failure names the first record whose seal is
 * in question: the one after the last record the seal before the gap covers.
 */
export function sealIdProblem(seals: readonly StoredSealId[]): VerifyFailure | null {
  const byId = [...seals].sort((a, b) => a.id - b.id);
  let previous: StoredSealId | null = null;
  let found: VerifyFailure | null = null;
  const keep = (failure: VerifyFailure) => {
    if (!found || failure.sequence < found.sequence) found = failure;
  };
  for (const seal of byId) {
    const expected = (previous?.id ?? 0) + 1;
    if (seal.id !== expected) {
      const missing = seal.id === expected + 1 ? `seal ${expected} is missing` : `seals ${expected} to ${seal.id - 1} are missing`;
      keep({
        ok: false,
        sequence: (previous?.sequence ?? 0) + 1,
        reason: `${missing} (seal ids jump from ${previous ? previous.id : 'the start'} to ${seal.id}; seals are numbered without gaps): deleted?`,
      });
    }
    if (seal.signedId !== undefined && seal.signedId !== seal.id) {
      keep({
        ok: false,
        sequence: seal.sequence,
        reason: `seal ${seal.id} was signed as seal ${seal.signedId}: seals were renumbered (to close the gap a deleted seal left?)`,
      });
    }
    previous = seal;
  }
  return found;
}
