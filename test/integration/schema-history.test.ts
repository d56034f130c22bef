/**
 * The schema history through the graph: every version a department published, newest first, a page at a time,
 * with who published it, why and what changed; readable by every department, like the catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

let federation: TestFederation;

beforeAll(async () => {
  federation = await startFederation();
  const base = { sdl: 'type Query { x: Int }', url: 'http://127.0.0.1:1/graphql', supergraphSdl: 'type Query { x: Int }', rollbackOf: null };
  await federation.platform.schemaVersions.record({ ...base, department: 'tax', actor: 'li.wei', reason: null, changes: [] });
  await federation.platform.schemaVersions.record({
    ...base, department: 'tax', actor: 'ci-pipeline', reason: 'Arrears are reported per tax period',
    changes: [{ kind: 'FIELD_ADDED', coordinate: 'TaxArrear.periodEnd', breaking: false, description: 'TaxArrear.periodEnd was added' }],
  });
  await federation.platform.schemaVersions.record({ ...base, department: 'health', actor: 'zhang.min', reason: null, changes: [], sdl: 'type Query { y: Int }' });
});
afterAll(async () => {
  await federation?.stop();
});

const HISTORY = `query($department: String, $first: Int!, $after: String) {
  schemaVersions(department: $department, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { department version actor reason rollbackOf changes { kind coordinate breaking description } }
  } }`;

async function history(variables: Record<string, unknown>, department = 'civil-affairs') {
  const response = await postGraphQL(federation.gateway.url, { query: HISTORY, variables }, await federation.as({ department, roles: ['analyst'] }));
  return response.body as { data: { schemaVersions: any } | null; errors?: { message: string; extensions: { code: string } }[] };
}

describe('schemaVersions', () => {
  it('lists one department\'s versions newest first, with their changes, to any department', async () => {
    expect(await history({ department: 'tax', first: 10 })).toEqual({
      data: {
        schemaVersions: {
          totalCount: 2,
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          nodes: [
            {
              department: 'tax', version: 2, actor: 'ci-pipeline', reason: 'Arrears are reported per tax period', rollbackOf: null,
              changes: [{ kind: 'FIELD_ADDED', coordinate: 'TaxArrear.periodEnd', breaking: false, description: 'TaxArrear.periodEnd was added' }],
            },
            { department: 'tax', version: 1, actor: 'li.wei', reason: null, rollbackOf: null, changes: [] },
          ],
        },
      },
    });
  });

  it('pages every department\'s versions in publication order, newest first', async () => {
    const first = (await history({ first: 2 })).data!.schemaVersions;
    expect(first.nodes.map((v: any) => `${v.department} v${v.version}`)).toEqual(['health v1', 'tax v2']);
    expect([first.totalCount, first.pageInfo.hasNextPage]).toEqual([3, true]);
    const next = (await history({ first: 2, after: first.pageInfo.endCursor })).data!.schemaVersions;
    expect(next.nodes.map((v: any) => `${v.department} v${v.version}`)).toEqual(['tax v1']);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor it did not hand out', async () => {
    const answer = await history({ first: 2, after: 'v2' });
    expect(answer.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['Argument "after" is not a cursor of this list: pass the pageInfo.endCursor of a previous page, or omit it to start at the beginning.', 'BAD_USER_INPUT'],
    ]);
  });
});
