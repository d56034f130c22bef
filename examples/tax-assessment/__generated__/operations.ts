/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Marital status as registered with civil affairs. */
export type MaritalStatus =
  | 'DIVORCED'
  | 'MARRIED'
  | 'UNMARRIED'
  | 'WIDOWED';

/** Planned use of a unit of real estate (规划用途). */
export type RealEstateUsage =
  /** Shops and other commercial premises (商业). */
  | 'COMMERCIAL'
  /** Factories and warehouses (工业). */
  | 'INDUSTRIAL'
  /** Offices (办公). */
  | 'OFFICE'
  /** Housing (住宅). */
  | 'RESIDENTIAL';

export type PropertyTaxAssessmentQueryVariables = Exact<{
  id: string;
}>;


export type PropertyTaxAssessmentQuery = { person: { idNumber: string, name: string, maritalStatus: MaritalStatus | null, household: { address: string, regionCode: string } | null, realEstates: Array<{ certificateNo: string, address: string | null, area: number | null, usage: RealEstateUsage | null }> | null } | null };


export const PropertyTaxAssessmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PropertyTaxAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentId"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"realEstates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateNo"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}}]}}]}}]}}]} as unknown as DocumentNode<PropertyTaxAssessmentQuery, PropertyTaxAssessmentQueryVariables>;