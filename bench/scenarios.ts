/**
 * What is measured: the two canonical operations (schema/operations/), the same OneStop with every conditional item denied,
 * and a tiny query that shows the fixed cost of a request. Every request carries a tax application's token; all
 * but `all-denied` name the purpose `property-tax-assessment`, under which the demo agreements grant tax the
 * household, social insurance and real estate but not the marital status (granted only for another purpose), and
 * the resident ID is masked. Each scenario says what each gateway must answer: the plain gateway ignores token and
 * purpose and answers everything raw.
 */
import { readFileSync } from 'node:fs';
import type { PersonRecord } from '../subgraphs/synthetic/types.ts';
import type { AnswerKind } from './processes.ts';
import { listOf, present, type Pattern } from './shape.ts';

export const PURPOSE = 'property-tax-assessment';

export interface GraphQLBody {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export interface Expectation {
  /** The whole `data`. */
  data: Pattern;
  /** Paths (joined by '.') that must come back null with an UNAUTHORIZED_FIELD_OR_TYPE error; no other error is allowed. */
  deniedPaths: string[];
}

export interface Scenario {
  name: string;
  description: string;
  body: GraphQLBody;
  /** X-Purpose, or null to send none. */
  purpose: string | null;
  /** What the govgraph gateway (with or without its audit trail) and the plain one must answer. */
  expected: Record<AnswerKind, Expectation>;
}

export const SCENARIO_NAMES = ['one-stop', 'legal-representatives', 'all-denied', 'tiny'] as const;
export const LEGAL_REPRESENTATIVES_FIRST = 100;

const RESIDENT_ID = /^\d{17}[\dX]$/;
const MASKED_RESIDENT_ID = /^\d{6}\*{8}\d{3}[\dX]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export function buildScenarios(applicant: PersonRecord): Scenario[] {
  const oneStop = operation('OneStop', { id: applicant.idNumber });
  const person = (overrides: Record<string, Pattern>): Pattern => ({
    person: {
      idNumber: applicant.idNumber,
      name: applicant.name,
      gender: applicant.gender,
      birthDate: applicant.birthDate,
      household: { address: applicant.address, regionCode: applicant.regionCode },
      maritalStatus: 'MARRIED',
      socialInsurance: { pensionMonths: present, status: present },
      enterprises: listOf({ creditCode: CREDIT_CODE, name: present, status: present, taxCreditRating: present }, { min: 1 }),
      realEstates: listOf({ certificateNo: present, address: present, area: present }, { min: 1 }),
      ...overrides,
    },
  });
  // Tax's keyed pseudonym of the ID (sharing/masking.ts): its shape, never the ID's own digits.
  const masked = MASKED_RESIDENT_ID;
  const representatives = (legalRepresentative: Pattern): Pattern => ({
    enterprises: {
      nodes: listOf(
        { creditCode: CREDIT_CODE, name: present, taxCreditRating: present, legalRepresentative },
        { length: LEGAL_REPRESENTATIVES_FIRST },
      ),
    },
  });
  const nodes = Array.from({ length: LEGAL_REPRESENTATIVES_FIRST }, (_, i) => i);
  return [
    {
      name: 'one-stop',
      description: `OneStop for ${applicant.idNumber} (married legal representative with real estate), purpose ${PURPOSE}`,
      body: oneStop,
      purpose: PURPOSE,
      expected: {
        govgraph: { data: person({ idNumber: masked, maritalStatus: null }), deniedPaths: ['person.maritalStatus'] },
        plain: { data: person({}), deniedPaths: [] },
      },
    },
    {
      name: 'legal-representatives',
      description: `LegalRepresentatives with first = ${LEGAL_REPRESENTATIVES_FIRST}, purpose ${PURPOSE}`,
      body: operation('LegalRepresentatives', { first: LEGAL_REPRESENTATIVES_FIRST }),
      purpose: PURPOSE,
      expected: {
        govgraph: {
          data: representatives({ idNumber: MASKED_RESIDENT_ID, name: present, maritalStatus: null }),
          deniedPaths: nodes.map((i) => `enterprises.nodes.${i}.legalRepresentative.maritalStatus`),
        },
        plain: { data: representatives({ idNumber: RESIDENT_ID, name: present, maritalStatus: present }), deniedPaths: [] },
      },
    },
    {
      name: 'all-denied',
      description: 'OneStop as tax without X-Purpose: every conditional item denied',
      body: oneStop,
      purpose: null,
      expected: {
        govgraph: {
          data: person({ idNumber: masked, household: null, maritalStatus: null, socialInsurance: null, realEstates: null }),
          deniedPaths: ['person.household', 'person.maritalStatus', 'person.socialInsurance', 'person.realEstates'],
        },
        plain: { data: person({}), deniedPaths: [] },
      },
    },
    {
      name: 'tiny',
      description: '{ enterprises(first: 1) { nodes { creditCode } } }',
      body: { query: '{ enterprises(first: 1) { nodes { creditCode } } }' },
      purpose: PURPOSE,
      expected: {
        govgraph: { data: { enterprises: { nodes: listOf({ creditCode: CREDIT_CODE }, { length: 1 }) } }, deniedPaths: [] },
        plain: { data: { enterprises: { nodes: listOf({ creditCode: CREDIT_CODE }, { length: 1 }) } }, deniedPaths: [] },
      },
    },
  ];
}

/** The scenarios named (all when none), in their usual order. */
export function selectScenarios(all: Scenario[], names: readonly string[]): Scenario[] {
  return names.length === 0 ? all : all.filter((s) => names.includes(s.name));
}

/** A canonical operation from schema/operations/, as its file has it. */
function operation(name: string, variables: Record<string, unknown>): GraphQLBody {
  const query = readFileSync(new URL(`../schema/operations/${name}.graphql`, import.meta.url), 'utf8');
  return { query, operationName: name, variables };
}

/** The request headers of a scenario: JSON, the caller's token, and the purpose when it names one. */
export function scenarioHeaders(scenario: Scenario, token: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    ...(scenario.purpose ? { 'x-purpose': scenario.purpose } : {}),
  };
}
