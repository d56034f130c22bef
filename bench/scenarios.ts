/**
 * What is measured: the two canonical operations (schema/operations/), the same OneStop with every conditional item
 * denied, a deeply nested fan-out over five departments shaped like the public gateway benchmark's query
 * (bench/operations/NestedFanOut.graphql), and a tiny query that shows the fixed cost of a request. Every request
 * carries a tax application's token; all but `all-denied` name the purpose `property-tax-assessment`, under which
 * the demo agreements grant tax the household, social insurance and real estate but not the marital status
 * (granted only for another purpose), and the resident ID is masked. Each scenario says what each gateway must
 * answer: the peers ignore token and purpose and answer everything raw.
 *
 * Each scenario is a set of VARIANTS distinct requests (other residents, other pages, other enterprises), sent in
 * turn across all connections, so no two requests in flight are the same: a gateway that merges identical
 * concurrent subgraph requests (Hive Gateway does, by default) gains nothing a real load of distinct requests would
 * not give it, and every govgraph request is one use recorded at the source, as it must be.
 */
import { readFileSync } from 'node:fs';
import { encodeCursor } from '../subgraphs/market-regulation/cursor.ts';
import type { EnterpriseRecord, PersonRecord } from '../subgraphs/synthetic/types.ts';
import type { AnswerKind } from './processes.ts';
import { anything, listOf, present, type Pattern } from './shape.ts';

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

export interface Variant {
  body: GraphQLBody;
  /** What the govgraph gateway (with or without its audit trail) and the peers must answer. */
  expected: Record<AnswerKind, Expectation>;
}

export interface Scenario {
  name: string;
  description: string;
  /** X-Purpose, or null to send none. */
  purpose: string | null;
  /** Distinct requests of the same shape, sent in turn. */
  variants: Variant[];
}

export const SCENARIO_NAMES = ['one-stop', 'legal-representatives', 'all-denied', 'nested', 'tiny'] as const;
/** Distinct requests per scenario: more than the connections, so no two in flight are the same. */
export const VARIANTS = 32;
export const LEGAL_REPRESENTATIVES_FIRST = 100;
export const NESTED_FIRST = 80;

const RESIDENT_ID = /^\d{17}[\dX]$/;
const MASKED_RESIDENT_ID = /^\d{6}\*{8}\d{3}[\dX]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export interface ScenarioData {
  /** OneStop applicants (bench/applicant.ts), VARIANTS of them. */
  applicants: readonly PersonRecord[];
  /** Enterprises of the population, VARIANTS of them at least. */
  enterprises: readonly EnterpriseRecord[];
  /** How many enterprises the population has (the nested scenario's pages wrap around within them). */
  enterpriseCount: number;
}

