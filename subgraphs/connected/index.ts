/**
 * Connected departments: a department that joins from the system it already runs (a PostgreSQL, MySQL/MariaDB or
 * SQLite database, or a REST/JSON interface), described by a mapping file and served by the kit with no
 * TypeScript. `proposeMapping` drafts the file from a database's schema or an OpenAPI document.
 */
export { connectedDepartment, readMappingFile, type ConnectedDepartmentDefinition, type ConnectedDepartmentOptions } from './connectedDepartment.ts';
export { GRAPH_ENTITIES, type ConnectorMapping, type FieldMapping, type RelationMapping, type TypeMapping } from './mapping/mapping.ts';
export { schemaFromMapping } from './mapping/schemaFromMapping.ts';
export { MappingError, validateMapping } from './mapping/validateMapping.ts';
export { UPSTREAM_UNAVAILABLE } from './rest/openRestInterface.ts';
export { SOURCE_UNAVAILABLE } from './sql/rowLoaders.ts';
export { SOURCE_DATA_INVALID } from './mapping/values.ts';
export { generatedSchema, schemaIsCurrent } from './generatedSchema.ts';
