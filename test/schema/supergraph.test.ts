import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
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
