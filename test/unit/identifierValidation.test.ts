/**
 * The identifier check at the gateway finds a document's resident ID positions once per parsed document and schema,
 * then checks each request's own values. Property: whatever the mix of literals, variables, lists and aliases, and
 * whichever request of a document came first, a request is refused exactly when one of its values is malformed, and
 * the refusal names the first malformed position in document order (the oracle: every value checked directly).
 */
import { GraphQLError, buildSchema, parse, type DocumentNode } from 'graphql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useIdentifierValidation } from '../../gateway/admit/useIdentifierValidation.ts';
import { makeResidentId, validateResidentId } from '../../sharing/identifiers/index.ts';

const schema = buildSchema(`
  scalar ResidentId
  type Person { name: String, spouse(id: ResidentId): Person }
  type Query { person(id: ResidentId, note: String): Person, people(ids: [ResidentId!]): [Person] }
`);

const GOOD = [makeResidentId('110105', '1949-12-31', 2), makeResidentId('440524', '1880-01-01', 1)];
const BAD = ['11010519491231002', '11010519491231002Y', 'not an id', ''];

type Site = { root: 'person' | 'people' | 'spouse'; variable: boolean };
const siteArbitrary = fc.record({ root: fc.constantFrom('person' as const, 'people' as const, 'spouse' as const), variable: fc.boolean() });
const valueArbitrary = fc.oneof(fc.constantFrom(...GOOD), fc.constantFrom(...BAD));

/** The document for `sites`: one aliased root field per site, its value inline or from `$v<i>`. */
function documentFor(sites: Site[], literals: string[][]): string {
  const variables = sites.flatMap((s, i) => (s.variable ? [`$v${i}: ${s.root === 'people' ? '[ResidentId!]' : 'ResidentId'}`] : []));
  const value = (s: Site, i: number) => (s.variable ? `$v${i}` : s.root === 'people' ? `[${literals[i]!.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(literals[i]![0]));
  const fields = sites.map((s, i) =>
    s.root === 'spouse' ? `a${i}: person(note: "x") { spouse(id: ${value(s, i)}) { name } }` : `a${i}: ${s.root}(${s.root === 'people' ? 'ids' : 'id'}: ${value(s, i)}) { name }`,
  );
  return `query Q${variables.length ? `(${variables.join(', ')})` : ''} {\n  ${fields.join('\n  ')}\n}`;
}

async function check(plugin: ReturnType<typeof useIdentifierValidation>, document: DocumentNode, variables: Record<string, unknown>): Promise<GraphQLError | null> {
  const listener = await plugin.requestDidStart!({} as never);
  try {
    await listener!.didResolveOperation!({ document, schema, request: { variables } } as never);
    return null;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('identifier validation at the gateway', () => {
  it('refuses a request exactly when one of its own values is malformed, naming the first, whichever request of a document came first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(siteArbitrary, fc.array(valueArbitrary, { minLength: 1, maxLength: 3 }), fc.array(valueArbitrary, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 5 }),
        async (generated) => {
          const sites = generated.map(([site]) => site);
          const singleOrList = (s: Site, values: string[]) => (s.root === 'people' ? values : values.slice(0, 1));
          const literals = generated.map(([site, first]) => singleOrList(site, first));
          const document = parse(documentFor(sites, literals));
          const plugin = useIdentifierValidation();
          // Two requests of the one parsed document, with their own variable values.
          for (const pick of [1, 2] as const) {
            const variables = Object.fromEntries(generated.flatMap(([site, first, second], i) => (site.variable ? [[`v${i}`, site.root === 'people' ? singleOrList(site, pick === 1 ? first : second) : singleOrList(site, pick === 1 ? first : second)[0]]] : [])));
            const valuesOf = (i: number): string[] => {
              const site = sites[i]!;
              if (!site.variable) return literals[i]!;
              const value = variables[`v${i}`];
              return Array.isArray(value) ? value : [value as string];
            };
            const firstBad = sites.map((_, i) => i).find((i) => valuesOf(i).some((v) => !validateResidentId(v).ok));
            const refused = await check(plugin, document, variables);
            if (firstBad === undefined) {
              expect(refused).toBeNull();
              continue;
            }
            expect(refused?.extensions.code).toBe('BAD_USER_INPUT');
            const site = sites[firstBad]!;
            const field = site.root === 'spouse' ? 'Person.spouse' : `Query.${site.root}`;
            expect(refused?.message).toContain(`Argument "${site.root === 'people' ? 'ids' : 'id'}" of ${field}${site.variable ? ` (from variable $v${firstBad})` : ''} is not a valid resident ID`);
            expect(refused?.extensions.variableName).toBe(site.variable ? `v${firstBad}` : undefined);
          }
        },
      ),
      { numRuns: 200, seed: 20261204 },
    );
  });

  it('checks a document again under a new schema', async () => {
    const plugin = useIdentifierValidation();
    const document = parse(`{ person(id: "123") { name } }`);
    expect((await check(plugin, document, {}))?.message).toContain('is not a valid resident ID');
    const withoutIdentifiers = buildSchema(`type Person { name: String } type Query { person(id: String): Person }`);
    const listener = await plugin.requestDidStart!({} as never);
    await expect(listener!.didResolveOperation!({ document, schema: withoutIdentifiers, request: { variables: {} } } as never)).resolves.toBeUndefined();
  });
});