export function buildScenarios({ applicants, enterprises, enterpriseCount }: ScenarioData): Scenario[] {
  const pages = Math.max(1, Math.floor(enterpriseCount / NESTED_FIRST));
  const each = <T>(make: (i: number) => T): T[] => Array.from({ length: VARIANTS }, (_, i) => make(i));
  const person = (applicant: PersonRecord, overrides: Record<string, Pattern>): Pattern => ({
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
  const representatives = (first: number, legalRepresentative: Pattern): Pattern => ({
    enterprises: {
      nodes: listOf({ creditCode: CREDIT_CODE, name: present, taxCreditRating: present, legalRepresentative }, { length: first }),
    },
  });
  const representative = (ownEnterprise: Pattern): Pattern => ({
    name: present,
    gender: present,
    birthDate: present,
    household: anything,
    socialInsurance: anything,
    realEstates: anything,
    enterprises: listOf(ownEnterprise, { min: 1 }),
  });
  const nested: Pattern = {
    enterprises: {
      nodes: listOf(
        {
          creditCode: CREDIT_CODE,
          name: present,
          type: present,
          status: present,
          registeredCapital: present,
          establishedDate: present,
          regionCode: present,
          address: present,
          taxCreditRating: present,
          legalRepresentative: representative({
            creditCode: CREDIT_CODE,
            name: present,
            status: present,
            taxCreditRating: present,
            legalRepresentative: { name: present, household: anything, socialInsurance: anything },
          }),
        },
        { length: NESTED_FIRST },
      ),
      pageInfo: { hasNextPage: present, endCursor: present },
    },
  };
  const oneStop = (i: number) => operation('OneStop', { id: applicants[i]!.idNumber });
  return [
    {
      name: 'one-stop',
      description: `OneStop for ${VARIANTS} married legal representatives with real estate, purpose ${PURPOSE}`,
      purpose: PURPOSE,
      variants: each((i) => ({
        body: oneStop(i),
        expected: {
          govgraph: { data: person(applicants[i]!, { idNumber: MASKED_RESIDENT_ID, maritalStatus: null }), deniedPaths: ['person.maritalStatus'] },
          plain: { data: person(applicants[i]!, {}), deniedPaths: [] },
        },
      })),
    },
    {
      name: 'legal-representatives',
      description: `LegalRepresentatives with first = ${LEGAL_REPRESENTATIVES_FIRST} to ${LEGAL_REPRESENTATIVES_FIRST + VARIANTS - 1}, purpose ${PURPOSE}`,
      purpose: PURPOSE,
      variants: each((i) => {
        const first = LEGAL_REPRESENTATIVES_FIRST + i;
        return {
          body: operation('LegalRepresentatives', { first }),
          expected: {
            govgraph: {
              data: representatives(first, { idNumber: MASKED_RESIDENT_ID, name: present, maritalStatus: null }),
              deniedPaths: Array.from({ length: first }, (_, n) => `enterprises.nodes.${n}.legalRepresentative.maritalStatus`),
            },
            plain: { data: representatives(first, { idNumber: RESIDENT_ID, name: present, maritalStatus: present }), deniedPaths: [] },
          },
        };
      }),
    },
    {
      name: 'all-denied',
      description: `OneStop for the same ${VARIANTS} residents as tax without X-Purpose: every conditional item denied`,
      purpose: null,
      variants: each((i) => ({
        body: oneStop(i),
        expected: {
          govgraph: {
            data: person(applicants[i]!, { idNumber: MASKED_RESIDENT_ID, household: null, maritalStatus: null, socialInsurance: null, realEstates: null }),
            deniedPaths: ['person.household', 'person.maritalStatus', 'person.socialInsurance', 'person.realEstates'],
          },
          plain: { data: person(applicants[i]!, {}), deniedPaths: [] },
        },
      })),
    },
    {
      name: 'nested',
      description: `NestedFanOut (bench/operations/): ${Math.min(VARIANTS, pages)} pages of ${NESTED_FIRST} enterprises, each with its legal representative across five departments and their own enterprises, purpose ${PURPOSE}`,
      purpose: PURPOSE,
      variants: each((i) => ({
        body: operation('NestedFanOut', { first: NESTED_FIRST, ...(i % pages === 0 ? {} : { after: encodeCursor((i % pages) * NESTED_FIRST - 1) }) }, 'bench/operations'),
        expected: { govgraph: { data: nested, deniedPaths: [] }, plain: { data: nested, deniedPaths: [] } },
      })),
    },
    {
      name: 'tiny',
      description: `{ enterprise(creditCode: $c) { creditCode } } for ${VARIANTS} enterprises`,
      purpose: PURPOSE,
      variants: each((i) => {
        const creditCode = enterprises[i]!.creditCode;
        const expectation = { data: { enterprise: { creditCode } }, deniedPaths: [] };
        return {
          body: { query: 'query Tiny($c: CreditCode!) { enterprise(creditCode: $c) { creditCode } }', operationName: 'Tiny', variables: { c: creditCode } },
          expected: { govgraph: expectation, plain: expectation },
        };
      }),
    },
  ];
}

/** The scenarios named (all when none), in their usual order. */
export function selectScenarios(all: Scenario[], names: readonly string[]): Scenario[] {
  return names.length === 0 ? all : all.filter((s) => names.includes(s.name));
}

/** An operation from schema/operations/ (or another folder of the repository), as its file has it. */
function operation(name: string, variables: Record<string, unknown>, folder = 'schema/operations'): GraphQLBody {
  const query = readFileSync(new URL(`../${folder}/${name}.graphql`, import.meta.url), 'utf8');
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
