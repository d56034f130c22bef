/**
 * Wraps a department's built subgraph schema with its own sharing scope: the shield rules (deny what the grant
 * does not cover) around the masking of sensitive items. The scope comes from the department's own catalogue,
 * never from the gateway, so a department does not depend on the gateway's honesty. Innermost, the recording of
 * the entities each request returned (reporting/subjectRecording.ts), for the department's report.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { SharingCatalogue } from '../../../sharing/catalogue.ts';
import { isMaskable } from '../../../sharing/masking.ts';
import { subjectRecording } from '../reporting/subjectRecording.ts';
import { createDepartmentDecisions, type DepartmentDecisions } from './departmentDecisions.ts';
import { maskingMiddleware } from './maskingMiddleware.ts';
import { sharingShield } from './shieldRules.ts';

export interface SharingEnforcementOptions {
  /** The department id (a grant whose `dept` is this id is the department itself). Required. */
  department: string;
  /** The department's catalogue, `readSharingCatalogue(typeDefs, { provider: department })`. Required. */
  catalogue: SharingCatalogue;
}

export interface SharingEnforcement {
  /** The schema to serve: every field goes through the department's decisions. */
  schema: GraphQLSchema;
  decisions: DepartmentDecisions;
}

export function enforceSharing(schema: GraphQLSchema, options: SharingEnforcementOptions): SharingEnforcement {
  const { department, catalogue } = options;
  if (!department) throw new Error('enforceSharing: option `department` is required.');
  if (!catalogue) throw new Error('enforceSharing: option `catalogue` is required.');
  const maskable = new Set<string>();
  for (const policy of catalogue.items.values()) {
    const type = schema.getType(policy.type);
    const field = isObjectType(type) ? type.getFields()[policy.field] : undefined;
    if (field && isMaskable(field.type)) maskable.add(policy.item);
  }
  const decisions = createDepartmentDecisions({ department, catalogue, isMaskable: (item) => maskable.has(item) });
  return {
    schema: applyMiddleware(schema, sharingShield({ schema, catalogue, decisions }), maskingMiddleware(catalogue, decisions), subjectRecording(schema, catalogue)),
    decisions,
  };
}
