/**
 * What became of a consumer's agreements that are not in force (pending, rejected, revoked, expired), so that a
 * denial for want of an agreement says "AGR-2026-0002 was revoked on … (no longer needed)" or "AGR-2026-0003 is
 * pending" instead of "apply" (sharing/decide.ts, `notInForce`). Read only for a response that has such a denial,
 * and kept per consumer until the agreements' change counter moves or one of its agreements ends.
 */
import { LRUCache } from 'lru-cache';
import type { AgreementNotInForce } from '../../sharing/index.ts';
import type { Agreement } from '../../sharing/types.ts';

/** The part of the agreement store this needs (gateway/options.ts `agreements`). */
export interface FormerAgreementSource {
  list(filter: { consumer: string }): Promise<Agreement[]>;
  history(id: string): Promise<{ to: string; reason: string | null; at: string }[]>;
  version(): Promise<number>;
}

export type FormerAgreements = (consumer: string, at: Date) => Promise<AgreementNotInForce[]>;

export function createFormerAgreements(store: FormerAgreementSource): FormerAgreements {
  const known = new LRUCache<string, { version: number; until: number; former: AgreementNotInForce[] }>({ max: 10_000 });
  return async (consumer, at) => {
    const version = await store.version();
    const time = at.getTime();
    const cached = known.get(consumer);
    if (cached && cached.version === version && time < cached.until) return cached.former;
    const all = await store.list({ consumer });
    const iso = at.toISOString();
    const inForce = (a: Agreement) => a.status === 'APPROVED' && a.validFrom <= iso && iso < a.validUntil;
    const former: AgreementNotInForce[] = [];
    for (const agreement of all) {
      if (inForce(agreement) || (agreement.status === 'APPROVED' && iso < agreement.validFrom)) continue;
      if (agreement.status === 'EXPIRED' || agreement.status === 'APPROVED') {
        former.push({ agreement: { ...agreement, status: 'EXPIRED' }, since: agreement.validUntil, reason: null });
        continue;
      }
      const change = (await store.history(agreement.id)).filter((c) => c.to === agreement.status).at(-1);
      former.push({ agreement, since: change?.at ?? null, reason: change?.reason ?? null });
    }
    // Until one of the agreements in force ends (it then joins these) or one not yet started begins.
    let until = Number.POSITIVE_INFINITY;
    for (const agreement of all) {
      if (agreement.status !== 'APPROVED') continue;
      if (inForce(agreement)) until = Math.min(until, Date.parse(agreement.validUntil));
      else if (iso < agreement.validFrom) until = Math.min(until, Date.parse(agreement.validFrom));
    }
    known.set(consumer, { version, until, former });
    return former;
  };
}
