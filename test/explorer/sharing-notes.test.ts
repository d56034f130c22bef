/**
 * What the explorer tells a caller about each item: the catalogue view's access per item (from the caller's
 * department and its agreements in force), and the sharing note GraphiQL's docs show for it.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { catalogueView } from '../../gateway/explorer/catalogueView.ts';
import { annotateIntrospection, sharingNote } from '../../gateway/explorer/client/annotateIntrospection.ts';
import { readSharingCatalogue, type Agreement, type Caller } from '../../sharing/index.ts';

const catalogue = readSharingCatalogue(parse(`
  type Person @key(fields: "idNumber") {
    idNumber: String! @share(level: UNCONDITIONAL, sensitive: true, provider: "public-security")
    name: String @share(level: UNCONDITIONAL, provider: "public-security")
    household: String @share(level: CONDITIONAL, reason: "Personal information", provider: "public-security")
    maritalStatus: String @share(level: CONDITIONAL, reason: "Marriage records", provider: "civil-affairs")
    diagnoses: [String] @share(level: NONE, reason: "Medical secrecy", provider: "health")
  }
`));
const tax: Caller = { application: 'tax-app', department: 'tax', roles: ['analyst'], anonymous: false };
const agreement: Agreement = {
  id: 'AGR-1', consumer: 'tax', provider: 'public-security', items: ['Person.household', 'Person.idNumber'], purpose: 'property-tax-assessment',
  legalBasis: 'law', validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2030-01-01T00:00:00.000Z', status: 'APPROVED',
};

describe('the catalogue as one caller sees it', () => {
  it('groups items by department and resource, with what the caller may do with each', () => {
    const item = (name: string, access: string, extra: object = {}) => ({ item: `Person.${name}`, field: name, access, key: false, sensitive: false, description: null, reason: null, agreements: [], ...extra });
    const held = [{ id: 'AGR-1', purpose: 'property-tax-assessment', validUntil: '2030-01-01T00:00:00.000Z' }];
    expect(catalogueView(catalogue, tax, [agreement])).toEqual({
      caller: { application: 'tax-app', department: 'tax', roles: ['analyst'] },
      departments: [
        { id: 'civil-affairs', resources: [{ type: 'Person', items: [item('maritalStatus', 'apply', { level: 'CONDITIONAL', reason: 'Marriage records' })] }] },
        { id: 'health', resources: [{ type: 'Person', items: [item('diagnoses', 'never', { level: 'NONE', reason: 'Medical secrecy' })] }] },
        {
          id: 'public-security',
          resources: [{
            type: 'Person',
            items: [
              item('idNumber', 'agreement', { level: 'UNCONDITIONAL', sensitive: true, key: true, agreements: held }),
              item('name', 'open', { level: 'UNCONDITIONAL' }),
              item('household', 'agreement', { level: 'CONDITIONAL', reason: 'Personal information', agreements: held }),
            ],
          }],
        },
      ],
    });
  });

  it('says a sensitive item is masked without an agreement, and that a department owns its own items', () => {
    const view = catalogueView(catalogue, { ...tax, department: 'public-security' }, []);
    const access = Object.fromEntries(view.departments.flatMap((d) => d.resources.flatMap((r) => r.items.map((i) => [i.item, i.access]))));
    expect(access).toEqual({ 'Person.maritalStatus': 'apply', 'Person.diagnoses': 'never', 'Person.idNumber': 'own', 'Person.name': 'own', 'Person.household': 'own' });
    expect(catalogueView(catalogue, tax, []).departments[2]!.resources[0]!.items[0]!.access).toBe('masked');
  });
});

describe('the sharing note in the docs', () => {
  it('names the level, the owner, the agreement held or whom to apply to, and the reason', () => {
    const view = catalogueView(catalogue, tax, [agreement]);
    const schema = { types: [{ name: 'Person', fields: [
      { name: 'household', description: 'Where the resident is registered.' },
      { name: 'maritalStatus', description: null },
      { name: 'name', description: 'The name.' },
      { name: 'age', description: 'Not catalogued.' },
    ] }] };
    annotateIntrospection(schema, view);
    expect(schema.types[0]!.fields.map((f) => f.description)).toEqual([
      'Where the resident is registered.\n\n**CONDITIONAL** · owner **public-security** · Agreement held: AGR-1 (property-tax-assessment); name its purpose in X-Purpose · reason: Personal information',
      '**CONDITIONAL** · owner **civil-affairs** · No agreement held: apply to civil-affairs for Person.maritalStatus · reason: Marriage records',
      'The name.\n\n**UNCONDITIONAL** · owner **public-security** · shared with every department',
      'Not catalogued.',
    ]);
    const idNumber = catalogueView(catalogue, tax, []).departments[2]!.resources[0]!.items[0]!;
    expect(sharingNote('public-security', idNumber)).toBe('**UNCONDITIONAL** (sensitive) · owner **public-security** · shown masked: no agreement grants it raw');
  });
});
