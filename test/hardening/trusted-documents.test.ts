/**
 * Trusted documents: an application in trusted mode runs only the documents registered for it (from the
 * persisted-documents manifest codegen writes), sent in full or by hash (Apollo's `persistedQuery` extension);
 * anything else is refused before it is parsed, and recorded. Registration checks every hash and is itself an
 * audit record. An application not in trusted mode runs any document, and may use the hashes registered for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessProperty } from '../../examples/tax-assessment/assess.ts';
import { PropertyTaxAssessmentDocument } from '../../examples/tax-assessment/__generated__/operations.ts';
import { PlatformTrustedDocuments, registerDocuments, removeDocuments, type TrustedDocumentStore } from '../../gateway/trusted/index.ts';
import { connectSqlite } from '../../platform/store/sqlite.ts';
import { sqliteDb } from '../../platform/store/sqliteDb.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { countStatements, startFederation, type TestFederation } from '../harness/federation.ts';

const manifest = JSON.parse(readFileSync(new URL('../../schema/__generated__/persisted/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
const [oneStopKey, oneStop] = Object.entries(manifest).find(([, document]) => document.startsWith('query OneStop'))!;
const oneStopHash = oneStopKey.replace('sha256:', '');
const person = createPopulation(TEST_POPULATION).person(5);
let federation: TestFederation;
let db: Database.Database;
let store: PlatformTrustedDocuments;
// The store lives in the federation's platform file, which exists once the federation has started.
const lateStore: TrustedDocumentStore = {
  find: (a, h) => store.find(a, h),
  register: (d, by) => store.register(d, by),
  list: (a) => store.list(a),
  documents: (a) => store.documents(a),
  remove: (a, h) => store.remove(a, h),
};

beforeAll(async () => {
  federation = await startFederation({
    applicationPolicy: { applications: { 'locked-app': { trustedDocuments: true }, 'empty-app': { trustedDocuments: true } } },
    trustedDocuments: lateStore,
  });
  db = connectSqlite({ file: join(federation.departments.dataDir, 'platform.sqlite') });
  store = new PlatformTrustedDocuments(sqliteDb(db));
});
afterAll(async () => {
  db?.close();
  await federation?.stop();
});

async function post(application: string, body: unknown) {
  const headers = await federation.as({ department: 'tax', application });
  const response = await fetch(federation.gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}
const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { id: person.idNumber } });

describe('registration', () => {
  it('refuses a manifest whose hash is not its document\'s, registering nothing', async () => {
    const forged = { [oneStopKey]: '{ __typename }' };
    await expect(registerDocuments(store, federation.platform.audit, { application: 'locked-app', registeredBy: 'ci', manifest: forged }))
      .rejects.toThrow(`Manifest entry ${oneStopKey} is not the sha256 of its document`);
    expect(await store.list('locked-app')).toEqual([]);
  });

  it('registers the manifest for one application and records it in the audit trail', async () => {
    const result = await registerDocuments(store, federation.platform.audit, { application: 'locked-app', registeredBy: 'ci-pipeline', manifest });
    expect(result).toEqual({ documents: Object.keys(manifest).length, added: Object.keys(manifest).length });
    expect(await store.list('locked-app')).toEqual(Object.keys(manifest).map((k) => k.replace('sha256:', '')).sort());
    const [record] = (await federation.platform.audit.query({}, { first: 1 })).records;
    expect(record).toMatchObject({ kind: 'documents.register', application: 'locked-app', outcome: 'ok' });
    expect(record!.reason).toContain(`ci-pipeline registered ${Object.keys(manifest).length} trusted document(s): `);
    expect(record!.reason).toContain(oneStopHash);
    // Registering again adds nothing.
    expect((await registerDocuments(store, federation.platform.audit, { application: 'locked-app', registeredBy: 'ci', manifest })).added).toBe(0);
  });
});

describe('removal', () => {
  it('removes some or all of one application\'s documents, recorded in the audit trail first', async () => {
    await registerDocuments(store, federation.platform.audit, { application: 'spare-app', registeredBy: 'ci', manifest });
    const hashes = Object.keys(manifest).map((k) => k.replace('sha256:', '')).sort();
    expect(await removeDocuments(store, federation.platform.audit, { application: 'spare-app', removedBy: 'li.wei', hashes: [oneStopKey, 'f'.repeat(64)] })).toEqual({
      removed: [oneStopHash], unknown: ['f'.repeat(64)],
    });
    const [record] = (await federation.platform.audit.query({}, { first: 1 })).records;
    expect(record).toMatchObject({ kind: 'documents.remove', application: 'spare-app', outcome: 'ok', reason: `li.wei removed 1 trusted document(s): ${oneStopHash}` });
    expect(await store.list('spare-app')).toEqual(hashes.filter((h) => h !== oneStopHash));
    expect((await removeDocuments(store, federation.platform.audit, { application: 'spare-app', removedBy: 'li.wei', hashes: [] })).removed).toEqual(hashes.filter((h) => h !== oneStopHash));
    expect(await store.list('spare-app')).toEqual([]);
    await expect(removeDocuments(store, federation.platform.audit, { application: 'spare-app', removedBy: 'x', hashes: ['nope'] })).rejects.toThrow(
      'Not a document hash (64 lowercase hex digits, optionally after sha256:): nope.',
    );
  });
});

describe('an application in trusted mode', () => {
  it('runs a registered document sent in full, by hash, or by the sha256:-prefixed hash codegen writes', async () => {
    for (const body of [{ query: oneStop, variables: { id: person.idNumber } }, byHash(oneStopHash), byHash(oneStopKey)]) {
      const response = await post('locked-app', body);
      expect(response.status).toBe(200);
      expect(response.body.data.person.name).toBe(person.name);
    }
  });

  it('runs its registered document however the client prints it: the example client, the operation file as written, the README\'s one line', async () => {
    const operationFile = readFileSync(new URL('../../schema/operations/OneStop.graphql', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const oneLine = JSON.parse(`"${/"query": "(query OneStop[^"]*)"/.exec(readme)![1]}"`) as string;
    for (const query of [operationFile, oneLine, `# a comment\n${oneStop.replaceAll(' ', '\n  ')}`]) {
      const response = await post('locked-app', { query, variables: { id: person.idNumber } });
      const codes = [...new Set((response.body.errors ?? []).map((e: any) => e.extensions.code))];
      expect({ status: response.status, name: response.body.data?.person?.name, codes }).toEqual({ status: 200, name: person.name, codes: ['UNAUTHORIZED_FIELD_OR_TYPE'] });
    }
    // The sha256 codegen embeds names the document whichever way it is printed.
    const printed = await post('locked-app', { query: operationFile, ...byHash(oneStopKey) });
    expect(printed.status).toBe(200);
  });

  it('runs the example client as it is, once its manifest is registered (README, Trusted documents)', async () => {
    const headers = await federation.as({ department: 'tax', application: 'locked-app' });
    const assessment = await assessProperty(
      { url: federation.gateway.url, token: headers.authorization!.slice('Bearer '.length), purpose: 'property-tax-assessment' },
      person.idNumber,
    );
    expect(assessment?.name).toBe(person.name);
    expect(print(PropertyTaxAssessmentDocument)).not.toBe(manifest[Object.keys(manifest).find((k) => manifest[k]!.startsWith('query PropertyTaxAssessment'))!]);
  });

  it('refuses a document that differs from the registered one of the same name, saying so and what to do', async () => {
    const changed = oneStop.replace('birthDate ', '');
    const response = await post('locked-app', { query: changed, variables: { id: person.idNumber } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{
      message: `Application locked-app may run only its ${Object.keys(manifest).length} registered documents, and this one (OneStop, sha256 ${response.body.errors[0].extensions.documentHash}) is not one of them: the registered OneStop (sha256 ${oneStopHash}) selects other fields. If the client's operations changed, run npm run codegen and register the new manifest: npm run documents:register -- --app locked-app; npm run documents -- list --app locked-app shows what is registered.`,
      extensions: { code: 'QUERY_NOT_IN_SAFELIST', documentHash: expect.stringMatching(/^[0-9a-f]{64}$/), registeredDocuments: Object.keys(manifest).length },
    }]);
  });

  it('refuses every document of an application that registered none, saying how to register', async () => {
    const headers = await federation.as({ department: 'tax', application: 'empty-app' });
    const response = await fetch(federation.gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: oneStop, variables: { id: person.idNumber } }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].message).toBe(
      'Application empty-app may run only its registered documents, and none is registered for it. Register the client\'s persisted-documents manifest (npm run codegen writes it): npm run documents:register -- --app empty-app.',
    );
  });

  it('refuses an unregistered document before any department sees it, and records it', async () => {
    let response: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await countStatements(federation, async () => {
      response = await post('locked-app', { query: `{ person(idNumber: "${person.idNumber}") { name } }` });
    });
    expect(response!.status).toBe(400);
    expect(response!.body.errors[0].extensions).toMatchObject({ code: 'QUERY_NOT_IN_SAFELIST', documentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(response!.body.errors[0].message).toMatch(/^Application locked-app may run only its \d+ registered documents, and this one \(sha256 [0-9a-f]{64}\) is not one of them\. If the client's operations changed/);
    expect(Object.values(statements).every((n) => n === 0)).toBe(true);
    const [record] = (await federation.platform.audit.query({}, { first: 1 })).records;
    expect(record).toMatchObject({ application: 'locked-app', status: 400, outcome: 'rejected' });
  });

  it('refuses an unknown hash, and a hash sent with a document it does not match', async () => {
    const unknown = await post('locked-app', byHash('0'.repeat(64)));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const mismatch = await post('locked-app', { query: '{ __typename }', ...byHash(oneStopHash) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0]).toEqual({
      message: 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it.',
      extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
    });
  });

  it('refuses a malformed hash, naming both forms it accepts', async () => {
    const response = await post('locked-app', byHash('ABC'));
    expect(response).toEqual({ status: 400, body: { errors: [{
      message: 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<hash>" }, the hash as 64 lowercase hex digits or as sha256:<64 lowercase hex digits> (as codegen writes it).',
      extensions: { code: 'PERSISTED_QUERY_INVALID' },
    }] } });
  });

  it('runs a registered hash sent by GET', async () => {
    const headers = await federation.as({ department: 'tax', application: 'locked-app' });
    const search = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: oneStopHash } }),
      variables: JSON.stringify({ id: person.idNumber }),
    });
    const response = await fetch(`${federation.gateway.url}?${search}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.person.name).toBe(person.name);
  });
});

describe('an application not in trusted mode', () => {
  it('runs any document, and only its own registered hashes', async () => {
    const any = await post('open-app', { query: `{ person(idNumber: "${person.idNumber}") { name } }` });
    expect(any).toEqual({ status: 200, body: { data: { person: { name: person.name } } } });
    const notItsOwn = await post('open-app', byHash(oneStopHash));
    expect(notItsOwn.status).toBe(400);
    expect(notItsOwn.body.errors[0].message).toBe(
      `No document with hash ${oneStopHash} is registered for application open-app. Register your client's persisted-documents manifest (npm run documents:register) or send the full query.`,
    );
  });
});
