/**
 * A department joins from its PostgreSQL database (the README's example): the civil-affairs legacy marriage
 * register, created here the way the old system keeps it, connected through a read-only role by its mapping file
 * and queried through the gateway with the seven departments — a conditional item withheld, then granted once the
 * department approves an application; a composite key, a nullable foreign key and a view served; the statements a
 * request costs independent of how many residents it asks about.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedDepartment, MappingError, type ConnectedDepartmentDefinition } from '../../subgraphs/connected/index.ts';
import { openDatabase } from '../../subgraphs/connected/sql/openDatabase.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { postAsGateway, postGraphQL, TEST_POPULATION, startDepartmentIn } from '../harness/departments.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../harness/platformStores.ts';
import { deniedError, locationOf, masked, noAgreement } from '../harness/sharing.ts';
import { startConnectedFederation, type ConnectedFederation } from './connectedFederation.ts';
import { inserts, legacyRows, postgresDdl } from './legacyMarriageRegister.ts';

const population = createPopulation(TEST_POPULATION);
const rows = legacyRows(population);
const FIXTURE = new URL('./fixtures/civil-affairs-legacy.mapping.json', import.meta.url);
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const schema = `legacy_hy_${suffix}`;
const reader = `govgraph_reader_${suffix}`;
const readerUrl = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.username = reader;
  url.password = '';
  return url.toString();
})();

const directory = mkdtempSync(join(tmpdir(), 'govgraph-pg-legacy-'));
/** The fixture mapping, pointed at this test's schema, written where a department would keep it. */
function mappingFile(name: string, edit: (mapping: any) => void = () => {}): string {
  const mapping = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  mapping.source.database.schema = schema;
  edit(mapping);
  const file = join(directory, `${name}.json`);
  writeFileSync(file, JSON.stringify(mapping, null, 2));
  return file;
}

const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
admin.on('error', () => {});
async function exec(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  let n = 0;
  return admin.query(sql.replace(/\?/g, () => `$${++n}`), params);
}

