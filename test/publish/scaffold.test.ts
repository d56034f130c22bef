/**
 * `npm run department:new` scaffolds a working department: into a temporary checkout (the real repository is
 * never touched), registered with the next free port, composed with every other department by publish, served
 * by its own subgraph and queried through a running gateway together with the department that owns Person.
 * A port it could not be reached on and a root that is not a checkout are refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/index.ts';
import { publishDepartment } from '../../schema/publish/index.ts';
import { departments } from '../../subgraphs/departments.ts';
import { nextDefaultPort, readAddedDepartmentEntries } from '../../subgraphs/addedDepartments.ts';
import { scaffoldDepartment, type ScaffoldResult } from '../../subgraphs/scaffold/scaffoldDepartment.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { silentLogger } from '../harness/federation.ts';
import { postGraphQL, startDepartments, TEST_POPULATION, type TestDepartments } from '../harness/departments.ts';
import { checkout, firstFreePort, publishFixture, type PublishFixture } from './harness.ts';

const root = checkout('govgraph-scaffold-');
let scaffolded: ScaffoldResult;
let expectedPort: number;

beforeAll(async () => {
  expectedPort = await firstFreePort(nextDefaultPort(departments));
  scaffolded = await scaffoldDepartment({ id: 'culture-tourism', root, title: 'Culture and Tourism' });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('department:new', () => {
  it('writes the department from the kit, registers it with the next free port, and touches nothing else', () => {
    const directory = join(root, 'subgraphs', 'culture-tourism');
    const port = expectedPort;
    expect(scaffolded).toMatchObject({ id: 'culture-tourism', title: 'Culture and Tourism', defaultPort: port, directory, codegenRegistered: false });
    expect(scaffolded.files.sort()).toEqual(
      [
        ...['schema.graphql', 'index.ts', 'resolvers.ts', 'store.ts', 'seed.ts', '__generated__/resolvers.ts'].map((f) => join(directory, f)),
        join(root, 'test', 'departments', 'culture-tourism.test.ts'),
      ].sort(),
    );
    expect(JSON.parse(readFileSync(join(root, 'subgraphs', 'added-departments.json'), 'utf8'))).toEqual([{ id: 'culture-tourism', defaultPort: port }]);
    expect(scaffolded.departments.map((d) => d.definition.id)).toEqual([...departments.map((d) => d.definition.id).filter((id) => id !== 'platform'), 'culture-tourism', 'platform']);
    expect(readFileSync(join(directory, 'schema.graphql'), 'utf8')).toContain('cultureTourismRecords: [CultureTourismRecord!] @share(level: UNCONDITIONAL)');
    expect(existsSync(new URL('../../subgraphs/culture-tourism', import.meta.url))).toBe(false);
  });

  it('refuses an id that is taken or not kebab-case, and a port another department uses', async () => {
    await expect(scaffoldDepartment({ id: 'culture-tourism', root })).rejects.toThrow('Department "culture-tourism" is already registered; choose another id.');
    await expect(scaffoldDepartment({ id: 'tax', root })).rejects.toThrow('Department "tax" is already registered; choose another id.');
    await expect(scaffoldDepartment({ id: 'Culture_Tourism', root })).rejects.toThrow(
      'Department id "Culture_Tourism" is not kebab-case (lowercase letters and digits, words joined by "-", e.g. culture-tourism).',
    );
    await expect(scaffoldDepartment({ id: 'sports', root, port: 4005 })).rejects.toThrow('Port 4005 is the default port of tax; pass another --port.');
    expect(existsSync(join(root, 'subgraphs', 'sports'))).toBe(false);
  });

  it('refuses a port something listens on, the gateway\'s port, another department\'s configured port and a port browsers block', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(scaffoldDepartment({ id: 'sports', root, port })).rejects.toThrow(
        `Port ${port} is not free: something already listens on 127.0.0.1:${port}; pass another --port.`,
      );
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    await expect(scaffoldDepartment({ id: 'sports', root, port: 4000, env: {} })).rejects.toThrow(
      'Port 4000 is the gateway\'s port (GOVGRAPH_PORT, default 4000); pass another --port.',
    );
    await expect(scaffoldDepartment({ id: 'sports', root, port: 4100, env: { GOVGRAPH_PORT: '4100' } })).rejects.toThrow(
      'Port 4100 is the gateway\'s port (GOVGRAPH_PORT, default 4000); pass another --port.',
    );
    await expect(scaffoldDepartment({ id: 'sports', root, port: 4200, env: { GOVGRAPH_PORT_HEALTH: '4200' } })).rejects.toThrow(
      'Port 4200 is the port of health (GOVGRAPH_PORT_HEALTH); pass another --port.',
    );
    await expect(scaffoldDepartment({ id: 'sports', root, port: 6000 })).rejects.toThrow(
      'Port 6000 is on the Fetch standard\'s list of blocked ports: browsers and Node\'s fetch refuse it; pass another --port.',
    );
    expect(existsSync(join(root, 'subgraphs', 'sports'))).toBe(false);
  });

  it('skips the gateway\'s configured port when it chooses the default port', async () => {
    const elsewhere = checkout('govgraph-scaffold-port-');
    try {
      const next = nextDefaultPort(departments);
      const created = await scaffoldDepartment({ id: 'sports', root: elsewhere, env: { GOVGRAPH_PORT: String(next) } });
      expect(created.defaultPort).toBe(await firstFreePort(next + 1));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a root that does not exist or is not a govgraph checkout, and writes nothing there', async () => {
    const missing = join(tmpdir(), `govgraph-missing-${process.pid}`);
    await expect(scaffoldDepartment({ id: 'sports', root: missing })).rejects.toThrow(
      `${missing} does not exist: pass the root of a govgraph checkout (the folder with its package.json).`,
    );
    expect(existsSync(missing)).toBe(false);
    const empty = mkdtempSync(join(tmpdir(), 'govgraph-not-a-checkout-'));
    try {
      await expect(scaffoldDepartment({ id: 'sports', root: empty })).rejects.toThrow(
        `${empty} is not a govgraph checkout (no package.json named "govgraph" beside a subgraphs/ folder): pass the root of a checkout.`,
      );
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });


  it('refuses a registry file that lists an id or a port twice, naming the entry', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'govgraph-registry-'));
    try {
      const file = join(elsewhere, 'added-departments.json');
      writeFileSync(file, JSON.stringify([{ id: 'sports', defaultPort: 4009 }, { id: 'culture', defaultPort: 4009 }]));
      expect(() => readAddedDepartmentEntries(elsewhere)).toThrow(`${file} entry 1 (culture): port 4009 already used by sports; each department needs its own.`);
      writeFileSync(file, JSON.stringify([{ id: 'sports', defaultPort: 4009 }, { id: 'sports', defaultPort: 4010 }]));
      expect(() => readAddedDepartmentEntries(elsewhere)).toThrow(`${file} entry 1 (sports): id already used by sports; each department needs its own.`);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  describe('the scaffolded department, published and served', () => {
    let running: TestDepartments;
    let fixture: PublishFixture;
    let gateway: RunningGateway;

    beforeAll(async () => {
      running = await startDepartments(scaffolded.departments.map((d) => d.definition));
      fixture = await publishFixture();
      gateway = await startGateway({
        supergraph: fixture.supergraphFile,
        port: 0,
        subgraphUrls: running.urls,
        anonymous: { application: 'scaffold-test', department: 'tax' },
        grantSigning: running.grantKey,
        logger: silentLogger,
      });
    });
    afterAll(async () => {
      await gateway?.stop();
      await fixture?.stop();
      await running?.stop();
    });

    it('composes with every other department and is published as version 1 with only additions', async () => {
      const sdl = readFileSync(join(scaffolded.directory, 'schema.graphql'), 'utf8');
      const outcome = await publishDepartment({ department: 'culture-tourism', sdl, actor: 'ct-admin' }, { ...fixture.context, departments: scaffolded.departments });
      expect(outcome).toMatchObject({
        status: 'published',
        version: { department: 'culture-tourism', version: 1, url: `http://127.0.0.1:${scaffolded.defaultPort}/graphql` },
        changes: [
          { kind: 'TYPE_ADDED', coordinate: 'CultureTourismRecord', breaking: false, description: 'object type CultureTourismRecord was added' },
          { kind: 'FIELD_ADDED', coordinate: 'Person.cultureTourismRecords', breaking: false, description: 'Person.cultureTourismRecords was added' },
        ],
      });
    });

    it('answers through the gateway: the records it keeps, with the resident public-security knows, its conditional note withheld', async () => {
      const file = running.byId('culture-tourism').store.db.name;
      const db = new Database(file, { readonly: true });
      let idNumber: string;
      let records: unknown[];
      try {
        ({ idNumber } = db.prepare('SELECT id_number AS idNumber FROM record ORDER BY record_no LIMIT 1').get() as { idNumber: string });
        records = db.prepare('SELECT record_no AS recordNo, category, recorded_on AS recordedOn FROM record WHERE id_number = ? ORDER BY recorded_on DESC, record_no').all(idNumber);
      } finally {
        db.close();
      }
      const person = [...createPopulation(TEST_POPULATION).people()].find((p) => p.idNumber === idNumber)!;
      await waitFor(() => gateway.supergraphHash() !== null && gateway.supergraphHash() === sha(readFileSync(fixture.supergraphFile, 'utf8')));
      const { status, body } = await postGraphQL(gateway.url, {
        query: 'query Records($id: ResidentId!) { person(idNumber: $id) { name cultureTourismRecords { recordNo category recordedOn note } } }',
        variables: { id: idNumber },
      });
      expect(status).toBe(200);
      expect(records.length).toBeGreaterThan(0);
      expect(body.data).toEqual({ person: { name: person.name, cultureTourismRecords: records.map((r) => ({ ...(r as object), note: null })) } });
      expect(body.errors.map((e: any) => ({ path: e.path, code: e.extensions.code, item: e.extensions.item, level: e.extensions.level, provider: e.extensions.provider }))).toEqual(
        records.map((_r, index) => ({ path: ['person', 'cultureTourismRecords', index, 'note'], code: 'UNAUTHORIZED_FIELD_OR_TYPE', item: 'CultureTourismRecord.note', level: 'CONDITIONAL', provider: 'culture-tourism' })),
      );
    });
  });
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the gateway to load the published supergraph');
    await new Promise((r) => setTimeout(r, 20));
  }
}
