/**
 * Finds catalogue entries by department, level and text. Every condition given must hold for an item; a resource
 * is listed with the items that match (and only when at least one does). Text search is case-insensitive: every
 * word of it must occur in the item's name, field, description or reason, or in its resource's name or
 * description.
 */
import type { ShareLevel } from '../../sharing/types.ts';
import type { CatalogueItem, CatalogueResource, PublishedCatalogue } from './publishedCatalogue.ts';

export interface CatalogueFilter {
  /** Items this department provides. */
  department?: string | null;
  level?: ShareLevel | null;
  /** Words, all of which must occur (case-insensitive). */
  search?: string | null;
}

export interface CatalogueSelection {
  resources: CatalogueResource[];
  items: CatalogueItem[];
}

export function selectCatalogue(catalogue: PublishedCatalogue, filter: CatalogueFilter = {}): CatalogueSelection {
  const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '');
  const resources: CatalogueResource[] = [];
  for (const resource of catalogue.resources) {
    const resourceText = `${resource.name}\n${resource.description ?? ''}`.toLowerCase();
    const items = resource.items.filter((item) => {
      if (filter.department && item.owner !== filter.department) return false;
      if (filter.level && item.level !== filter.level) return false;
      if (words.length === 0) return true;
      const text = `${resourceText}\n${item.item}\n${item.description ?? ''}\n${item.reason ?? ''}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
    if (items.length > 0) resources.push({ ...resource, items });
  }
  return { resources, items: resources.flatMap((resource) => resource.items) };
}