describe.skipIf(!postgresAvailable)('a department connected from PostgreSQL', () => {
  let legacy: ConnectedDepartmentDefinition;
  let federation: ConnectedFederation;

  beforeAll(async () => {
    for (const statement of postgresDdl(schema)) await exec(statement);
    for (const { sql, params } of inserts(rows, (table) => `${schema}.${table}`, (column) => column)) await exec(sql, params);
    await exec(`CREATE ROLE ${reader} LOGIN`);
    await exec(`GRANT USAGE ON SCHEMA ${schema} TO ${reader}`);
    await exec(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${reader}`);
    legacy = connectedDepartment(mappingFile('civil-affairs-legacy'), { env: { LEGACY_MARRIAGE_DB: readerUrl } });
    federation = await startConnectedFederation([legacy]);
  }, 120_000);

  afterAll(async () => {
    await federation?.stop();
    await exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await exec(`DROP ROLE IF EXISTS ${reader}`);
    await admin.end();
    rmSync(directory, { recursive: true, force: true });
  });

  const couple = rows.registrations.find((r) => r.dj_lx === 'LH' && r.bzjg_dm === null)!;
  const ONE_RESIDENT = `query Legacy($id: ResidentId!) {
  person(idNumber: $id) {
    name
    legacyStatusSince
    legacyMaritalStatus
    marriageArchive { kind registeredOn party spouse { name } registration { officeCode serialNo office { name } reissuedBy { name } } }
  }
}`;

  it('withholds the conditional items from a department without an agreement, naming civil-affairs-legacy as the one to apply to', async () => {
    const husband = population.person([...population.people()].findIndex((p) => p.idNumber === couple.nan_sfzh));
    const { status, body } = await postGraphQL(federation.gateway.url, { query: ONE_RESIDENT, variables: { id: husband.idNumber } }, await federation.as({ department: 'tax' }));
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { person: { name: husband.name, legacyStatusSince: couple.dj_rq, legacyMaritalStatus: null, marriageArchive: null } },
      errors: [
        deniedError(noAgreement('Person.legacyMaritalStatus', 'tax', 'civil-affairs-legacy'), ['person', 'legacyMaritalStatus'], locationOf(ONE_RESIDENT, 'legacyMaritalStatus')),
        deniedError(noAgreement('Person.marriageArchive', 'tax', 'civil-affairs-legacy'), ['person', 'marriageArchive'], locationOf(ONE_RESIDENT, 'marriageArchive')),
      ],
    });
  });

  it('serves them once civil-affairs-legacy approves an application, the party masked and the view, composite key and nullable foreign key joined', async () => {
    const apply = await postGraphQL(
      federation.gateway.url,
      {
        query: `mutation { applyForSharing(input: { provider: "civil-affairs-legacy", items: ["Person.legacyMaritalStatus", "Person.marriageArchive"],
          purpose: "individual-income-tax-deduction", legalBasis: "Individual Income Tax Law art. 6", scenario: "Checking a declared spouse deduction",
          validUntil: "2099-01-01T00:00:00Z" }) { application { id status } } }`,
      },
      await federation.as({ department: 'tax', roles: ['dept-admin'] }),
    );
    expect(apply.body.errors).toBeUndefined();
    const id = apply.body.data.applyForSharing.application.id as string;
    const decide = await postGraphQL(
      federation.gateway.url,
      { query: `mutation($id: String!) { decideApplication(input: { id: $id, decision: APPROVE }) { status inForce } }`, variables: { id } },
      await federation.as({ department: 'civil-affairs-legacy', roles: ['dept-admin'] }),
    );
    expect(decide.body).toEqual({ data: { decideApplication: { status: 'APPROVED', inForce: true } } });

    const husband = population.person([...population.people()].findIndex((p) => p.idNumber === couple.nan_sfzh));
    const wife = population.person([...population.people()].findIndex((p) => p.idNumber === couple.nv_sfzh));
    const office = rows.offices.find((o) => o.jg_dm === couple.jg_dm)!;
    const theirs = rows.registrations.filter((r) => r.nan_sfzh === husband.idNumber).sort((a, b) => a.dj_xh - b.dj_xh);
    const { body } = await postGraphQL(
      federation.gateway.url,
      { query: ONE_RESIDENT, variables: { id: husband.idNumber } },
      await federation.as({ department: 'tax', purpose: 'individual-income-tax-deduction' }),
    );
    expect(body).toEqual({
      data: {
        person: {
          name: husband.name,
          legacyStatusSince: couple.dj_rq,
          legacyMaritalStatus: 'DIVORCED',
          marriageArchive: theirs.map((r) => ({
            kind: r.dj_lx === 'JH' ? 'MARRIAGE' : 'DIVORCE',
            registeredOn: r.dj_rq,
            party: masked(husband.idNumber, 'tax'),
            spouse: { name: wife.name },
            registration: {
              officeCode: r.jg_dm,
              serialNo: r.dj_xh,
              office: { name: office.jg_mc },
              reissuedBy: r.bzjg_dm ? { name: rows.offices.find((o) => o.jg_dm === r.bzjg_dm)!.jg_mc } : null,
            },
          })),
        },
      },
    });
  });

  it('looks a registration up by its composite key and pages through the offices in key order', async () => {
    const reissued = rows.registrations.find((r) => r.bzjg_dm !== null)!;
    const headers = await federation.as({ department: 'tax' });
    const lookup = await postGraphQL(
      federation.gateway.url,
      { query: `query($o: String!, $n: Int!) { legacyMarriageRegistration(officeCode: $o, serialNo: $n) { kind registeredOn reissuedBy { code regionCode } } }`, variables: { o: reissued.jg_dm, n: reissued.dj_xh } },
      headers,
    );
    const reissuer = rows.offices.find((o) => o.jg_dm === reissued.bzjg_dm)!;
    expect(lookup.body).toEqual({ data: { legacyMarriageRegistration: { kind: 'MARRIAGE', registeredOn: reissued.dj_rq, reissuedBy: { code: reissuer.jg_dm, regionCode: reissuer.xzqh_dm } } } });

    const codes = rows.offices.map((o) => o.jg_dm).sort();
    const PAGE = `query($after: String) { legacyMarriageOffices(first: 2, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }`;
    const first = await postGraphQL(federation.gateway.url, { query: PAGE }, headers);
    expect(first.body.data.legacyMarriageOffices.nodes).toEqual(codes.slice(0, 2).map((code) => ({ code })));
    expect(first.body.data.legacyMarriageOffices.pageInfo.hasNextPage).toBe(true);
    const second = await postGraphQL(federation.gateway.url, { query: PAGE, variables: { after: first.body.data.legacyMarriageOffices.pageInfo.endCursor } }, headers);
    expect(second.body.data.legacyMarriageOffices.nodes).toEqual(codes.slice(2, 4).map((code) => ({ code })));
  });

  it('refuses a superuser account, and with readOnly "session" serves it on sessions the server keeps read-only', async () => {
    const file = mappingFile('as-superuser');
    await expect(startDepartmentIn(directory, { department: connectedDepartment(file, { env: { LEGACY_MARRIAGE_DB: TEST_DATABASE_URL } }), databaseFile: `connected:${file}`, gatewayKeys: federation.departments.grantKey.jwks })).rejects.toThrow(
      new MappingError(file, [
        `source.database.database: the account connecting to postgres://postgres@127.0.0.1:5432/test schema ${schema} may write (SUPERUSER on every table); connect with a role that may only SELECT the mapped tables (README, Connected departments), or set source.database.readOnly to "session" to accept it with read-only sessions`,
      ]),
    );
    const warnings: string[] = [];
    const mapping = JSON.parse(readFileSync(mappingFile('session', (m) => (m.source.database.readOnly = 'session')), 'utf8'));
    const source = await openDatabase(mapping, { file, env: { LEGACY_MARRIAGE_DB: TEST_DATABASE_URL }, warn: (w) => warnings.push(w) });
    try {
      expect(warnings).toHaveLength(1);
      await expect(source.query(`DELETE FROM ${schema}.rk_hyzk`, [])).rejects.toThrow("PostgreSQL error 25006: cannot execute DELETE in a read-only transaction");
      expect(await exec(`SELECT count(*)::int AS n FROM ${schema}.rk_hyzk`).then((r) => r.rows[0].n)).toBe(rows.statuses.length);
    } finally {
      await source.close();
    }
  });

  it('answers a read past its statement deadline with an error naming the department, never the statement', async () => {
    await exec(`CREATE VIEW ${schema}.v_slow AS SELECT sfzh, hyzk_dm, pg_sleep(2)::text AS waited FROM ${schema}.rk_hyzk`);
    await exec(`GRANT SELECT ON ${schema}.v_slow TO ${reader}`);
    const file = mappingFile('slow', (m) => {
      m.source.database.statementTimeoutMs = 200;
      m.types.Person.table = 'v_slow';
      delete m.types.Person.fields.legacyStatusSince;
      delete m.types.Person.relations;
      delete m.types.ArchivedRegistration.relations.spouse;
    });
    const slow = await startDepartmentIn(directory, { department: connectedDepartment(file, { env: { LEGACY_MARRIAGE_DB: readerUrl } }), databaseFile: `connected:${file}`, gatewayKeys: federation.departments.grantKey.jwks });
    try {
      const grant = await federation.departments.grantTokenFor('civil-affairs-legacy', { application: 'own', department: 'civil-affairs-legacy' });
      const { body } = await postAsGateway(slow, { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { legacyMaritalStatus } } }`, variables: { r: [{ __typename: 'Person', idNumber: rows.statuses[0]!.sfzh }] } }, grant);
      expect(body).toEqual({
        data: { _entities: [{ legacyMaritalStatus: null }] },
        errors: [
          {
            message: 'civil-affairs-legacy could not read its database (no answer within 200 ms); the fields it provides are null in this response. Try again later.',
            locations: [{ line: 1, column: 72 }],
            path: ['_entities', 0, 'legacyMaritalStatus'],
            extensions: { code: 'SOURCE_UNAVAILABLE', department: 'civil-affairs-legacy', reason: 'timeout' },
          },
        ],
      });
    } finally {
      await slow.stop();
    }
  });

  it('costs the same statements for 10 legal representatives as for 100 (one WHERE … IN per loader per request)', async () => {
    const headers = await federation.as({ department: 'civil-affairs-legacy' });
    const query = `query($first: Int!) { enterprises(first: $first) { nodes { legalRepresentative {
      legacyMaritalStatus marriageArchive { spouse { name legacyMaritalStatus } registration { office { name } reissuedBy { name } } } } } } }`;
    const cost = async (first: number) => {
      const before = legacy.sourceReads();
      const { body } = await postGraphQL(federation.gateway.url, { query, variables: { first } }, headers);
      expect(body.errors).toBeUndefined();
      expect(body.data.enterprises.nodes).toHaveLength(first);
      return legacy.sourceReads() - before;
    };
    const ten = await cost(10);
    const many = await cost(100);
    // Residents (rk_hyzk), their archive (the view), their spouses (rk_hyzk again, one level down), the
    // registrations (composite key) and the offices (office and reissuedBy share one loader): 5, whatever the size.
    expect({ ten, many }).toEqual({ ten: 5, many: 5 });
  });
});
