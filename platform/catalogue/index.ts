/** The published catalogue: derived from the supergraph, queried, exported, kept in step with the file. */
export { readPublishedCatalogue, versionedView, withVersions, type CatalogueDepartment, type CatalogueItem, type CatalogueResource, type PublishedCatalogue, type PublishedCatalogueOptions } from './publishedCatalogue.ts';
export { selectCatalogue, type CatalogueFilter, type CatalogueSelection } from './catalogueQuery.ts';
export { catalogueCsv, catalogueJson, CSV_COLUMNS } from './catalogueExport.ts';
export { openSupergraphCatalogue, type SupergraphCatalogue, type SupergraphCatalogueOptions } from './supergraphCatalogue.ts';
export { openStoreSupergraphCatalogue, type PublishedSupergraphs, type StoreSupergraphCatalogueOptions } from './storeSupergraphCatalogue.ts';
export { departmentName, itemNameZh, resourceNameZh, type DepartmentName } from './catalogueNames.ts';
