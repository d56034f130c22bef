import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, isObjectType, parse } from 'graphql';
import { readPublishedCatalogue } from '../../platform/catalogue/publishedCatalogue.ts';
import { composeSubgraphs } from '../../schema/composition.ts';
import { API_SCHEMA_FILE, SUPERGRAPH_FILE, composeDepartments } from '../../schema/departmentsSupergraph.ts';

describe('the committed supergraph', () => {
  it('is what composing the departments gives today (run `npm run compose` when this fails)', () => {
    const outcome = composeDepartments();
    if (!outcome.ok) throw new Error(`composition failed:\n${outcome.errors.join('\n')}`);
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(outcome.supergraphSdl);
    expect(readFileSync(API_SCHEMA_FILE, 'utf8')).toBe(outcome.apiSchemaSdl);
  });
});

describe('descriptions of a type several departments define', () => {
  const outcome = composeDepartments();
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  const api = buildSchema(outcome.apiSchemaSdl);
  const catalogue = readPublishedCatalogue(outcome.supergraphSdl);
  const described = (type: string, field?: string) => {
    const named = api.getType(type);
    return field ? (isObjectType(named) ? named.getFields()[field]?.description : undefined) : named?.description;
  };

  it('are the owner\'s: Person is public-security\'s, Enterprise market-regulation\'s, in the API schema and the catalogue', () => {
    expect({
      person: described('Person'),
      enterprise: described('Enterprise'),
      creditCode: described('Enterprise', 'creditCode'),
      catalogue: catalogue.resources.filter((r) => r.name === 'Person' || r.name === 'Enterprise').map((r) => [r.name, r.description]),
    }).toEqual({
      person: 'A resident, as registered in the household registration (hukou) system.',
      enterprise: 'A market entity registered with market regulation.',
      creditCode: 'Unified social credit code.',
      catalogue: expect.arrayContaining([
        ['Enterprise', 'A market entity registered with market regulation.'],
        ['Person', 'A resident, as registered in the household registration (hukou) system.'],
      ]),
    });
    expect(catalogue.resources.filter((r) => r.name === 'Person' || r.name === 'Enterprise')).toHaveLength(2);
  });

  it('keep each department\'s own fields described in its own words', () => {
    expect([described('Person', 'maritalStatus'), described('Enterprise', 'taxCreditRating')]).toEqual([
      'Current marital status as registered; null when civil affairs has no record of the resident.',
      'Tax credit rating (纳税信用等级) of the latest annual assessment; null when the tax authority has not rated the enterprise.',
    ]);
  });
});

describe('composition', () => {
  it('fails with the composer messages when two subgraphs disagree on a field type', () => {
    const outcome = composeSubgraphs([
      {
        name: 'a',
        url: 'http://127.0.0.1:1/graphql',
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
          type Query { a: Thing }
          type Thing @shareable { value: Int }`),
      },
      {
        name: 'b',
        url: 'http://127.0.0.1:2/graphql',
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
          type Query { b: Thing }
          type Thing @shareable { value: String }`),
      },
    ]);
    expect(outcome).toEqual({
      ok: false,
      errors: [expect.stringContaining('Type of field "Thing.value" is incompatible across subgraphs')],
    });
  });
});
