/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query PropertyTaxAssessment($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    realEstates {\n      certificateNo\n      address\n      area\n      usage\n    }\n  }\n}": typeof types.PropertyTaxAssessmentDocument,
    "query LegalRepresentatives($first: Int!) {\n  enterprises(first: $first) {\n    nodes {\n      creditCode\n      name\n      taxCreditRating\n      legalRepresentative {\n        idNumber\n        name\n        maritalStatus\n      }\n    }\n  }\n}": typeof types.LegalRepresentativesDocument,
    "query OneStop($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    gender\n    birthDate\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    socialInsurance {\n      pensionMonths\n      status\n    }\n    enterprises {\n      creditCode\n      name\n      status\n      taxCreditRating\n    }\n    realEstates {\n      certificateNo\n      address\n      area\n    }\n  }\n}": typeof types.OneStopDocument,
};
const documents: Documents = {
    "query PropertyTaxAssessment($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    realEstates {\n      certificateNo\n      address\n      area\n      usage\n    }\n  }\n}": types.PropertyTaxAssessmentDocument,
    "query LegalRepresentatives($first: Int!) {\n  enterprises(first: $first) {\n    nodes {\n      creditCode\n      name\n      taxCreditRating\n      legalRepresentative {\n        idNumber\n        name\n        maritalStatus\n      }\n    }\n  }\n}": types.LegalRepresentativesDocument,
    "query OneStop($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    gender\n    birthDate\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    socialInsurance {\n      pensionMonths\n      status\n    }\n    enterprises {\n      creditCode\n      name\n      status\n      taxCreditRating\n    }\n    realEstates {\n      certificateNo\n      address\n      area\n    }\n  }\n}": types.OneStopDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PropertyTaxAssessment($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    realEstates {\n      certificateNo\n      address\n      area\n      usage\n    }\n  }\n}"): (typeof documents)["query PropertyTaxAssessment($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    realEstates {\n      certificateNo\n      address\n      area\n      usage\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LegalRepresentatives($first: Int!) {\n  enterprises(first: $first) {\n    nodes {\n      creditCode\n      name\n      taxCreditRating\n      legalRepresentative {\n        idNumber\n        name\n        maritalStatus\n      }\n    }\n  }\n}"): (typeof documents)["query LegalRepresentatives($first: Int!) {\n  enterprises(first: $first) {\n    nodes {\n      creditCode\n      name\n      taxCreditRating\n      legalRepresentative {\n        idNumber\n        name\n        maritalStatus\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OneStop($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    gender\n    birthDate\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    socialInsurance {\n      pensionMonths\n      status\n    }\n    enterprises {\n      creditCode\n      name\n      status\n      taxCreditRating\n    }\n    realEstates {\n      certificateNo\n      address\n      area\n    }\n  }\n}"): (typeof documents)["query OneStop($id: ResidentId!) {\n  person(idNumber: $id) {\n    idNumber\n    name\n    gender\n    birthDate\n    household {\n      address\n      regionCode\n    }\n    maritalStatus\n    socialInsurance {\n      pensionMonths\n      status\n    }\n    enterprises {\n      creditCode\n      name\n      status\n      taxCreditRating\n    }\n    realEstates {\n      certificateNo\n      address\n      area\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;