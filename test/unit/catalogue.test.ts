/**
 * The published catalogue, derived from the committed supergraph: entries with owner, level, reason, cycle and
 * version; queries by department, level and text; the CSV and JSON exports; versions that follow content; the
 * file kept in step (re-read on change, the old one kept when the new one is broken); the `npm run catalog` command.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  catalogueCsv,
  catalogueJson,
  CSV_COLUMNS,
  openStoreSupergraphCatalogue,
  openSupergraphCatalogue,
  readPublishedCatalogue,
  selectCatalogue,
} from '../../platform/catalogue/index.ts';
import { openPlatformStore } from '../../platform/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';

const root = resolve(import.meta.dirname, '../..');
const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const catalogue = readPublishedCatalogue(supergraph);
const dir = mkdtempSync(join(tmpdir(), 'govgraph-catalogue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TAX_ARREARS_REASON =
  "Tax authorities must keep taxpayers' information confidential (Tax Collection Administration Law art. 8); only the periodic " +
  'announcement of arrears (art. 45) is public: itemized arrears are conditional sharing under the Regulations on Government Data Sharing.';

describe('the published catalogue', () => {
  it('lists every item with owner, level, sensitivity, type, cycle, description, reason and its owner\'s version', () => {
    const item = (name: string) => catalogue.items.find((entry) => entry.item === name);
    const taxVersion = catalogue.departments.find((d) => d.id === 'tax')!.version;
    expect(item('Enterprise.taxArrears')).toEqual({
      item: 'Enterprise.taxArrears', resource: 'Enterprise', field: 'taxArrears', owner: 'tax', level: 'CONDITIONAL', sensitive: false, key: false,
      type: '[TaxArrear!]', cycle: 'MONTHLY', version: taxVersion,
      description: 'Taxes declared but not paid by their deadline, oldest first; empty when none are outstanding.',
      reason: TAX_ARREARS_REASON,
    });
    expect(item('Person.idNumber')).toMatchObject({ owner: 'public-security', level: 'UNCONDITIONAL', sensitive: true, key: true, type: 'ResidentId!', cycle: 'ON_CHANGE' });
    expect(item('Person.diagnoses')).toMatchObject({ owner: 'health', level: 'NONE', reason: expect.stringContaining('Personal Information Protection Law art. 28') });
    expect(taxVersion).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it('gives each resource its owner (the provider of its key), description and providers', () => {
    const person = catalogue.resources.find((r) => r.name === 'Person')!;
    expect({ ...person, items: person.items.length }).toEqual({
      name: 'Person', owner: 'public-security', description: expect.any(String),
      providers: ['civil-affairs', 'health', 'human-resources', 'market-regulation', 'natural-resources', 'public-security'],
      items: person.items.length,
    });
    expect(person.items.map((i) => i.item)).toContain('Person.maritalStatus');
    expect(catalogue.resources.find((r) => r.name === 'TaxArrear')).toMatchObject({ owner: 'tax', providers: ['tax'] });
    expect(catalogue.resources.find((r) => r.name === 'Query')).toMatchObject({ owner: null });
  });

  it('lists every department that provides items, with its version and item count', () => {
    expect(catalogue.departments.map((d) => d.id)).toEqual([
      'civil-affairs', 'health', 'human-resources', 'market-regulation', 'natural-resources', 'platform', 'public-security', 'tax',
    ]);
    for (const department of catalogue.departments) {
      expect(department.items).toBe(catalogue.items.filter((item) => item.owner === department.id).length);
    }
  });

  it('changes one department\'s version when one of its items changes, and no other', () => {
    const changed = readPublishedCatalogue(supergraph.replace('Amount outstanding, in yuan.', 'Amount outstanding, in yuan (CNY).'));
    const versions = (c: typeof catalogue) => Object.fromEntries(c.departments.map((d) => [d.id, d.version]));
    const before = versions(catalogue);
    const after = versions(changed);
    expect(after.tax).not.toBe(before.tax);
    expect({ ...after, tax: null }).toEqual({ ...before, tax: null });
    expect(readPublishedCatalogue(supergraph).departments).toEqual(catalogue.departments);
  });

  it('takes versions from an injected versionOf, falling back to the content hash where it has none', () => {
    const published = readPublishedCatalogue(supergraph, { versionOf: (department) => (department === 'tax' ? 'v3' : null) });
    expect(published.departments.find((d) => d.id === 'tax')!.version).toBe('v3');
    expect(published.items.find((i) => i.item === 'Enterprise.taxArrears')!.version).toBe('v3');
    expect(published.departments.find((d) => d.id === 'health')!.version).toBe(catalogue.departments.find((d) => d.id === 'health')!.version);
  });
});

describe('catalogue queries', () => {
  it('selects by department, by level and by both', () => {
    const tax = selectCatalogue(catalogue, { department: 'tax' });
    expect(tax.items.map((i) => i.item)).toEqual([
      'Enterprise.taxCreditRating', 'Enterprise.taxArrears', 'TaxArrear.taxType', 'TaxArrear.amount', 'TaxArrear.periodEnd', 'TaxArrear.since',
    ]);
    expect(tax.resources.map((r) => [r.name, r.items.length])).toEqual([['Enterprise', 2], ['TaxArrear', 4]]);
    expect(selectCatalogue(catalogue, { department: 'tax', level: 'CONDITIONAL' }).items.map((i) => i.item)).toEqual(['Enterprise.taxArrears']);
    const none = selectCatalogue(catalogue, { level: 'NONE' }).items;
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((i) => i.level === 'NONE' && i.reason)).toBe(true);
    expect(selectCatalogue(catalogue, { department: 'nobody' })).toEqual({ resources: [], items: [] });
  });

  it('searches names, descriptions and reasons, case-insensitively, every word', () => {
    expect(selectCatalogue(catalogue, { search: 'MARITAL' }).items.map((i) => i.item)).toEqual(['Person.maritalStatus']);
    expect(selectCatalogue(catalogue, { search: 'arrear YUAN' }).items.map((i) => i.item)).toEqual(['TaxArrear.amount']);
    // A resource's description matches its items: every item of TaxArrear mentions neither word itself.
    expect(selectCatalogue(catalogue, { search: '欠税' }).items.map((i) => i.item)).toEqual(['TaxArrear.taxType', 'TaxArrear.amount', 'TaxArrear.periodEnd', 'TaxArrear.since']);
    expect(selectCatalogue(catalogue, { search: 'no such words anywhere' }).items).toEqual([]);
  });
});

describe('exports', () => {
  it('writes CSV with one row per item, quoted where needed, CRLF line ends', () => {
    const csv = catalogueCsv(selectCatalogue(catalogue, { department: 'tax', level: 'CONDITIONAL' }));
    const version = catalogue.departments.find((d) => d.id === 'tax')!.version;
    expect(csv).toBe(
      `${CSV_COLUMNS.join(',')}\r\n` +
        `Enterprise.taxArrears,Enterprise,taxArrears,tax,CONDITIONAL,false,false,[TaxArrear!],MONTHLY,${version},` +
        `"Taxes declared but not paid by their deadline, oldest first; empty when none are outstanding.",${TAX_ARREARS_REASON}\r\n`,
    );
  });

  it('quotes embedded quotes and line breaks, and defuses spreadsheet formulas', () => {
    const tricky = readPublishedCatalogue(`
      directive @share(level: String, reason: String, provider: String) on FIELD_DEFINITION
      type Thing { "=HYPERLINK(\\"x\\")" a: String @share(level: UNCONDITIONAL, provider: "d")
        """
        two
        lines, "quoted"
        """
        b: String @share(level: UNCONDITIONAL, provider: "d") }`.replace(/level: UNCONDITIONAL/g, 'level: UNCONDITIONAL'));
    const rows = catalogueCsv(selectCatalogue(tricky)).split('\r\n');
    expect(rows[1]).toBe(`Thing.a,Thing,a,d,UNCONDITIONAL,false,false,String,,${tricky.departments[0]!.version},"'=HYPERLINK(""x"")",`);
    expect(rows[2]).toBe(`Thing.b,Thing,b,d,UNCONDITIONAL,false,false,String,,${tricky.departments[0]!.version},"two\nlines, ""quoted""",`);
  });

  it('writes JSON with the departments listed and their resources and items', () => {
    const json = JSON.parse(catalogueJson(selectCatalogue(catalogue, { department: 'tax' }), catalogue.departments, { supergraph: 'supergraph.graphql' }));
    expect(json.supergraph).toBe('supergraph.graphql');
    expect(json.departments).toEqual([catalogue.departments.find((d) => d.id === 'tax')]);
    expect(json.resources.map((r: any) => r.name)).toEqual(['Enterprise', 'TaxArrear']);
    expect(json.resources[1].items[0]).toEqual(catalogue.items.find((i) => i.item === 'TaxArrear.taxType'));
  });
});

describe('kept in step with the supergraph file', () => {
  it('re-reads the file when it changes, and keeps the last good catalogue when the new file is broken', () => {
    const file = join(dir, 'supergraph.graphql');
    writeFileSync(file, supergraph);
    const errors: string[] = [];
    const source = openSupergraphCatalogue({ file, onReloadError: (error) => errors.push(error.message) });
    expect(source.current().items).toHaveLength(catalogue.items.length);

    const replace = (text: string) => {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    };
    replace(supergraph.replace('Amount outstanding, in yuan.', 'Amount outstanding, in yuan (CNY).'));
    expect(source.current().items.find((i) => i.item === 'TaxArrear.amount')!.description).toBe('Amount outstanding, in yuan (CNY).');

    replace('type Broken {');
    expect(source.current().items.find((i) => i.item === 'TaxArrear.amount')!.description).toBe('Amount outstanding, in yuan (CNY).');
    expect(source.current().items).toHaveLength(catalogue.items.length);
    expect(errors).toEqual([expect.stringMatching(/^Cannot read the catalogue from the supergraph .*supergraph\.graphql: Syntax Error/)]);
  });

  it('asks versionOf on each use, so a version published after the file was read shows at once', () => {
    const file = join(dir, 'versioned.graphql');
    writeFileSync(file, supergraph);
    const published = new Map<string, string>();
    const source = openSupergraphCatalogue({ file, versionOf: (department) => published.get(department) ?? null });
    const first = source.current();
    expect(first.departments.find((d) => d.id === 'tax')!.version).toBe(catalogue.departments.find((d) => d.id === 'tax')!.version);
    expect(source.current()).toBe(first);
    published.set('tax', 'v2');
    const second = source.current();
    expect(second.departments.find((d) => d.id === 'tax')!.version).toBe('v2');
    expect(second.items.filter((i) => i.owner === 'tax').map((i) => i.version)).toEqual(Array(6).fill('v2'));
    expect(second.resources.find((r) => r.name === 'TaxArrear')!.items.every((i) => i.version === 'v2')).toBe(true);
    expect(second.departments.find((d) => d.id === 'health')).toEqual(catalogue.departments.find((d) => d.id === 'health'));
    expect(source.current()).toBe(second);
  });

  it('follows the supergraph published to the platform store, the fallback file until one is', async () => {
    const store = await openPlatformStore({ file: join(dir, 'published.sqlite') });
    try {
      const errors: string[] = [];
      const source = await openStoreSupergraphCatalogue({ store: store.schemaVersions, fallbackFile: SUPERGRAPH_FILE, refreshMs: 0, onReloadError: (e) => errors.push(e.message) });
      const amount = () => source.current().items.find((i) => i.item === 'TaxArrear.amount')!.description;
      expect(amount()).toBe('Amount outstanding, in yuan.');
      const publish = (supergraphSdl: string) => store.schemaVersions.record({
        department: 'tax', sdl: 'type Query { a: String }', url: 'http://127.0.0.1:4005/graphql', supergraphSdl, actor: 'test', reason: null, changes: [], rollbackOf: null,
      });
      await publish(supergraph.replace('Amount outstanding, in yuan.', 'Amount outstanding, in yuan (published).'));
      expect(amount()).toBe('Amount outstanding, in yuan.');
      await source.refresh();
      expect(amount()).toBe('Amount outstanding, in yuan (published).');
      await publish('type Broken {');
      await expect(source.refresh()).rejects.toThrow(/^Cannot read the catalogue from the supergraph tax v2 published: Syntax Error/);
      expect(amount()).toBe('Amount outstanding, in yuan (published).');
      source.close();
    } finally {
      await store.close();
    }
  });

  it('refuses to start on a missing file, naming it', () => {
    expect(() => openSupergraphCatalogue({ file: join(dir, 'missing.graphql') })).toThrow(/missing\.graphql/);
  });
});

describe('npm run catalog', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'bin/catalog.ts'), ...args], { cwd: root }).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (failed) => ({ code: failed.code as number, stdout: failed.stdout as string, stderr: failed.stderr as string }),
    );

  // Three commands in parallel; each starts Node with tsx (seconds on a busy machine), hence the long timeout.
  it('prints the CSV and JSON exports, filtered, and refuses a bad flag naming it', async () => {
    const [csv, json, badFormat] = await Promise.all([
      run(['--format', 'csv', '--department', 'tax', '--level', 'CONDITIONAL']),
      run(['--format', 'json', '--supergraph', SUPERGRAPH_FILE, '--level', 'NONE']),
      run(['--format', 'xml']),
    ]);
    expect(csv).toEqual({ code: 0, stdout: `\uFEFF${catalogueCsv(selectCatalogue(catalogue, { department: 'tax', level: 'CONDITIONAL' }))}`, stderr: '' });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(catalogueJson(selectCatalogue(catalogue, { level: 'NONE' }), catalogue.departments, { supergraph: SUPERGRAPH_FILE }));
    expect(badFormat).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--format must be csv or json; got "xml".') });
  }, 120_000);
});
