/**
 * Every item of every department has a sharing level before it reaches the supergraph, and the supergraph's
 * catalogue says the contract's level and provider for each item (README, Sharing rules; the table below).
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, concatAST, graphql, isObjectType, parse, visit, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkSharingLevels } from '../../schema/checks/index.ts';
import { composeDepartments } from '../../schema/departmentsSupergraph.ts';
import { SHARING_SPEC_URL, sharingSpecDocument } from '../../sharing/spec/spec.ts';
import { readSharingCatalogue, type ItemPolicy, type ShareLevel } from '../../sharing/index.ts';
import { departments } from '../../subgraphs/departments.ts';

const LINKS = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  @link(url: "${SHARING_SPEC_URL}", import: ["@share", "ShareLevel"])
  @composeDirective(name: "@share")
`;

function subgraph(name: string, sdl: string, links = LINKS): { name: string; typeDefs: DocumentNode } {
  return { name, typeDefs: concatAST([parse(links + sdl), sharingSpecDocument()]) };
}

/** Provides Person; levels its key. */
const registry = subgraph(
  'registry',
  `type Query { "A resident." person(id: ID!): Person @share(level: UNCONDITIONAL) }
   "A resident."
   type Person @key(fields: "id") {
     "Resident ID." id: ID! @share(level: UNCONDITIONAL, sensitive: true)
     "Name." name: String! @share(level: UNCONDITIONAL)
   }`,
);

function welfare(fields: string): { name: string; typeDefs: DocumentNode } {
  return subgraph('welfare', `"A resident, as welfare knows them." type Person @key(fields: "id") { "Resident ID." id: ID! ${fields} }`);
}

const departmentSubgraphs = () => departments.map((d) => ({ name: d.definition.id, typeDefs: d.definition.typeDefs }));

