/// <reference lib="dom" /> // the pages' modules run in the browser
/**
 * What the explorer tells a caller about each item: the catalogue view's access per item (from the caller's
 * department and its agreements in force, and whether the item's resource is reachable at all), what a request
 * for a given purpose will get of it, and the sharing note GraphiQL's docs show for it, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { readPublishedCatalogue } from '../../platform/catalogue/index.ts';
import { catalogueView } from '../../gateway/explorer/catalogueView.ts';
import { annotateIntrospection, sharingLabel } from '../../gateway/explorer/client/annotateIntrospection.ts';
import { translator } from '../../gateway/explorer/client/i18n.ts';
import { itemStatus } from '../../gateway/explorer/client/itemStatus.ts';
import type { Agreement, Caller } from '../../sharing/index.ts';

const catalogue = readPublishedCatalogue(`
  type Query {
    person(idNumber: String!): Person @share(level: UNCONDITIONAL, provider: "public-security")
  }
  type Person @key(fields: "idNumber") {
    idNumber: String! @share(level: UNCONDITIONAL, sensitive: true, provider: "public-security")
    name: String @share(level: UNCONDITIONAL, provider: "public-security", cycle: ON_CHANGE)
    household: String @share(level: CONDITIONAL, reason: "Personal information", provider: "public-security")
    maritalStatus: String @share(level: CONDITIONAL, reason: "Marriage records", provider: "civil-affairs")
    marriageRecords: [MarriageRecord!] @share(level: CONDITIONAL, reason: "Marriage records", provider: "civil-affairs")
    diagnoses: [String] @share(level: NONE, reason: "Medical secrecy", provider: "health")
  }
  "One registration at a marriage registry."
  type MarriageRecord {
    kind: String! @share(level: UNCONDITIONAL, provider: "civil-affairs")
  }
`);
const tax: Caller = { application: 'tax-app', department: 'tax', roles: ['analyst'], anonymous: false };
const agreement: Agreement = {
  id: 'AGR-1', consumer: 'tax', provider: 'public-security', items: ['Person.household', 'Person.idNumber'], purpose: 'property-tax-assessment',
  legalBasis: 'law', validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2030-01-01T00:00:00.000Z', status: 'APPROVED',
};
const en = translator('en');
const itemsOf = (view: ReturnType<typeof catalogueView>) => new Map(view.departments.flatMap((d) => d.resources.flatMap((r) => r.items.map((i) => [i.item, i]))));

describe('the catalogue as one caller sees it', () => {
  it('groups items by department and resource, with titles, Chinese names and what the caller may do with each', () => {
    const view = catalogueView(catalogue, tax, [agreement]);
    expect(view.caller).toEqual({ application: 'tax-app', department: 'tax', roles: ['analyst'] });
    expect(view.departments.map(({ id, title, titleZh, platform, resources }) => [id, title, titleZh, platform, resources.map((r) => [r.type, r.nameZh])])).toEqual([
      ['civil-affairs', 'Civil Affairs', '民政局', false, [['Person', '自然人'], ['MarriageRecord', '婚姻登记记录']]],
      ['health', 'Health', '卫生健康委员会', false, [['Person', '自然人']]],
      ['public-security', 'Public Security', '公安局', false, [['Query', '查询入口'], ['Person', '自然人']]],
    ]);
    const held = [{ id: 'AGR-1', purpose: 'property-tax-assessment', validUntil: '2030-01-01T00:00:00.000Z' }];
    expect(itemsOf(view).get('Person.household')).toEqual({
      item: 'Person.household', field: 'household', nameZh: '户籍信息', level: 'CONDITIONAL', sensitive: false, key: false, type: 'String',
      description: null, reason: 'Personal information', cycle: null, access: 'agreement', agreements: held, through: [],
    });
    expect(itemsOf(view).get('Person.name')).toMatchObject({ access: 'open', cycle: 'ON_CHANGE', nameZh: '姓名' });
    expect(itemsOf(view).get('Person.idNumber')).toMatchObject({ access: 'agreement', sensitive: true, key: true });
    expect(itemsOf(view).get('Person.maritalStatus')).toMatchObject({ access: 'apply', agreements: [] });
    expect(itemsOf(view).get('Person.diagnoses')).toMatchObject({ access: 'never', reason: 'Medical secrecy' });
  });

  it('says an unconditional item reached only through a conditional one the caller lacks is not available as such', () => {
    expect(itemsOf(catalogueView(catalogue, tax, [])).get('MarriageRecord.kind')).toMatchObject({ access: 'through', through: ['Person.marriageRecords'] });
    // The provider reaches its own records.
    expect(itemsOf(catalogueView(catalogue, { ...tax, department: 'civil-affairs' }, [])).get('MarriageRecord.kind')).toMatchObject({ access: 'own', through: [] });
    // A department holding Person.marriageRecords reaches MarriageRecord.
    const records: Agreement = { ...agreement, id: 'AGR-2', provider: 'civil-affairs', items: ['Person.marriageRecords'], purpose: 'individual-income-tax-deduction' };
    expect(itemsOf(catalogueView(catalogue, tax, [records])).get('MarriageRecord.kind')).toMatchObject({ access: 'open', through: [] });
  });

  it('says a sensitive item is masked without an agreement, and that a department owns its own items', () => {
    const access = Object.fromEntries([...itemsOf(catalogueView(catalogue, { ...tax, department: 'public-security' }, []))].map(([item, view]) => [item, view.access]));
    expect(access).toEqual({
      'Person.maritalStatus': 'apply', 'Person.marriageRecords': 'apply', 'MarriageRecord.kind': 'through', 'Person.diagnoses': 'never',
      'Query.person': 'own', 'Person.idNumber': 'own', 'Person.name': 'own', 'Person.household': 'own',
    });
    expect(itemsOf(catalogueView(catalogue, tax, [])).get('Person.idNumber')!.access).toBe('masked');
  });
});

describe('what a request for a purpose gets of an item', () => {
  const items = itemsOf(catalogueView(catalogue, tax, [agreement]));
  const status = (item: string, purpose: string | null) => itemStatus(items.get(item)!, purpose);

  it('serves a held conditional item for its purpose or its agreement id, and withholds it otherwise, saying why', () => {
    expect(status('Person.household', 'property-tax-assessment')).toEqual({ state: 'served', why: 'agreement', agreementId: 'AGR-1' });
    expect(status('Person.household', 'AGR-1')).toEqual({ state: 'served', why: 'agreement', agreementId: 'AGR-1' });
    expect(status('Person.household', null)).toEqual({ state: 'withheld', why: 'no-purpose', purposes: ['property-tax-assessment'] });
    expect(status('Person.household', 'marriage-registration')).toEqual({ state: 'withheld', why: 'other-purpose', purposes: ['property-tax-assessment'] });
    expect(status('Person.maritalStatus', 'property-tax-assessment')).toEqual({ state: 'withheld', why: 'no-agreement' });
    expect(status('Person.diagnoses', 'property-tax-assessment')).toEqual({ state: 'withheld', why: 'never' });
  });

  it('masks a sensitive item unless the agreement granting it raw is the purpose named', () => {
    expect(status('Person.idNumber', 'property-tax-assessment')).toEqual({ state: 'served', why: 'agreement', agreementId: 'AGR-1' });
    expect(status('Person.idNumber', null)).toEqual({ state: 'masked' });
    expect(status('Person.name', null)).toEqual({ state: 'served', why: 'open' });
  });
});

describe('the sharing note in the docs', () => {
  it('ends the first paragraph with the level, owner and status for the purpose, and adds the agreements held and the reason', () => {
    const schema = { types: [{ name: 'Person', fields: [
      { name: 'household', description: 'Where the resident is registered.\n\nSee the household register.' },
      { name: 'maritalStatus', description: null },
      { name: 'name', description: 'The name.' },
      { name: 'age', description: 'Not catalogued.' },
    ] }] };
    annotateIntrospection(schema, catalogueView(catalogue, tax, [agreement]), 'property-tax-assessment', en);
    expect(schema.types[0]!.fields.map((f) => f.description)).toEqual([
      'Where the resident is registered.  \n**CONDITIONAL** · owner **public-security** · ✓ granted for this purpose by AGR-1\n\nSee the household register.\n\n' +
        'Agreements held: AGR-1 (property-tax-assessment) · reason: Personal information',
      '**CONDITIONAL** · owner **civil-affairs** · ⊘ withheld: no agreement held; apply to civil-affairs for Person.maritalStatus\n\nreason: Marriage records',
      'The name.  \n**UNCONDITIONAL** · owner **public-security** · ✓ shared with every department',
      'Not catalogued.',
    ]);
  });

  it('follows the purpose chosen, and the language', () => {
    const household = itemsOf(catalogueView(catalogue, tax, [agreement])).get('Person.household')!;
    expect(sharingLabel('public-security', household, null, en)).toBe(
      '**CONDITIONAL** · owner **public-security** · ⊘ withheld: no purpose named; your agreements cover property-tax-assessment',
    );
    expect(sharingLabel('public-security', household, 'marriage-registration', translator('zh-CN'))).toBe(
      '**CONDITIONAL** · 提供部门 **public-security** · ⊘ 本用途下不提供：所持协议的用途为 property-tax-assessment',
    );
    const idNumber = itemsOf(catalogueView(catalogue, tax, [])).get('Person.idNumber')!;
    expect(sharingLabel('public-security', idNumber, null, en)).toBe('**UNCONDITIONAL** (sensitive) · owner **public-security** · ◐ shown masked: no agreement for this purpose grants it raw');
  });
});
