/** Catalogue entries as the graph's types (the update cycle is the schema's ShareCycle enum). */
import type { CatalogueItem as PublishedItem, CatalogueResource as PublishedResource } from '../../platform/catalogue/index.ts';
import type { CatalogueItem, CatalogueResource, ShareCycle } from './__generated__/resolvers.ts';

export function catalogueItemView(item: PublishedItem): CatalogueItem {
  return { ...item, cycle: item.cycle as ShareCycle | null };
}

export function catalogueResourceView(resource: PublishedResource): CatalogueResource {
  return { ...resource, items: resource.items.map(catalogueItemView) };
}
