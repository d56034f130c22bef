/**
 * Deeply nested variables are a 400 at the door, never a stack overflow downstream: generated nesting depths (seeded),
 * arrays and objects mixed, in a POST body, a batch and a GET; up to the limit the request goes on to be validated
 * as any other, beyond it the answer names the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey, mintToken } from '../../gateway/identify/index.ts';
import { nestsDeeperThan } from '../../http/jsonDepth.ts';
import { openPlatformStore, type PlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { silentLogger } from '../harness/federation.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-nesting-'));
let gateway: RunningGateway;
let platform: PlatformStore;
let token: string;
beforeAll(async () => {
  const key = await loadOrCreateDevelopmentKey(dir);
  platform = await openPlatformStore({ file: join(dir, 'platform.sqlite') });
  gateway = await startGateway({
    supergraph: SUPERGRAPH_FILE, port: 0, logger: silentLogger, identity: { jwks: key.jwks, issuers: [DEVELOPMENT_ISSUER] },
    agreements: platform.agreements, audit: platform.audit,
    // Every refused request here comes from one address: a limit that this test does not reach.
    refusals: { burst: 100_000 },
  });
  token = await mintToken(key, { department: 'tax', application: 'tax-assessor' });
});
afterAll(async () => {
  await gateway?.stop();
  await platform?.close();
  rmSync(dir, { recursive: true, force: true });
});

const LIMIT = 64;
/** A value nested `depth` levels deep, each level an array or an object as `kinds` says (cycled). */
function nested(depth: number, kinds: readonly ('array' | 'object')[]): string {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level += 1) {
    const array = kinds[level % kinds.length] === 'array';
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

const QUERY = 'query Who($id: ResidentId!, $v: [Int]) { person(idNumber: $id) { name } }';

async function ask(body: string, init: { method?: string; search?: string } = {}) {
  const response = await fetch(`${gateway.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    ...(init.method === 'GET' ? {} : { body }),
  });
  return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

const refused = {
  status: 400,
  body: {
    errors: [{
      message: `The request's variables or extensions nest deeper than ${LIMIT} levels; at most ${LIMIT} are accepted (limit maxJsonDepth). Send flatter variables.`,
      extensions: { code: 'JSON_DEPTH_LIMIT' },
    }],
  },
};

describe('nested variables', () => {
  it('are refused with 400 beyond the limit, and validated as usual within it (generated depths)', async () => {
    const depths = fc.oneof(fc.integer({ min: 1, max: LIMIT }), fc.integer({ min: LIMIT + 1, max: 400 }), fc.integer({ min: 1000, max: 120_000 }));
    const kinds = fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 });
    const where = fc.constantFrom('variable', 'resident id', 'extensions', 'batch');
    await fc.assert(
      fc.asyncProperty(depths, kinds, where, async (depth, shape, place) => {
        const value = nested(depth, shape);
        const operation = place === 'extensions'
          ? `{"query":${JSON.stringify(QUERY)},"variables":{"id":"x"},"extensions":{"deep":${value}}}`
          : place === 'resident id'
            ? `{"query":${JSON.stringify(QUERY)},"variables":{"id":${value}}}`
            : `{"query":${JSON.stringify(QUERY)},"variables":{"id":"x","v":${value}}}`;
        const answer = await ask(place === 'batch' ? `[${operation}]` : operation);
        // Inside `variables` (or `extensions`) a value nests one more level than its own depth.
        if (depth + 1 > LIMIT) expect(answer).toEqual(refused);
        else {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(answer.body.errors![0]!.extensions.code).not.toBe('JSON_DEPTH_LIMIT');
        }
      }),
      { numRuns: 60, seed: 8_2026 },
    );
  }, 120_000);

  it('are refused in a GET too, and the refusal is recorded', async () => {
    const search = `?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent(`{"id":"x","v":${nested(100, ['array'])}}`)}`;
    expect(await ask('', { method: 'GET', search })).toEqual(refused);
    const [newest] = (await platform.audit.query({}, { first: 1 })).records;
    expect(newest).toMatchObject({ status: 400, outcome: 'rejected', application: 'tax-assessor', reason: `JSON_DEPTH_LIMIT: ${refused.body.errors[0]!.message}` });
  });

  it('are measured without recursion, whatever their depth', () => {
    const deep = JSON.parse(nested(500_000, ['array', 'object'])) as unknown;
    expect(nestsDeeperThan(deep, 499_999)).toBe(true);
    expect(nestsDeeperThan(deep, 500_000)).toBe(false);
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({ a: [], b: { c: [1] } }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: [], b: { c: [1] } }, 3)).toBe(false);
  });
});
