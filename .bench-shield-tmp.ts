import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { graphqlHandler, listen } from './http/index.ts';
import { readSharingCatalogue } from './sharing/catalogue.ts';
import { loadOrCreateGrantKey } from './sharing/grantKeys.ts';
import { createGrantSigner, createGrantVerifier } from './sharing/grantToken.ts';
import { publicSecurity } from './subgraphs/public-security/index.ts';
import { ensureDepartmentData, Store } from './subgraphs/kit/index.ts';
import { authenticateGrant, enforceSharing } from './subgraphs/kit/enforcement/index.ts';
import { createPopulation } from './subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from './test/harness/departments.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-bench-'));
const dir2 = dir;
const key = await loadOrCreateGrantKey(dir);
const file = join(dir, 'ps.sqlite');
ensureDepartmentData(publicSecurity, file, TEST_POPULATION);
const store = new Store({ file });
const verify = createGrantVerifier({ jwks: key.jwks, audience: 'public-security' });
const token = await createGrantSigner({ privateKey: key.privateKey, kid: key.kid, ttlSeconds: 3600 }).sign({
  sub: 'marriage-app', dept: 'civil-affairs', aud: 'public-security', purpose: 'p', agreements: ['a'], items: ['Person.household'], raw: [],
});
const GRANT = await verify(token);
const plain = buildSubgraphSchema([{ typeDefs: publicSecurity.typeDefs, resolvers: publicSecurity.resolvers }]);
const shielded = enforceSharing(buildSubgraphSchema([{ typeDefs: publicSecurity.typeDefs, resolvers: publicSecurity.resolvers }]), {
  department: 'public-security', catalogue: readSharingCatalogue(publicSecurity.typeDefs, { provider: 'public-security' }),
}).schema;

async function serve(schema: GraphQLSchema, verifyGrant: boolean) {
  const server = new ApolloServer<any>({ schema, plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  const http = await listen(graphqlHandler({ server, context: async (req) => ({
    loaders: publicSecurity.createLoaders(store), store,
    grant: verifyGrant ? await authenticateGrant(verify, req.headers.authorization) : GRANT,
  }) }));
  return { url: `${http.origin}/graphql`, stop: async () => { await http.close(); await server.stop(); } };
}
const ids = [...createPopulation(TEST_POPULATION).people()].slice(0, 50).map((p) => p.idNumber);
const body = JSON.stringify({
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name gender birthDate household { address regionCode } } } }',
  variables: { r: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
});
async function run(url: string, n: number) {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const json: any = await r.json();
    if (r.status !== 200 || json.errors || json.data._entities.length !== 50) throw new Error(JSON.stringify(json).slice(0, 300));
  }
  return n / ((performance.now() - started) / 1000);
}
const variants = {
  'no grant check, no shield': await serve(plain, false),
  'grant check, no shield': await serve(plain, true),
  'no grant check, shield': await serve(shielded, false),
  'grant check + shield (as served)': await serve(shielded, true),
};
for (const v of Object.values(variants)) await run(v.url, 300);
const results: Record<string, number[]> = {};
for (let round = 0; round < 3; round++) {
  for (const [name, v] of Object.entries(variants)) (results[name] ??= []).push(await run(v.url, 2000));
}
for (const [name, r] of Object.entries(results)) console.log(name.padEnd(34), r.map((x) => x.toFixed(0)).join(' / '), 'req/s');
for (const v of Object.values(variants)) await v.stop();
store.close();

// In-process: the same document executed against both schemas, no HTTP.
import { execute, parse as parseDocument } from 'graphql';
const document = parseDocument(JSON.parse(body).query);
const variableValues = JSON.parse(body).variables;
async function runInProcess(schema: GraphQLSchema, n: number) {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const result = await execute({ schema, document, variableValues, contextValue: { loaders: publicSecurity.createLoaders(store2), store: store2, grant: GRANT } });
    if (result.errors) throw new Error(String(result.errors[0]));
  }
  return n / ((performance.now() - started) / 1000);
}
const store2 = new Store({ file: join(dir2, 'ps.sqlite') });
for (let round = 0; round < 3; round++) {
  const a = await runInProcess(plain, 2000);
  const b = await runInProcess(shielded, 2000);
  console.log(`in-process execute: plain ${a.toFixed(0)} / shielded ${b.toFixed(0)} per s`);
}
store2.close();
rmSync(dir, { recursive: true, force: true });