describe('the sharing-level check', () => {
  it('passes every department', () => {
    expect(checkSharingLevels(departmentSubgraphs())).toEqual([]);
  });

  it('passes a subgraph whose copy of another subgraph’s key field carries no level', () => {
    expect(checkSharingLevels([registry, welfare('"Allowance." allowance: Int @share(level: UNCONDITIONAL)')])).toEqual([]);
  });

  it('refuses an item without a level', () => {
    expect(checkSharingLevels([registry, welfare('"Allowance." allowance: Int')])).toEqual([
      'welfare: Person.allowance has no @share level; add @share(level: UNCONDITIONAL | CONDITIONAL | NONE)',
    ]);
  });

  it('refuses an item without a description, and a type without one', () => {
    expect(
      checkSharingLevels([
        registry,
        subgraph('welfare', 'type Allowance { amount: Int @share(level: UNCONDITIONAL) }'),
      ]),
    ).toEqual([
      'welfare: type Allowance has no description; add a description string above it',
      'welfare: Allowance.amount has no description; add a description string above the field',
    ]);
  });

  it('refuses a CONDITIONAL or NONE item without a reason', () => {
    expect(
      checkSharingLevels([
        registry,
        welfare(`"Allowance." allowance: Int @share(level: CONDITIONAL)
                 "Illnesses." illnesses: [String!] @share(level: NONE, reason: " ")
                 "Since." since: String @share(level: CONDITIONAL, reason: "Social Assistance Measures")`),
      ]),
    ).toEqual([
      'welfare: Person.allowance is CONDITIONAL but gives no reason; add reason: "<the legal basis>" to its @share',
      'welfare: Person.illnesses is NONE but gives no reason; add reason: "<the legal basis>" to its @share',
    ]);
  });

  it('refuses a CONDITIONAL or NONE item that is non-null, since its denial would null the parent', () => {
    expect(
      checkSharingLevels([
        registry,
        welfare(`"Allowance." allowance: Int! @share(level: CONDITIONAL, reason: "Social Assistance Measures")
                 "Illnesses." illnesses: [String!]! @share(level: NONE, reason: "Health data")
                 "Since." since: String! @share(level: UNCONDITIONAL)`),
      ]),
    ).toEqual([
      'welfare: Person.allowance is CONDITIONAL but non-null; make its type nullable so a denial nulls only this item',
      'welfare: Person.illnesses is NONE but non-null; make its type nullable so a denial nulls only this item',
    ]);
  });

  it('refuses an item that names another department as its provider', () => {
    expect(checkSharingLevels([registry, welfare('"Allowance." allowance: Int @share(level: UNCONDITIONAL, provider: "registry")')])).toEqual([
      'welfare: Person.allowance names "registry" as provider; a subgraph levels only its own items: remove provider: from its @share',
    ]);
  });

  it('refuses a key field that no subgraph levels, and one levelled twice', () => {
    const unlevelled = subgraph('registry', '"A resident." type Person @key(fields: "id") { "Resident ID." id: ID! }');
    expect(checkSharingLevels([unlevelled, welfare('')])).toEqual([
      'registry, welfare: Person.id is a key field no subgraph levels; add @share(level: UNCONDITIONAL | CONDITIONAL | NONE) to it in the subgraph that provides Person, and in no other',
    ]);
    const twice = subgraph('welfare', '"A resident." type Person @key(fields: "id") { "Resident ID." id: ID! @share(level: UNCONDITIONAL) }');
    expect(checkSharingLevels([registry, twice])).toEqual([
      'registry, welfare: Person.id is a key field levelled in 2 subgraphs; keep @share only in the subgraph that provides Person',
    ]);
  });

  it('refuses a subgraph that levels items without composing @share', () => {
    const uncomposed = subgraph(
      'welfare',
      '"A resident." type Person @key(fields: "id") { "Resident ID." id: ID! "Allowance." allowance: Int @share(level: UNCONDITIONAL) }',
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) @link(url: "${SHARING_SPEC_URL}", import: ["@share", "ShareLevel"])\n`,
    );
    expect(checkSharingLevels([registry, uncomposed])).toEqual([
      `welfare: the schema does not compose @share, so its levels would be dropped from the supergraph; add to extend schema: @link(url: "${SHARING_SPEC_URL}", import: ["@share", "ShareLevel"]) @composeDirective(name: "@share")`,
    ]);
  });
});

describe('composing the departments', () => {
  it('refuses a department with an unlevelled item and composes nothing', () => {
    const withoutLevel = departments.map((registered) =>
      registered.definition.id !== 'civil-affairs'
        ? registered
        : {
            ...registered,
            definition: {
              ...registered.definition,
              typeDefs: visit(registered.definition.typeDefs, {
                FieldDefinition: (node) =>
                  node.name.value === 'maritalStatus'
                    ? { ...node, directives: node.directives?.filter((d) => d.name.value !== 'share') }
                    : undefined,
              }),
            },
          },
    );
    expect(composeDepartments(withoutLevel)).toEqual({
      ok: false,
      errors: [
        'civil-affairs: Person.maritalStatus has no @share level; add @share(level: UNCONDITIONAL | CONDITIONAL | NONE)',
      ],
    });
  });

  it('serves each department’s @share, with its provider, in `_service { sdl }`', async () => {
    const civilAffairs = departments.find((d) => d.definition.id === 'civil-affairs')!.definition;
    const schema = buildSubgraphSchema([{ typeDefs: civilAffairs.typeDefs, resolvers: civilAffairs.resolvers }]);
    const result = await graphql({ schema, source: '{ _service { sdl } }' });
    const sdl = (result.data?._service as { sdl: string }).sdl;
    expect(readSharingCatalogue(parse(sdl)).policy('Person', 'maritalStatus')).toEqual(
      expect.objectContaining({ level: 'CONDITIONAL', provider: 'civil-affairs' }),
    );
  });
});

describe('the supergraph catalogue', () => {
  const outcome = composeDepartments();
  if (!outcome.ok) throw new Error(`composition failed:\n${outcome.errors.join('\n')}`);
  const catalogue = readSharingCatalogue(parse(outcome.supergraphSdl));

  function policy(
    item: string,
    level: ShareLevel,
    provider: string,
    description: string,
    more: { sensitive?: boolean; key?: boolean; reason?: unknown } = {},
  ): ItemPolicy {
    const [type = '', field = ''] = item.split('.');
    const { sensitive = false, key = false, reason = null } = more;
    return { item, type, field, level, sensitive, reason: reason as string | null, provider, description, key };
  }
  const citing = (law: string) => expect.stringContaining(law) as unknown;

  it('has the contract’s level and provider for every item of the contract', () => {
    const expected = [
      policy('Person.idNumber', 'UNCONDITIONAL', 'public-security', 'Resident ID.', { sensitive: true, key: true }),
      policy('Person.name', 'UNCONDITIONAL', 'public-security', 'Registered name.'),
      policy('Person.gender', 'UNCONDITIONAL', 'public-security', 'Registered gender.'),
      policy('Person.birthDate', 'UNCONDITIONAL', 'public-security', 'Date of birth (ISO 8601, YYYY-MM-DD); the same date the resident ID encodes.'),
      policy('Person.household', 'CONDITIONAL', 'public-security', 'The household (户) the resident is registered in; null when the resident has no household registration.', {
        reason: citing('Personal Information Protection Law art. 34'),
      }),
      policy('Household.address', 'UNCONDITIONAL', 'public-security', 'Registered address of the household.'),
      policy('Household.regionCode', 'UNCONDITIONAL', 'public-security', 'County-level region of the registration (GB/T 2260).'),
      policy('Person.maritalStatus', 'CONDITIONAL', 'civil-affairs', 'Current marital status as registered; null when civil affairs has no record of the resident.', {
        reason: citing('Civil Code art. 1049'),
      }),
      policy('Person.socialInsurance', 'CONDITIONAL', 'human-resources', "The resident's basic pension insurance account; null when the department has no record of the resident.", {
        reason: citing('Social Insurance Law art. 81'),
      }),
      policy('SocialInsurance.pensionMonths', 'UNCONDITIONAL', 'human-resources', 'Months of pension contributions paid so far (0 for a resident never enrolled).'),
      policy('SocialInsurance.status', 'UNCONDITIONAL', 'human-resources', 'State of the account.'),
      policy('Enterprise.creditCode', 'UNCONDITIONAL', 'market-regulation', 'Unified social credit code.', { key: true }),
      policy('Enterprise.name', 'UNCONDITIONAL', 'market-regulation', 'Registered name.'),
      policy('Enterprise.status', 'UNCONDITIONAL', 'market-regulation', 'Registration status.'),
      policy('Enterprise.legalRepresentative', 'UNCONDITIONAL', 'market-regulation', 'The person registered as legal representative.'),
      policy('Person.enterprises', 'UNCONDITIONAL', 'market-regulation', 'Enterprises for which this person is the registered legal representative.'),
      policy('Enterprise.taxCreditRating', 'UNCONDITIONAL', 'tax', 'Tax credit rating (纳税信用等级) of the latest annual assessment; null when the tax authority has not rated the enterprise.'),
      policy('Enterprise.taxArrears', 'CONDITIONAL', 'tax', 'Taxes declared but not paid by their deadline, oldest first; empty when none are outstanding.', {
        reason: citing('Tax Collection Administration Law art. 8'),
      }),
      policy('Person.realEstates', 'CONDITIONAL', 'natural-resources', 'Real estate this person holds alone or together with others, in order of registration; empty when none.', {
        reason: citing('Real Estate Registration Regulations'),
      }),
      policy('RealEstate.certificateNo', 'UNCONDITIONAL', 'natural-resources', 'Number of the real-estate title certificate (不动产权证书), e.g. 京(2021)东城区不动产权第0012345号.', { key: true }),
      policy('RealEstate.address', 'CONDITIONAL', 'natural-resources', 'Location of the real estate.', { reason: citing('Real Estate Registration Regulations') }),
      policy('RealEstate.area', 'CONDITIONAL', 'natural-resources', 'Floor area, in square metres.', { reason: citing('Real Estate Registration Regulations') }),
      policy('Person.diagnoses', 'NONE', 'health', 'Diagnoses recorded by hospitals, oldest first; empty when none are recorded.', {
        reason: citing('Personal Information Protection Law art. 28'),
      }),
    ];
    expect(Object.fromEntries(expected.map((p) => [p.item, catalogue.items.get(p.item)]))).toEqual(
      Object.fromEntries(expected.map((p) => [p.item, p])),
    );
  });

  it('levels every field of the API schema, each with a provider, and every CONDITIONAL or NONE item with a reason', () => {
    const api = buildSchema(outcome.apiSchemaSdl);
    const fields = Object.values(api.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.keys((type as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`));
    expect([...catalogue.items.keys()].sort()).toEqual(fields.sort());
    const incomplete = [...catalogue.items.values()].filter((p) => !p.provider || (p.level !== 'UNCONDITIONAL' && !p.reason));
    expect(incomplete).toEqual([]);
  });
});
