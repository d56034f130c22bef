/** Publishing department subgraphs: checks, breaking-change diff, consumer impact, the live check, the record and the supergraph. */
export { publishDepartment, type PublishContext, type PublishOutcome, type PublishRequest, type PublishStage } from './publishDepartment.ts';
export {
  diffSupergraphs, isDeprecation, viewSupergraph, type BreakingChangeKind, type DeprecationKind, type SafeChangeKind, type SchemaChange, type SupergraphView,
} from './schemaDiff.ts';
export { findAffectedOperations, type AffectedOperation, type ConsumerImpactOptions } from './consumerImpact.ts';
export { createLiveCheck, declaredFields, type LiveCheck, type LiveCheckOptions } from './liveCheck.ts';
export { apiSchemaFileFor, readSupergraph, writeSupergraph } from './supergraphFiles.ts';
export { describeAffected, describeChanges, describeHistory, describeOutcome } from './report.ts';
