/**
 * The live check of a publish: before the gateways switch, the department at the URL being published must
 * already serve what the version declares; a version it does not serve yet, or a URL nothing answers at, is
 * refused with what to do. Against a real department subgraph and a real platform store.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveCheck, publishDepartment } from '../../schema/publish/index.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { tax as taxDepartment } from '../../subgraphs/tax/index.ts';
import { startDepartments } from '../harness/departments.ts';
import { departmentSdl, edit, publishFixture, type PublishFixture } from './harness.ts';

let fixture: PublishFixture | undefined;
afterEach(async () => {
  await fixture?.stop();
  fixture = undefined;
});

const TAX = departmentSdl('tax');

async function expectNothingWritten(f: PublishFixture) {
  expect(readFileSync(f.supergraphFile, 'utf8')).toBe(f.initialSupergraph);
  expect(await f.store.schemaVersions.list()).toEqual([]);
}

describe('the live check before the gateways switch', () => {
  it('refuses a version the department at its URL does not serve yet, and publishes the one it serves', async () => {
    fixture = await publishFixture();
    const running = await startDepartments([taxDepartment]);
    try {
      const context = { ...fixture.context, liveCheck: createLiveCheck({ grantKey: running.grantKey }) };
      const url = running.urls.tax!;
      const ahead = edit(TAX, /(\n\s*"Tax credit rating)/, '\n  "Day the enterprise registered with the tax authority (ISO 8601)."\n  taxRegisteredOn: String @share(level: UNCONDITIONAL)$1');
      expect(await publishDepartment({ department: 'tax', sdl: ahead, url, actor: 'tax-admin' }, context)).toMatchObject({
        status: 'refused',
        stage: 'live',
        errors: [`tax at ${url} does not serve what this version declares: Enterprise.taxRegisteredOn. Deploy the department's new code first (then publish), or pass --offline to publish without this check.`],
      });
      await expectNothingWritten(fixture);
      expect(await publishDepartment({ department: 'tax', sdl: TAX, url, actor: 'tax-admin' }, context)).toMatchObject({ status: 'published', version: { version: 1, url } });
    } finally {
      await running.stop();
    }
  });

  it('refuses when nothing answers at the URL, saying how to go on', async () => {
    fixture = await publishFixture();
    const grantKey = await loadOrCreateGrantKey(fixture.directory);
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const outcome = await publishDepartment(
      { department: 'tax', sdl: TAX, url: `http://127.0.0.1:${closed}/graphql`, actor: 'tax-admin' },
      { ...fixture.context, liveCheck: createLiveCheck({ grantKey }) },
    );
    expect(outcome).toMatchObject({
      status: 'refused',
      stage: 'live',
      errors: [`tax does not answer at http://127.0.0.1:${closed}/graphql (ECONNREFUSED): start or deploy it there before publishing (README, "Live rollout"), or pass --offline to publish without this check.`],
    });
    await expectNothingWritten(fixture);
  });
});
