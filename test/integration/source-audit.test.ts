/**
 * Whose data was served is recorded at the source: each department reports the entities it returned, and the
 * gateway builds its record from those reports, never from what the caller names its fields. Generated operations
 * (fast-check) dress the same selection in aliases onto key names, `__typename` aliased as a key, inline and named
 * fragments, and @skip/@include written with odd whitespace, literal or through variables; the oracle is the same
 * selection sent plainly with every entity's key selected: the keys in that answer are the subjects, and every
 * disguise of it must be recorded exactly as it was.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../platform/index.ts';
import { accessLogFile } from '../../subgraphs/kit/reporting/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
let federation: TestFederation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

// ---------------------------------------------------------------------------------------------------------------
// The selections: a small model of the graph, what an operation asks for independent of how it is written.

type TypeName = 'Person' | 'Enterprise' | 'RealEstate';
interface Selection {
  field: string;
  /** The type of the field's objects, for an object field. */
  of?: TypeName;
  children?: Selection[];
}

const KEY: Record<TypeName, string> = { Person: 'idNumber', Enterprise: 'creditCode', RealEstate: 'certificateNo' };
const LEAVES: Record<TypeName, string[]> = {
  Person: ['idNumber', 'name', 'gender', 'birthDate', 'maritalStatus'],
  Enterprise: ['creditCode', 'name', 'status', 'taxCreditRating'],
  RealEstate: ['certificateNo', 'address', 'area'],
};
const OBJECTS: Record<TypeName, { field: string; of: TypeName }[]> = {
  Person: [{ field: 'enterprises', of: 'Enterprise' }, { field: 'realEstates', of: 'RealEstate' }],
  Enterprise: [{ field: 'legalRepresentative', of: 'Person' }],
  RealEstate: [],
};

function selections(type: TypeName, depth: number): fc.Arbitrary<Selection[]> {
  const leaf = fc.constantFrom(...LEAVES[type]).map((field): Selection => ({ field }));
  const objects = depth === 0 ? [] : OBJECTS[type].map(({ field, of }) => selections(of, depth - 1).map((children): Selection => ({ field, of, children })));
  const one = objects.length > 0 ? fc.oneof({ arbitrary: leaf, weight: 3 }, ...objects) : leaf;
  // `__typename` alone is a selection too: the entity is still returned.
  return fc.uniqueArray(fc.oneof({ arbitrary: one, weight: 6 }, fc.constant<Selection>({ field: '__typename' })), { minLength: 1, maxLength: 4, selector: (s) => s.field });
}

type Root = { kind: 'person'; index: number; children: Selection[] } | { kind: 'enterprises'; first: number; children: Selection[] };

const roots: fc.Arbitrary<Root> = fc.oneof(
  fc.record({ kind: fc.constant('person' as const), index: fc.nat(TEST_POPULATION.people - 1), children: selections('Person', 2) }),
  fc.record({ kind: fc.constant('enterprises' as const), first: fc.integer({ min: 1, max: 4 }), children: selections('Enterprise', 2) }),
);

// ---------------------------------------------------------------------------------------------------------------
// How it is written: plainly with every key (the oracle), or disguised.

interface Written {
  query: string;
  variables: Record<string, unknown>;
}

function rootField(root: Root, body: string): string {
  return root.kind === 'person' ? `person(idNumber: $id) ${body}` : `enterprises(first: ${root.first}) { nodes ${body} }`;
}

function rootVariables(root: Root): Record<string, unknown> {
  return root.kind === 'person' ? { id: population.person(root.index).idNumber } : {};
}

/** The plain form, every entity's key selected: the keys in its answer are whose data it holds. */
function plainWithKeys(root: Root): Written {
  const print = (type: TypeName, list: Selection[]): string => {
    const fields = new Set<string>([KEY[type]]);
    const parts = [KEY[type]];
    for (const s of list) {
      if (s.field === '__typename' || fields.has(s.field)) continue;
      fields.add(s.field);
      parts.push(s.children ? `${s.field} ${print(s.of!, s.children)}` : s.field);
    }
    return `{ ${parts.join(' ')} }`;
  };
  const type: TypeName = root.kind === 'person' ? 'Person' : 'Enterprise';
  const declaration = root.kind === 'person' ? '($id: ResidentId!)' : '';
  return { query: `query Plain${declaration} { ${rootField(root, print(type, root.children))} }`, variables: rootVariables(root) };
}

