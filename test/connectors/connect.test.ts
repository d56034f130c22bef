/**
 * `npm run department:connect` on a SQLite file: the proposed mapping, the schema it describes and the registry
 * entry are written into a temporary checkout, the registry loads the department with no TypeScript, and the kit
 * serves it. Then every way a start must be refused, each naming the entry: a malformed mapping, a missing level,
 * an unknown column, an unset variable, an unreachable database.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAddedDepartments, readAddedDepartmentEntries } from '../../subgraphs/addedDepartments.ts';
import { connectedDepartment, MappingError } from '../../subgraphs/connected/index.ts';
import { connectDepartment, generatedSchema, refreshConnectedDepartment, schemaIsCurrent } from '../../subgraphs/connected/connectDepartment.ts';
import { PROPOSED_REASON } from '../../subgraphs/connected/sql/proposeMapping.ts';
import { publishDepartment } from '../../schema/publish/index.ts';
import { departments } from '../../subgraphs/departments.ts';
import { withAdded } from '../../subgraphs/scaffold/scaffoldDepartment.ts';
import { publishFixture } from '../publish/harness.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { postAsGateway, signGrant, TEST_POPULATION, startDepartmentIn } from '../harness/departments.ts';

const people = [...createPopulation(TEST_POPULATION).people()].slice(0, 30);
const root = mkdtempSync(join(tmpdir(), 'govgraph-connect-'));
const legacyFile = join(root, 'legacy.sqlite');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(root, 'subgraphs'));
  const db = new Database(legacyFile);
  db.exec(`
    CREATE TABLE tb_region (region_code TEXT PRIMARY KEY, region_name TEXT NOT NULL);
    CREATE TABLE tb_resident (id_card_no TEXT PRIMARY KEY, region_code TEXT REFERENCES tb_region (region_code), allowance_yuan REAL, active INTEGER NOT NULL);
    CREATE VIEW v_active AS SELECT id_card_no, allowance_yuan FROM tb_resident WHERE active = 1;
  `);
  const regions = [...new Set(people.map((p) => p.regionCode))];
  for (const code of regions) db.prepare('INSERT INTO tb_region VALUES (?, ?)').run(code, `区划${code}`);
  people.forEach((p, i) => db.prepare('INSERT INTO tb_resident VALUES (?, ?, ?, ?)').run(p.idNumber, i % 5 === 0 ? null : p.regionCode, 600 + i, i % 2));
  db.close();
});

describe('department:connect', () => {
  it('writes the proposed mapping and its schema, registers the department, and the registry serves it with no TypeScript', async () => {
    const result = await connectDepartment({ id: 'assistance-legacy', database: `sqlite:${legacyFile}`, title: 'Social Assistance (legacy)', root });
    expect(readAddedDepartmentEntries(join(root, 'subgraphs'))).toEqual([{ id: 'assistance-legacy', defaultPort: 4009, mapping: 'assistance-legacy/mapping.json' }]);
    const mapping = JSON.parse(readFileSync(result.mappingFile, 'utf8'));
    expect(mapping.types.Person).toEqual({
      description: 'Table tb_resident: describe what one row is.',
      table: 'tb_resident',
      key: ['idNumber'],
      fields: {
        idNumber: { description: 'Resident ID (column id_card_no).', column: 'id_card_no', type: 'ResidentId' },
        regionCode: { description: 'Column region_code of tb_resident (text).', column: 'region_code', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        allowanceYuan: { description: 'Column allowance_yuan of tb_resident (real).', column: 'allowance_yuan', type: 'Float', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        active: { description: 'Column active of tb_resident (integer).', column: 'active', type: 'Int', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
      },
      relations: {
        region: { description: 'The tb_region row region_code refers to.', type: 'Region', on: { region_code: 'region_code' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
        activeByIdCardNo: { description: 'The v_active rows whose id_card_no is this resident.', type: 'Active', many: true, on: { id_card_no: 'id_card_no' }, share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
      },
    });
    expect(readFileSync(result.schemaFile, 'utf8')).toBe(generatedSchema(result.definition));
    expect(schemaIsCurrent(result.definition)).toBe(true);

    const [loaded] = await loadAddedDepartments(join(root, 'subgraphs'));
    expect(loaded!.definition.id).toBe('assistance-legacy');
    const keys = await loadOrCreateGrantKey(root);
    const subgraph = await startDepartmentIn(root, { department: loaded!.definition, databaseFile: `connected:${result.mappingFile}`, gatewayKeys: keys.jwks });
    try {
      const grant = await signGrant(keys, 'assistance-legacy', { application: 'own', department: 'assistance-legacy' });
      const { body } = await postAsGateway(subgraph,
        { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { allowanceYuan region { regionName } activeByIdCardNo { allowanceYuan } } } }`, variables: { r: people.slice(0, 2).map((p) => ({ __typename: 'Person', idNumber: p.idNumber })) } },
        grant,
      );
      expect(body).toEqual({
        data: {
          _entities: [
            { allowanceYuan: 600, region: null, activeByIdCardNo: [] },
            { allowanceYuan: 601, region: { regionName: `区划${people[1]!.regionCode}` }, activeByIdCardNo: [{ allowanceYuan: 601 }] },
          ],
        },
      });
    } finally {
      await subgraph.stop();
    }
  });

  it('refuses a department already registered, and refreshes an edited mapping', async () => {
    await expect(connectDepartment({ id: 'assistance-legacy', database: `sqlite:${legacyFile}`, root })).rejects.toThrow('Department "assistance-legacy" is already registered; choose another id.');
    const file = join(root, 'subgraphs', 'assistance-legacy', 'mapping.json');
    const mapping = JSON.parse(readFileSync(file, 'utf8'));
    mapping.types.Person.fields.allowanceYuan.share = { level: 'UNCONDITIONAL', cycle: 'MONTHLY' };
    writeFileSync(file, JSON.stringify(mapping));
    expect(schemaIsCurrent(connectedDepartment(file))).toBe(false);
    await expect(loadAddedDepartments(join(root, 'subgraphs'))).rejects.toThrow(
      `${join(root, 'subgraphs', 'assistance-legacy', 'schema.graphql')} is missing or not what assistance-legacy/mapping.json describes (edited since); run npm run department:connect -- assistance-legacy --refresh.`,
    );
    const refreshed = refreshConnectedDepartment('assistance-legacy', root);
    expect(refreshed.sdl).toContain('allowanceYuan: Float @share(level: UNCONDITIONAL, cycle: MONTHLY)');
    expect(schemaIsCurrent(refreshed)).toBe(true);
  });
});

describe('a connected department is published with the same checks', () => {
  it('records its generated schema as version 1, its items in the supergraph with their levels', async () => {
    const [loaded] = await loadAddedDepartments(join(root, 'subgraphs'));
    const fixture = await publishFixture();
    try {
      const sdl = readFileSync(join(root, 'subgraphs', 'assistance-legacy', 'schema.graphql'), 'utf8');
      const registered = withAdded(departments, [{ definition: loaded!.definition, defaultPort: 4009 }]);
      const outcome = await publishDepartment({ department: 'assistance-legacy', sdl, actor: 'al-admin' }, { ...fixture.context, departments: registered });
      expect(outcome).toMatchObject({ status: 'published', version: { department: 'assistance-legacy', version: 1, url: 'http://127.0.0.1:4009/graphql' } });
      const supergraph = readFileSync(fixture.supergraphFile, 'utf8');
      expect(supergraph).toContain('allowanceYuan: Float @join__field(graph: ASSISTANCE_LEGACY) @share(level: UNCONDITIONAL, cycle: MONTHLY, provider: "assistance-legacy")');
      const unlevelled = sdl.replace('allowanceYuan: Float @share(level: UNCONDITIONAL, cycle: MONTHLY)', 'allowanceYuan: Float');
      expect(await publishDepartment({ department: 'assistance-legacy', sdl: unlevelled, actor: 'al-admin' }, { ...fixture.context, departments: registered })).toMatchObject({
        status: 'refused',
        stage: 'levels',
        errors: ['assistance-legacy: Person.allowanceYuan has no @share level; add @share(level: UNCONDITIONAL | CONDITIONAL | NONE)'],
      });
    } finally {
      await fixture.stop();
    }
  });
});

describe('a stored value that does not fit its type', () => {
  it('is an error naming the department and the mapping entry, never the value', async () => {
    const file = join(root, 'odd.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE t_case (case_no TEXT PRIMARY KEY, status_code TEXT, applicant_id TEXT)`);
    db.prepare('INSERT INTO t_case VALUES (?, ?, ?)').run('C-1', '9', '110101199001011234');
    db.close();
    const mappingFile = join(root, 'odd.json');
    writeFileSync(mappingFile, JSON.stringify({
      department: 'assistance-legacy',
      title: 'Social Assistance (legacy)',
      source: { database: { database: `sqlite:${file}` } },
      enums: { CaseStatus: { description: 'Case status codes.', values: { '1': 'OPEN', '2': 'CLOSED' } } },
      types: {
        AssistanceCase: {
          description: 'An assistance case.',
          table: 't_case',
          key: ['caseNo'],
          lookup: 'assistanceCase',
          fields: {
            caseNo: { description: 'Case number.', column: 'case_no', share: { level: 'UNCONDITIONAL' } },
            status: { description: 'Status.', column: 'status_code', type: 'CaseStatus', share: { level: 'UNCONDITIONAL' } },
          },
          relations: { applicant: { description: 'The applicant.', type: 'Person', column: 'applicant_id', share: { level: 'UNCONDITIONAL' } } },
        },
      },
    }));
    const keys = await loadOrCreateGrantKey(root);
    const subgraph = await startDepartmentIn(root, { department: connectedDepartment(mappingFile), databaseFile: `connected:${mappingFile}`, gatewayKeys: keys.jwks });
    try {
      const grant = await signGrant(keys, 'assistance-legacy', { application: 'own', department: 'assistance-legacy' });
      const { body } = await postAsGateway(subgraph, { query: '{ assistanceCase(caseNo: "C-1") { caseNo status applicant { idNumber } } }' }, grant);
      const invalid = (entry: string, why: string, column: number) => ({
        message: `assistance-legacy holds a value it cannot serve at ${entry}: ${why}. The department should correct the record or its mapping.`,
        locations: [{ line: 1, column }],
        path: ['assistanceCase', entry.endsWith('status') ? 'status' : 'applicant'],
        extensions: { code: 'SOURCE_DATA_INVALID', department: 'assistance-legacy', entry },
      });
      expect(body).toEqual({
        data: { assistanceCase: { caseNo: 'C-1', status: null, applicant: null } },
        errors: [
          invalid('types.AssistanceCase.fields.status', 'a stored code is not among enums.CaseStatus.values', 42),
          invalid('types.AssistanceCase.relations.applicant.column', 'the stored resident ID is malformed', 49),
        ],
      });
    } finally {
      await subgraph.stop();
    }
  });
});

describe('a connected department is refused at start, naming the entry', () => {
  const base = () => ({
    department: 'assistance-legacy',
    title: 'Social Assistance (legacy)',
    source: { database: { database: `sqlite:${legacyFile}` } },
    types: {
      Person: {
        description: 'A resident.',
        table: 'tb_resident',
        key: ['idNumber'],
        fields: {
          idNumber: { description: 'Resident ID.', column: 'id_card_no', type: 'ResidentId' },
          allowance: { description: 'Allowance.', column: 'allowance_yuan', type: 'Float', share: { level: 'CONDITIONAL', reason: 'Means-tested benefit.' } } as Record<string, unknown>,
        },
      },
    },
  });
  const write = (name: string, content: unknown) => {
    const file = join(root, `${name}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const start = async (file: string, env: NodeJS.ProcessEnv = {}) => {
    const keys = await loadOrCreateGrantKey(root);
    const running = await startDepartmentIn(root, { department: connectedDepartment(file, { env }), databaseFile: `connected:${file}`, gatewayKeys: keys.jwks });
    await running.stop();
  };

  it('a malformed mapping', () => {
    const file = write('malformed', '{ "department": "assistance-legacy", ');
    expect(() => connectedDepartment(file)).toThrow(MappingError);
    expect(() => connectedDepartment(file)).toThrow(/^.*malformed\.json: 1 problem\(s\) in the mapping:\n {2}- not valid JSON: /);
  });

  it('a missing level, a reason missing, and an unknown entry, all at once', () => {
    const mapping = base();
    delete mapping.types.Person.fields.allowance.share;
    (mapping.types.Person.fields as Record<string, unknown>).region = { description: 'Region.', column: 'region_code', share: { level: 'NONE' } };
    (mapping.types.Person as Record<string, unknown>).tabel = 'x';
    const file = write('levels', mapping);
    expect(() => connectedDepartment(file)).toThrow(
      new MappingError(file, [
        'types.Person.tabel: unknown entry',
        'types.Person.fields.allowance.share: is missing: every item needs { "level": "UNCONDITIONAL" | "CONDITIONAL" | "NONE" }',
        'types.Person.fields.region.share.reason: a NONE item needs its legal reason',
      ]),
    );
  });

  it('an unknown column', async () => {
    const mapping = base();
    mapping.types.Person.fields.allowance.column = 'allowance';
    const file = write('column', mapping);
    await expect(start(file)).rejects.toThrow(
      new MappingError(file, ['types.Person.fields.allowance.column: table "tb_resident" has no column "allowance" (its columns: id_card_no, region_code, allowance_yuan, active)']),
    );
  });

  it('an unset environment variable', async () => {
    const mapping = base();
    mapping.source.database.database = '${LEGACY_ASSISTANCE_DB}';
    const file = write('variable', mapping);
    await expect(start(file)).rejects.toThrow(new MappingError(file, ['source.database.database: the environment variable LEGACY_ASSISTANCE_DB is not set; set it to the value it stands for']));
  });

  it('an unreachable database', async () => {
    const mapping = base();
    mapping.source.database.database = 'postgres://reader@127.0.0.1:1/legacy';
    const file = write('unreachable', mapping);
    await expect(start(file)).rejects.toThrow(
      new RegExp(`^assistance-legacy: cannot reach its database postgres://reader@127\\.0\\.0\\.1:1/legacy schema public \\(source\\.database\\.database in ${file.replaceAll('.', '\\.')}\\): .*ECONNREFUSED`),
    );
  });
});
