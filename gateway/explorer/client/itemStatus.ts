/**
 * What a request naming a purpose (`X-Purpose`, or none) will get of one catalogued item, as the pages mark it:
 * in the docs, the Explorer tree and the editor. Read from the caller's catalogue view (its department's holdings)
 * by the same rules the gateway applies — an agreement grants its items when the request names its purpose or
 * its id — but a description only: the gateway's `decide()` still decides each request.
 */
import type { CatalogueItemView } from '../views.ts';

export type ItemStatus =
  /** The caller's department provides it. */
  | { state: 'served'; why: 'own' }
  /** Shared with every department. */
  | { state: 'served'; why: 'open' }
  /** Granted by an agreement whose purpose or id the request names. */
  | { state: 'served'; why: 'agreement'; agreementId: string }
  /** Unconditional and sensitive: masked, as no agreement for this purpose grants it raw. */
  | { state: 'masked' }
  /** Unconditional itself, but reached only through items the caller does not hold. */
  | { state: 'through'; through: string[] }
  /** Not for this request: NONE, no purpose named, agreements for other purposes, or no agreement at all. */
  | { state: 'withheld'; why: 'never' }
  | { state: 'withheld'; why: 'no-purpose' | 'other-purpose'; purposes: string[] }
  | { state: 'withheld'; why: 'no-agreement' };

export function itemStatus(view: CatalogueItemView, purpose: string | null): ItemStatus {
  const matching = view.agreements.find((a) => purpose !== null && (a.purpose === purpose || a.id === purpose));
  switch (view.access) {
    case 'own':
      return { state: 'served', why: 'own' };
    case 'open':
      return { state: 'served', why: 'open' };
    case 'through':
      return { state: 'through', through: view.through };
    case 'never':
      return { state: 'withheld', why: 'never' };
    case 'masked':
      return { state: 'masked' };
    case 'apply':
      return { state: 'withheld', why: 'no-agreement' };
    case 'agreement':
      if (matching) return { state: 'served', why: 'agreement', agreementId: matching.id };
      if (view.level === 'UNCONDITIONAL') return { state: 'masked' };
      return { state: 'withheld', why: purpose === null ? 'no-purpose' : 'other-purpose', purposes: [...new Set(view.agreements.map((a) => a.purpose))] };
  }
}

/** Every catalogued item of a catalogue view, by `Type.field`, with its owner. */
export function itemsOf(catalogue: { departments: { id: string; resources: { items: CatalogueItemView[] }[] }[] }): Map<string, { owner: string; view: CatalogueItemView }> {
  const items = new Map<string, { owner: string; view: CatalogueItemView }>();
  for (const department of catalogue.departments) {
    for (const resource of department.resources) for (const view of resource.items) items.set(view.item, { owner: department.id, view });
  }
  return items;
}
