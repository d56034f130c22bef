/**
 * The catalogue in the graph: every department may read all of it (the Regulations require it published), NONE
 * items included with their legal reason. It is the catalogue of the supergraph the gateway serves, as of this
 * request (see `platform/catalogue/supergraphCatalogue.ts`).
 */
import { selectCatalogue } from '../../platform/catalogue/index.ts';
import { nonEmpty } from './arguments.ts';
import type { QueryResolvers } from './__generated__/resolvers.ts';
import type { Context } from './resources.ts';
import { catalogueItemView, catalogueResourceView } from './catalogueViews.ts';

export const catalogueQueries: Pick<QueryResolvers<Context>, 'catalogue' | 'catalogueItem'> = {
  catalogue: (_root, { filter }, context) => {
    const { catalogue } = context.resources;
    if (filter?.department != null) nonEmpty(filter.department, 'filter.department');
    const selection = selectCatalogue(catalogue, { department: filter?.department, level: filter?.level, search: filter?.search });
    return {
      resources: selection.resources.map(catalogueResourceView),
      items: selection.items.map(catalogueItemView),
      departments: catalogue.departments.map(({ id, version, items }) => ({ id, version, itemCount: items })),
    };
  },
  catalogueItem: (_root, { item }, context) => {
    const found = context.resources.catalogue.items.find((entry) => entry.item === item);
    return found ? catalogueItemView(found) : null;
  },
};