/** How one field is disguised: an alias (often a key's name), a wrapper, a directive that keeps it. */
interface Disguise {
  alias: 'none' | 'key' | 'other';
  wrap: 'none' | 'inline' | 'named';
  directive: 'none' | 'include' | 'skip' | 'include-variable' | 'skip-variable';
  spacing: number;
}

const disguises: fc.Arbitrary<Disguise[]> = fc.array(
  fc.record({
    alias: fc.constantFrom('none', 'key', 'other'),
    wrap: fc.constantFrom('none', 'inline', 'named'),
    directive: fc.constantFrom('none', 'include', 'skip', 'include-variable', 'skip-variable'),
    spacing: fc.nat(3),
  }),
  { minLength: 40, maxLength: 40 },
);

function disguised(root: Root, plan: Disguise[]): Written {
  let next = 0;
  const fragments: string[] = [];
  const usedVariables = new Set<'yes' | 'no'>();
  const take = () => plan[next++ % plan.length]!;
  const space = (n: number) => [' ', '  ', '\n ', ' # a comment\n '][n]!;
  const print = (type: TypeName, list: Selection[]): string => {
    // Response keys stay unique in a selection set: the fields' own names are taken, and each alias once.
    const used = new Set<string>(list.map((s) => s.field));
    const parts = list.map((s, index) => {
      const d = take();
      const sp = space(d.spacing);
      // Aliases are unique in their selection set; a key's name goes to a field that is not that key.
      let alias = '';
      // Another entity's key name (its own is refused whole: the planner would answer it with the key, see below).
      const keyNames = Object.values(KEY).filter((key) => key !== s.field && key !== KEY[type] && !used.has(key));
      if (d.alias === 'key' && keyNames.length > 0) alias = keyNames[index % keyNames.length]!;
      if (d.alias === 'other') alias = `a${index}_${s.field.replace(/_/g, '')}`;
      if (alias) used.add(alias);
      const directive = {
        none: '',
        include: `${sp}@${sp}include${sp}(${sp}if${sp}:${sp}true${sp})`,
        skip: `${sp}@ skip(if:false)`,
        'include-variable': `${sp}@include(${sp}if: $yes)`,
        'skip-variable': `@skip (if:${sp}$no)`,
      }[d.directive];
      if (d.directive === 'include-variable') usedVariables.add('yes');
      if (d.directive === 'skip-variable') usedVariables.add('no');
      const field = `${alias ? `${alias}${sp}:${sp}` : ''}${s.field}${directive}${s.children ? ` ${print(s.of!, s.children)}` : ''}`;
      if (d.wrap === 'inline') return `...${sp}on ${type} { ${field} }`;
      if (d.wrap === 'named') {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${type} { ${field} }`);
        return `...${name}`;
      }
      return field;
    });
    return `{ ${parts.join(sp(next))} }`;
  };
  const sp = (n: number) => space(n % 4);
  const type: TypeName = root.kind === 'person' ? 'Person' : 'Enterprise';
  const body = print(type, root.children);
  const declarations = [
    ...(usedVariables.has('yes') ? ['$yes: Boolean = true'] : []),
    ...(usedVariables.has('no') ? ['$no: Boolean!'] : []),
    ...(root.kind === 'person' ? ['$id: ResidentId!'] : []),
  ];
  const query = `query Disguised${declarations.length > 0 ? `(${declarations.join(', ')})` : ''} { ${rootField(root, body)} }\n${fragments.join('\n')}`;
  return { query, variables: { ...rootVariables(root), ...(usedVariables.has('no') ? { no: false } : {}) } };
}

// ---------------------------------------------------------------------------------------------------------------

const CALLER = { department: 'human-resources', application: 'hr-enrolment', purpose: 'social-insurance-enrolment' } as const;

async function recordOf(written: Written): Promise<{ record: AuditRecord; body: any; status: number }> {
  const response = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await federation.as(CALLER)) },
    body: JSON.stringify(written),
  });
  const body = await response.json();
  const requestId = response.headers.get('x-request-id');
  const page = await federation.platform.audit.query({ consumer: CALLER.department }, { first: 5 });
  const record = page.records.find((r) => r.requestId === requestId);
  if (!record) throw new Error(`no record of request ${requestId}`);
  return { record, body, status: response.status };
}

/** Subjects per provider that reported any. */
function subjectsByProvider(record: AuditRecord): Record<string, string[]> {
  return Object.fromEntries(Object.entries(record.providers).filter(([, a]) => a.subjects.length > 0).map(([p, a]) => [p, a.subjects]));
}

/** The keys of every entity object in an answer written by `plainWithKeys`. */
function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const element of value) keysIn(element, into);
  else if (value && typeof value === 'object') {
    for (const [name, field] of Object.entries(value)) {
      if (Object.values(KEY).includes(name) && typeof field === 'string') into.add(field);
      else keysIn(field, into);
    }
  }
  return into;
}

describe('the record of whose data was served', () => {
  it('holds exactly the entities the departments returned, however the caller writes its selection', async () => {
    await fc.assert(
      fc.asyncProperty(roots, disguises, async (root, plan) => {
        const plain = await recordOf(plainWithKeys(root));
        expect(plain.status).toBe(200);
        // The oracle: the entities in the plain answer are the subjects, no more, no fewer.
        const recorded = new Set(Object.values(plain.record.providers).flatMap((a) => a.subjects));
        expect([...recorded].sort()).toEqual([...keysIn(plain.body.data)].sort());
        const written = disguised(root, plan);
        const disguisedAnswer = await recordOf(written);
        expect(disguisedAnswer.status, `${written.query}\n${JSON.stringify(disguisedAnswer.body)}`).toBe(200);
        const context = `${written.query}\n${JSON.stringify(written.variables)}\n${JSON.stringify(disguisedAnswer.body)}`;
        const failed = new Set<string>(
          (disguisedAnswer.body.errors ?? []).map((e: { extensions?: { serviceName?: string } }) => e.extensions?.serviceName).filter(Boolean),
        );
        if (failed.size === 0) {
          expect(subjectsByProvider(disguisedAnswer.record), context).toEqual(subjectsByProvider(plain.record));
        } else {
          // A department that failed returned nothing (@apollo/gateway's planner cannot plan some aliases onto the key
          // it needs for a join, plain or not): it has no subjects, and the others no more than the plain form's.
          const expected = subjectsByProvider(plain.record);
          for (const [provider, subjects] of Object.entries(subjectsByProvider(disguisedAnswer.record))) {
            expect(failed.has(provider), context).toBe(false);
            expect(expected[provider] ?? [], context).toEqual(expect.arrayContaining(subjects));
          }
        }
      }),
      { numRuns: 100, seed: 14_2026 },
    );
  }, 180_000);

  it('records the resident when another entity\'s key name is an alias of a field, and no fake subject from that alias', async () => {
    const person = population.person(3);
    const { record, body } = await recordOf({
      query: 'query($id: ResidentId!) { person(idNumber: $id) { creditCode: name certificateNo: __typename } }',
      variables: { id: person.idNumber },
    });
    expect(body).toEqual({ data: { person: { creditCode: person.name, certificateNo: 'Person' } } });
    expect(subjectsByProvider(record)).toEqual({ 'public-security': [person.idNumber] });
  });

  it('refuses a field aliased to its own entity\'s key: the planner would answer it with the raw key', async () => {
    // @apollo/gateway fetches the key under its name for its joins; `idNumber: birthDate` came back as the raw ID.
    const person = population.person(3);
    const { record, body, status } = await recordOf({
      query: 'query($id: ResidentId!) { person(idNumber: $id) { idNumber: birthDate realEstates { certificateNo } } }',
      variables: { id: person.idNumber },
    });
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'The alias "idNumber" on Person.birthDate (line 1, column 51) names the key of Person: federation fetches the key under that name to join entities, so the answer would be the key\'s value. Use another alias.',
            extensions: { code: 'ALIAS_SHADOWS_KEY', aliases: [{ alias: 'idNumber', item: 'Person.birthDate', location: { line: 1, column: 51 } }] },
          },
        ],
      },
    });
    expect({ outcome: record.outcome, providers: record.providers }).toEqual({ outcome: 'rejected', providers: {} });
  });
});

describe('bindings: a grant is good for one request, once', () => {
  async function captured() {
    const person = population.person(11);
    const grant = await federation.departments.grantTokenFor('public-security', { application: 'captured-app', department: 'tax' });
    const body = { query: 'query($id: ResidentId!) { person(idNumber: $id) { name } }', variables: { id: person.idNumber } };
    const first = await federation.departments.post('public-security', body, grant);
    return { person, grant, body, first };
  }

  /** What public security's own access log holds for a request id: kind, outcome and why. */
  function logged(requestId: string) {
    const db = new Database(accessLogFile(federation.departments.dataDir, 'public-security'), { readonly: true });
    try {
      const entries = db.prepare("SELECT entry FROM audit_records WHERE json_extract(entry, '$.requestId') = ? ORDER BY sequence").pluck().all(requestId) as string[];
      return entries.map((entry) => {
        const { kind, outcome, status, reason, application, department } = JSON.parse(entry) as AuditRecord;
        return { kind, outcome, status, reason, application, department };
      });
    } finally {
      db.close();
    }
  }

  it('answers the bound request and reports it', async () => {
    const { person, first } = await captured();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ data: { person: { name: person.name } } });
    expect(first.report?.report.subjects).toEqual([person.idNumber]);
    expect(logged(first.requestId)).toEqual([{ kind: 'department.access', outcome: 'ok', status: 200, reason: null, application: 'captured-app', department: 'tax' }]);
    expect(await federation.departments.accessLogs['public-security']!.verify()).toMatchObject({ ok: true });
  });

  it('refuses the same binding replayed, and records the attempt', async () => {
    const { grant, body, first } = await captured();
    const replay = await federation.departments.post('public-security', body, grant, { requestId: first.requestId, binding: first.binding!.header });
    expect(replay).toMatchObject({
      status: 401,
      body: { errors: [{ message: `Request binding ${first.binding!.id} was already used: a binding serves one request, once.`, extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(logged(first.requestId)).toEqual([
      { kind: 'department.access', outcome: 'ok', status: 200, reason: null, application: 'captured-app', department: 'tax' },
      {
        kind: 'department.refused', outcome: 'denied', status: 401, application: 'captured-app', department: 'tax',
        reason: `replayed: Request binding ${first.binding!.id} was already used: a binding serves one request, once.`,
      },
    ]);
  });

  it('refuses a captured binding on another body (another resident)', async () => {
    const { grant, first } = await captured();
    const other = { query: 'query($id: ResidentId!) { person(idNumber: $id) { name } }', variables: { id: population.person(12).idNumber } };
    const altered = await federation.departments.post('public-security', other, grant, { requestId: first.requestId, binding: first.binding!.header });
    expect(altered.status).toBe(401);
    expect(altered.body.errors[0].message).toBe('The request binding does not match this request: it was made for another operation, request or grant.');
  });

  it('refuses a captured binding under another request id', async () => {
    const { grant, body, first } = await captured();
    const moved = await federation.departments.post('public-security', body, grant, { requestId: 'another-request', binding: first.binding!.header });
    expect(moved.status).toBe(401);
  });

  it('refuses a grant presented without a binding', async () => {
    const { grant, body } = await captured();
    const unbound = await federation.departments.post('public-security', body, grant, { binding: false });
    expect(unbound).toMatchObject({
      status: 401,
      body: { errors: [{ message: 'No x-govgraph-binding header: every request must be bound to one gateway request and operation.' }] },
    });
  });

  it('refuses a grant without a confirmation key', async () => {
    const person = population.person(11);
    const { signGrant } = await import('../harness/departments.ts');
    const unconfirmed = await signGrant(federation.departments.grantKey, 'public-security', { application: 'old-gateway', department: 'tax' }, {}, null);
    const response = await postGraphQL(
      federation.departments.byId('public-security').url,
      { query: 'query($id: ResidentId!) { person(idNumber: $id) { name } }', variables: { id: person.idNumber } },
      { authorization: `Bearer ${unconfirmed}`, 'x-request-id': 'r-1', 'x-govgraph-binding': 'v1.AAAAAAAAAAAAAAAAAAAAAA.9999999999.x' },
    );
    expect(response.status).toBe(401);
    expect(response.body.errors[0].message).toBe('The grant carries no confirmation key (cnf): grants must come from a gateway that binds each request.');
  });
});
