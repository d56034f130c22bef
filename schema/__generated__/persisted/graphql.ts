/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Registration status of a market entity. */
export type EnterpriseStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'REVOKED'
  | 'SUSPENDED';

/** Gender as registered. */
export type Gender =
  | 'FEMALE'
  | 'MALE';

/** State of a pension insurance account. */
export type InsuranceStatus =
  /** Contributions are being paid. */
  | 'CONTRIBUTING'
  /** The resident has never been enrolled. */
  | 'NOT_ENROLLED'
  /** Past retirement age; the pension is being drawn. */
  | 'RETIRED'
  /** Contributions are interrupted (e.g. between jobs). */
  | 'SUSPENDED';

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

/** Tax credit rating of an enterprise, from the annual assessment of its tax compliance (纳税信用等级). */
export type TaxCreditRating =
  /** Score of 90 or more: excellent compliance. */
  | 'A'
  /** Score from 70 to 89: good compliance. */
  | 'B'
  /** Score from 40 to 69: poor compliance. */
  | 'C'
  /** Score below 40, or a serious violation: dishonest taxpayer. */
  | 'D'
  /** Newly established, or without assessable business in the year: no record to judge. */
  | 'M';

export type PropertyTaxAssessmentQueryVariables = Exact<{
  id: string;
}>;


export type PropertyTaxAssessmentQuery = { person: { idNumber: string, name: string, maritalStatus: MaritalStatus | null, household: { address: string, regionCode: string } | null, realEstates: Array<{ certificateNo: string, address: string | null, area: number | null, usage: RealEstateUsage | null }> | null } | null };

export type LegalRepresentativesQueryVariables = Exact<{
  first: number;
}>;


export type LegalRepresentativesQuery = { enterprises: { nodes: Array<{ creditCode: string, name: string, taxCreditRating: TaxCreditRating | null, legalRepresentative: { idNumber: string, name: string, maritalStatus: MaritalStatus | null } }> } };

export type OneStopQueryVariables = Exact<{
  id: string;
}>;


export type OneStopQuery = { person: { idNumber: string, name: string, gender: Gender, birthDate: string, maritalStatus: MaritalStatus | null, household: { address: string, regionCode: string } | null, socialInsurance: { pensionMonths: number, status: InsuranceStatus } | null, enterprises: Array<{ creditCode: string, name: string, status: EnterpriseStatus, taxCreditRating: TaxCreditRating | null }>, realEstates: Array<{ certificateNo: string, address: string | null, area: number | null }> | null } | null };


export const PropertyTaxAssessmentDocument = {"__meta__":{"hash":"sha256:bf0bfa7ad60972c2620e624ab154f8b5374e1f443803d2a4bf977b335069f9ca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PropertyTaxAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentId"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"realEstates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateNo"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}}]}}]}}]}}]} as unknown as DocumentNode<PropertyTaxAssessmentQuery, PropertyTaxAssessmentQueryVariables>;
export const LegalRepresentativesDocument = {"__meta__":{"hash":"sha256:baec796ddf602e181f767342d649212b7999aa12da9a5f622bed06c50dc63c3f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LegalRepresentatives"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"taxCreditRating"}},{"kind":"Field","name":{"kind":"Name","value":"legalRepresentative"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatus"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LegalRepresentativesQuery, LegalRepresentativesQueryVariables>;
export const OneStopDocument = {"__meta__":{"hash":"sha256:a3512db4cda4745498cb275ad4bc944ffdc390a927587ba3fd3751969f0c27bb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OneStop"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentId"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maritalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"socialInsurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pensionMonths"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"taxCreditRating"}}]}},{"kind":"Field","name":{"kind":"Name","value":"realEstates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateNo"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"area"}}]}}]}}]}}]} as unknown as DocumentNode<OneStopQuery, OneStopQueryVariables>;