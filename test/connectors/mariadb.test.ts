/**
 * A department joins from its MariaDB database: the same legacy register as another vendor's system keeps it
 * (UPPERCASE `T_` tables, a composite key, a nullable foreign key, a view), its mapping proposed from the schema by
 * `proposeMapping` (what `npm run department:connect` writes), edited the way the department would (levels
 * decided), and served by the kit through a read-only MariaDB account.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedDepartment, type ConnectedDepartmentDefinition } from '../../subgraphs/connected/index.ts';
import { openDatabase } from '../../subgraphs/connected/sql/openDatabase.ts';
import { PROPOSED_REASON, proposeMapping } from '../../subgraphs/connected/sql/proposeMapping.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { postAsGateway, signGrant, TEST_POPULATION, startDepartmentIn, type RunningDepartment } from '../harness/departments.ts';
import { inserts, legacyRows, mariadbDdl } from './legacyMarriageRegister.ts';
import { adminConnection, mariadbAvailable, TEST_MARIADB_URL } from './mariadbServer.ts';

const population = createPopulation(TEST_POPULATION);
const rows = legacyRows(population);
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const database = `govgraph_legacy_${suffix}`;
const reader = `gg_reader_${suffix}`.slice(0, 32);
const url = (user: string) => {
  const u = new URL(TEST_MARIADB_URL);
  u.username = user;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
};
const directory = mkdtempSync(join(tmpdir(), 'govgraph-mariadb-legacy-'));

describe.skipIf(!mariadbAvailable)('a department connected from MariaDB', () => {
  let admin: mysql.Connection;
  let grantKey: GrantKey;
  let definition: ConnectedDepartmentDefinition;
  let subgraph: RunningDepartment;
  let proposal: any;

  beforeAll(async () => {
    admin = await adminConnection();
    await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    await admin.query(`USE ${database}`);
    for (const statement of mariadbDdl()) await admin.query(statement);
    for (const { sql, params } of inserts(rows, (t) => `T_${t.toUpperCase()}`, (c) => c.toUpperCase())) await admin.query(sql, params);
    await admin.query(`CREATE USER '${reader}'@'%'`);
    await admin.query(`GRANT SELECT ON ${database}.* TO '${reader}'@'%'`);

    // What department:connect proposes, read through the read-only account...
    const mapping = { department: 'civil-affairs-legacy', title: 'Civil Affairs (legacy register, MariaDB)', source: { database: { database: url(reader) } }, types: { Placeholder: { description: 'x', table: 'T_HY_DJJG', key: ['a'], fields: { a: { description: 'x', column: 'JG_DM', share: { level: 'UNCONDITIONAL' } } } } } } as const;
    const source = await openDatabase(mapping as never, { file: join(directory, 'probe.json') });
    try {
      proposal = await proposeMapping(source, { department: 'civil-affairs-legacy', title: 'Civil Affairs (legacy register, MariaDB)', database: url(reader) });
    } finally {
      await source.close();
    }
    // ...and the department's edits: it decides the levels (here: the register's offices and dates are public).
    const decided = structuredClone(proposal);
    for (const type of Object.values(decided.types) as any[]) {
      for (const item of [...Object.values(type.fields ?? {}), ...Object.values(type.relations ?? {})] as any[]) {
        if (item.share?.reason === PROPOSED_REASON) item.share = { level: 'UNCONDITIONAL', ...(item.share.sensitive && { sensitive: true }) };
      }
    }
    decided.types.Person.fields.hyzkDm.share = { level: 'CONDITIONAL', reason: 'Marital status is personal information (Civil Code art. 1039).' };
    const file = join(directory, 'mapping.json');
    writeFileSync(file, JSON.stringify(decided, null, 2));
    definition = connectedDepartment(file);
    grantKey = await loadOrCreateGrantKey(directory);
    subgraph = await startDepartmentIn(directory, { department: definition, databaseFile: `connected:${file}`, gatewayKeys: grantKey.jwks });
  }, 120_000);

  afterAll(async () => {
    await subgraph?.stop();
    await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin?.query(`DROP USER IF EXISTS '${reader}'@'%'`);
    await admin?.end();
    rmSync(directory, { recursive: true, force: true });
  });

  it('proposes Person from the table keyed by resident IDs, keys, relations both ways, and closed levels to review', () => {
    expect(Object.keys(proposal.types).sort()).toEqual(['HyDjRy', 'HyDjjg', 'HyDjxx', 'Person']);
    expect(proposal.types.Person).toEqual({
      description: 'Table T_RK_HYZK: describe what one row is.',
      table: 'T_RK_HYZK',
      key: ['idNumber'],
      fields: {
        idNumber: { description: 'Resident ID (column SFZH).', column: 'SFZH', type: 'ResidentId' },
        hyzkDm: { description: 'Column HYZK_DM of T_RK_HYZK (char).', column: 'HYZK_DM', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        gxRq: { description: 'Column GX_RQ of T_RK_HYZK (date).', column: 'GX_RQ', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
      },
      relations: {
        hyDjRyBySfzh: { description: 'The V_HY_DJ_RY rows whose SFZH is this resident.', type: 'HyDjRy', many: true, on: { SFZH: 'SFZH' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        hyDjRyByPoSfzh: { description: 'The V_HY_DJ_RY rows whose PO_SFZH is this resident.', type: 'HyDjRy', many: true, on: { SFZH: 'PO_SFZH' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        hyDjxxByNanSfzh: { description: 'The T_HY_DJXX rows whose NAN_SFZH is this resident.', type: 'HyDjxx', many: true, on: { SFZH: 'NAN_SFZH' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        hyDjxxByNvSfzh: { description: 'The T_HY_DJXX rows whose NV_SFZH is this resident.', type: 'HyDjxx', many: true, on: { SFZH: 'NV_SFZH' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
      },
    });
    expect(proposal.types.HyDjxx.key).toEqual(['jgDm', 'djXh']);
    expect(proposal.types.HyDjxx.relations.bzjgDmHyDjjg).toEqual({ description: 'The T_HY_DJJG row BZJG_DM refers to.', type: 'HyDjjg', on: { BZJG_DM: 'JG_DM' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } });
    expect(proposal.types.HyDjjg.relations.hyDjxxListByBzjgDm.on).toEqual({ JG_DM: 'BZJG_DM' });
    expect(proposal.types.HyDjRy).toMatchObject({ table: 'V_HY_DJ_RY', entity: false, key: ['jgDm', 'djXh', 'djLx', 'djRq', 'sfzh', 'poSfzh'] });
  });

  it('answers an entity fetch of residents with their registrations, composite key, nullable foreign key and view joined, in constant statements', async () => {
    const grant = await signGrant(grantKey, 'civil-affairs-legacy', { application: 'cal-own', department: 'civil-affairs-legacy' });
    const husbands = rows.registrations.filter((r) => r.dj_lx === 'JH').map((r) => r.nan_sfzh);
    const fetch = async (ids: string[]) => {
      const before = definition.sourceReads();
      const { status, body } = await postAsGateway(subgraph,
        {
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber hyzkDm hyDjxxByNanSfzh { djXh djLx nvSfzh { idNumber } bzjgDmHyDjjg { jgMc } } hyDjRyBySfzh { djLx } } } }`,
          variables: { r: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
        },
        grant,
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      return { body, statements: definition.sourceReads() - before };
    };
    const few = await fetch(husbands.slice(0, 5));
    const many = await fetch(husbands.slice(0, 150));
    // Residents (T_RK_HYZK), their registrations (T_HY_DJXX by NAN_SFZH), the reissuing offices (T_HY_DJJG) and the
    // view: 4, whatever the number of residents (the wives are asked for by key alone, which costs no read).
    expect({ few: few.statements, many: many.statements }).toEqual({ few: 4, many: 4 });
    const first = rows.registrations.filter((r) => r.nan_sfzh === husbands[0]).sort((a, b) => a.dj_xh - b.dj_xh);
    const reissuer = (code: string | null) => (code ? { jgMc: rows.offices.find((o) => o.jg_dm === code)!.jg_mc } : null);
    expect(few.body.data._entities[0]).toEqual({
      idNumber: husbands[0],
      hyzkDm: rows.statuses.find((s) => s.sfzh === husbands[0])!.hyzk_dm,
      hyDjxxByNanSfzh: first.map((r) => ({ djXh: r.dj_xh, djLx: r.dj_lx, nvSfzh: { idNumber: r.nv_sfzh }, bzjgDmHyDjjg: reissuer(r.bzjg_dm) })),
      hyDjRyBySfzh: first.map((r) => ({ djLx: r.dj_lx })),
    });
  });

  it('withholds the conditional item from another department and refuses the root account, which may write', async () => {
    const grant = await signGrant(grantKey, 'civil-affairs-legacy', { application: 'tax-app', department: 'tax' });
    const { body } = await postAsGateway(subgraph, { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { hyzkDm gxRq } } }`, variables: { r: [{ __typename: 'Person', idNumber: rows.statuses[0]!.sfzh }] } }, grant);
    expect(body.data).toEqual({ _entities: [{ hyzkDm: null, gxRq: rows.statuses[0]!.gx_rq }] });
    expect(body.errors.map((e: any) => [e.path, e.extensions.code, e.extensions.item])).toEqual([[['_entities', 0, 'hyzkDm'], 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.hyzkDm']]);

    const asRoot = JSON.parse(JSON.stringify(definition.mapping));
    asRoot.source.database.database = url('root');
    const file = join(directory, 'as-root.json');
    writeFileSync(file, JSON.stringify(asRoot));
    await expect(startDepartmentIn(directory, { department: connectedDepartment(file), databaseFile: `connected:${file}`, gatewayKeys: grantKey.jwks })).rejects.toThrow(
      /source\.database\.database: the account connecting to mysql:\/\/root@127\.0\.0\.1:3306\/govgraph_legacy_\w+ may write \(INSERT on every table.*\); connect with a role that may only SELECT/,
    );

    // Accepted with readOnly "session": a warning, and the server itself refuses a write on the connector's sessions.
    asRoot.source.database.readOnly = 'session';
    const warnings: string[] = [];
    const source = await openDatabase(asRoot, { file, warn: (w) => warnings.push(w) });
    try {
      expect(warnings).toEqual([expect.stringMatching(/^civil-affairs-legacy: the account connecting to mysql:\/\/root@.* may write .*; serving anyway with read-only sessions/)]);
      await expect(source.query('DELETE FROM T_RK_HYZK', [])).rejects.toThrow(/READ ONLY transaction/);
    } finally {
      await source.close();
    }
  });
});
