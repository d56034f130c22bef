/**
 * The sharing rules against a hostile application: generated operations over the API schema (fast-check, seeded),
 * written every way GraphQL allows: aliases (key names among them), inline, named and nested fragments,
 * @skip/@include that keep or drop a field, written with odd whitespace and comments, literal or through variables
 * (sent twice with other values, so a decision cached for one is never served for the other), strict mode, batches
 * and persisted documents. The oracle is independent of the gateway: the catalogue's levels and the demo agreements
 * decide each item as the sharing rules of the catalogue say, and the response and the audit record must agree with it:
 * - no denied item's value appears: it is null, with an UNAUTHORIZED_FIELD_OR_TYPE error at its path;
 * - a masked resident ID is never a resident's ID, nor rebuilt by filling its hidden digits with the birth date
 *   served beside it, nor shares its region with the real one;
 * - the audit record lists exactly the items served (and masked), and denies exactly the items denied.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustedDocumentStore } from '../../gateway/trusted/index.ts';
import { PlatformTrustedDocuments } from '../../gateway/trusted/index.ts';
import { DEMO_AGREEMENTS, type AuditRecord } from '../../platform/index.ts';
import { connectSqlite } from '../../platform/store/sqlite.ts';
import { sqliteDb } from '../../platform/store/sqliteDb.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { readSharingCatalogue } from '../../sharing/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

const population = createPopulation(TEST_POPULATION);
const api = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
const catalogue = readSharingCatalogue(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')));
const residentIds = new Set(Array.from({ length: TEST_POPULATION.people }, (_, i) => population.person(i).idNumber));

let federation: TestFederation;
let db: Database.Database;
let trusted: PlatformTrustedDocuments;
const lateStore: TrustedDocumentStore = {
  find: (a, h) => trusted.find(a, h),
  register: (d, by) => trusted.register(d, by),
  list: (a) => trusted.list(a),
  documents: (a) => trusted.documents(a),
  remove: (a, h) => trusted.remove(a, h),
};
beforeAll(async () => {
  federation = await startFederation({
    applicationPolicy: { applications: { 'batching-app': { limits: { maxBatchOperations: 3 } } } },
    trustedDocuments: lateStore,
  });
  db = connectSqlite({ file: join(federation.departments.dataDir, 'platform.sqlite') });
  trusted = new PlatformTrustedDocuments(sqliteDb(db));
});
afterAll(async () => {
  db?.close();
  await federation?.stop();
});

// ---------------------------------------------------------------------------------------------------------------
// The oracle: the sharing rules over the catalogue and the demo agreements.

type Verdict = 'raw' | 'masked' | 'denied';
const NOW = Date.now();
const inForce = DEMO_AGREEMENTS.filter(({ agreement, then }) =>
  (agreement.status ?? 'PENDING') === 'APPROVED' && !then && Date.parse(agreement.validFrom) <= NOW && NOW < Date.parse(agreement.validUntil),
).map(({ agreement }) => agreement);

function verdict(department: string, purpose: string | null, type: string, field: string): Verdict {
  const item = `${type}.${field}`;
  const policy = catalogue.policy(type, field);
  const isKey = catalogue.keys.get(type)?.has(field) ?? false;
  if (!policy) return isKey ? 'raw' : 'denied';
  if (policy.provider === department) return 'raw';
  if (policy.level === 'NONE') return 'denied';
  const granted = inForce.some((a) => a.consumer === department && a.provider === policy.provider && a.items.includes(item) && purpose !== null && (purpose === a.purpose || purpose === a.id));
  if (policy.level === 'UNCONDITIONAL') return policy.sensitive && !granted ? 'masked' : 'raw';
  return granted ? 'raw' : 'denied';
}

// ---------------------------------------------------------------------------------------------------------------
// Generated selections over the API schema.

interface Node {
  field: string;
  /** Kept by its directive (false: @skip(if: true) or @include(if: false) drops it). */
  kept: boolean;
  /** The variable the directive reads, when it reads one; its value decides `kept` per send. */
  variable: string | null;
  alias: string | null;
  wrap: 'none' | 'inline' | 'named';
  directiveText: string;
  children: Node[] | null;
  type: GraphQLObjectType | null;
}

/** Fields a selection may pick: no required arguments; denial must never null a parent (nullable unless UNCONDITIONAL). */
function selectable(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((field) => {
    if (field.args.some((a) => isNonNullType(a.type))) return false;
    const level = catalogue.policy(type.name, field.name)?.level;
    return !isNonNullType(field.type) || level === 'UNCONDITIONAL' || catalogue.keys.get(type.name)?.has(field.name);
  });
}

const blanks = fc.constantFrom(' ', '  ', '\n', '\t', ', ', ' # hostile comment\n ');

function nodes(type: GraphQLObjectType, depth: number): fc.Arbitrary<Node[]> {
  const fields = selectable(type);
  const one = fc.record({
    field: fc.constantFrom(...fields.map((f) => f.name)),
    aliasKind: fc.constantFrom('none', 'none', 'key', 'other'),
    wrap: fc.constantFrom('none', 'none', 'inline', 'named'),
    directive: fc.constantFrom('none', 'none', 'include-true', 'skip-false', 'skip-true', 'include-false', 'include-variable', 'skip-variable'),
    b: fc.array(blanks, { minLength: 6, maxLength: 6 }),
  });
  return fc.uniqueArray(one, { minLength: 1, maxLength: 5, selector: (n) => n.field }).chain((picked) =>
    fc.tuple(
      ...picked.map((p) => {
        const definition = type.getFields()[p.field]!;
        const named = getNamedType(definition.type);
        const childType = isObjectType(named) ? named : null;
        const children = childType && depth > 0 && selectable(childType).length > 0 ? nodes(childType, depth - 1) : fc.constant(null);
        return children.map((kids): Node | null => {
          if (childType && !kids) return null; // an object field needs a selection: drop it at the depth limit
          const [b0, b1, b2, b3, b4, b5] = p.b as [string, string, string, string, string, string];
          const variable = p.directive.endsWith('variable') ? `v_${p.field}` : null;
          const directiveText = {
            none: '',
            'include-true': `${b0}@${b1}include${b2}(${b3}if${b4}:${b5}true)`,
            'skip-false': `${b0}@skip(if:${b1}false)`,
            'skip-true': `${b0}@ skip ( if : true )`,
            'include-false': `@include(${b2}if: false${b3})`,
            'include-variable': `${b0}@${b1}include(if:${b2}$${variable})`,
            'skip-variable': `@skip${b3}(if: $${variable})`,
          }[p.directive as string]!;
          const kept = !['skip-true', 'include-false'].includes(p.directive as string);
          return { field: p.field, kept, variable, alias: p.aliasKind === 'none' ? null : (p.aliasKind as string), wrap: p.wrap as Node['wrap'], directiveText, children: kids, type: childType };
        });
      }),
    ).map((list) => list.filter((n): n is Node => n !== null)),
  ).filter((list) => list.length > 0);
}

type Root = { kind: 'person'; index: number } | { kind: 'enterprise'; index: number } | { kind: 'enterprises'; first: number };

const rootsArbitrary: fc.Arbitrary<{ root: Root; selection: Node[] }> = fc.oneof(
  fc.record({ root: fc.record({ kind: fc.constant('person' as const), index: fc.nat(TEST_POPULATION.people - 1) }), selection: nodes(api.getType('Person') as GraphQLObjectType, 2) }),
  fc.record({ root: fc.record({ kind: fc.constant('enterprise' as const), index: fc.nat(TEST_POPULATION.enterprises - 1) }), selection: nodes(api.getType('Enterprise') as GraphQLObjectType, 2) }),
  fc.record({ root: fc.record({ kind: fc.constant('enterprises' as const), first: fc.integer({ min: 1, max: 3 }) }), selection: nodes(api.getType('Enterprise') as GraphQLObjectType, 1) }),
);

const KEY_NAMES = ['idNumber', 'creditCode', 'certificateNo', 'name'];

/** The document as the hostile application writes it, and the response key of each node. */
function write(root: Root, selection: Node[]): { query: string; keys: Map<Node, string>; variables: Set<string> } {
  const fragments: string[] = [];
  const keys = new Map<Node, string>();
  const variables = new Set<string>();
  const print = (type: GraphQLObjectType, list: Node[]): string => {
    const taken = new Set(list.map((n) => n.field));
    const parts = list.map((n, i) => {
      let alias = '';
      if (n.alias === 'key') alias = KEY_NAMES.find((k) => !taken.has(k) && k !== n.field) ?? '';
      if (n.alias === 'other') alias = `x${i}_${n.field}`;
      if (alias) taken.add(alias);
      keys.set(n, alias || n.field);
      if (n.variable) variables.add(n.variable);
      const field = `${alias ? `${alias} :` : ''}${n.field}${n.directiveText}${n.children ? ` ${print(n.type!, n.children)}` : ''}`;
      if (n.wrap === 'inline') return `... on ${type.name} { ${field} }`;
      if (n.wrap === 'named') {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${type.name} { ${field} }`);
        return `...${name}`;
      }
      return field;
    });
    return `{ ${parts.join(' ')} }`;
  };
  const rootType = root.kind === 'person' ? 'Person' : 'Enterprise';
  const body = print(api.getType(rootType) as GraphQLObjectType, selection);
  const rootField =
    root.kind === 'person'
      ? `person(idNumber: $id) ${body}`
      : root.kind === 'enterprise'
        ? `enterprise(creditCode: $code) ${body}`
        : `enterprises(first: ${root.first}) { nodes ${body} }`;
  const declarations = [
    ...(root.kind === 'person' ? ['$id: ResidentId!'] : root.kind === 'enterprise' ? ['$code: CreditCode!'] : []),
    ...[...variables].map((v) => `$${v}: Boolean!`),
  ];
  return { query: `query Hostile${declarations.length ? `(${declarations.join(', ')})` : ''} { ${rootField} }\n${fragments.join('\n')}`, keys, variables };
}

// ---------------------------------------------------------------------------------------------------------------
// The checks.

interface Expected {
  /** Items that may be recorded as served, or not (see `check`). */
  optional: Set<string>;
  served: Set<string>;
  masked: Set<string>;
  denied: Set<string>;
  deniedPaths: string[];
}

/** Walks the answer along the selection: every check of the oracle, and what the record must hold. */
function check(answer: any, root: Root, selection: Node[], keys: Map<Node, string>, values: Record<string, boolean>, caller: Caller, context: string): Expected {
  const expected: Expected = { optional: new Set(), served: new Set(), masked: new Set(), denied: new Set(), deniedPaths: [] };
  const kept = (n: Node) => (n.variable ? (n.directiveText.includes('skip') ? !values[n.variable] : values[n.variable]!) : n.kept);
  // Decisions reach every kept field below allowed ones, whatever the data (the gateway decides before fetching).
  const decide = (type: GraphQLObjectType, list: Node[]) => {
    for (const n of list) {
      if (!kept(n)) continue;
      const v = verdict(caller.department, caller.purpose, type.name, n.field);
      if (v === 'denied') expected.denied.add(`${type.name}.${n.field}`);
      else if (n.children) decide(n.type!, n.children);
    }
  };
  const walk = (type: GraphQLObjectType, list: Node[], object: any, path: (string | number)[]) => {
    for (const n of list) {
      const key = keys.get(n)!;
      if (!kept(n)) {
        expect(key in object, `${context}\n${key} was dropped by its directive but answered`).toBe(false);
        continue;
      }
      const item = `${type.name}.${n.field}`;
      const v = verdict(caller.department, caller.purpose, type.name, n.field);
      const value = object[key];
      if (v === 'denied') {
        expect(value, `${context}\n${path.join('.')}.${key} (${item}) is denied but answered`).toBeNull();
        expected.deniedPaths.push([...path, key].join('.'));
        continue;
      }
      // An object field none of whose own selections is kept may not be fetched at all (the planner answers it
      // null itself) or come along with its parent's fetch: it may be recorded, or not.
      if (n.children && !n.children.some(kept)) {
        expected.optional.add(item);
        continue;
      }
      expected.served.add(item);
      if (v === 'masked') {
        expected.masked.add(item);
        expectUnrebuildable(value, object, context);
      }
      if (n.children && value !== null && value !== undefined) {
        const elements: [unknown, (string | number)[]][] = Array.isArray(value) ? value.map((element, i) => [element, [...path, key, i]]) : [[value, [...path, key]]];
        for (const [element, at] of elements) if (element !== null) walk(n.type!, n.children, element, at);
      }
    }
  };
  const data = answer.data;
  const rootType = api.getType(root.kind === 'person' ? 'Person' : 'Enterprise') as GraphQLObjectType;
  decide(rootType, selection);
  const rootKey = root.kind === 'person' ? 'person' : root.kind === 'enterprise' ? 'enterprise' : 'enterprises';
  expected.served.add(root.kind === 'person' ? 'Query.person' : root.kind === 'enterprise' ? 'Query.enterprise' : 'Query.enterprises');
  if (root.kind === 'enterprises') {
    expected.served.add('EnterpriseConnection.nodes');
    for (const [i, node] of (data.enterprises.nodes as unknown[]).entries()) walk(rootType, selection, node, ['enterprises', 'nodes', i]);
  } else {
    expect(data?.[rootKey], `${context}\nthe ${rootKey} asked for is null`).toBeTruthy();
    walk(rootType, selection, data[rootKey], [rootKey]);
  }
  const errorPaths = new Set((answer.errors ?? []).filter((e: any) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE').map((e: any) => e.path.join('.')));
  for (const path of expected.deniedPaths) expect(errorPaths.has(path), `${context}\nno denial error at ${path}`).toBe(true);
  return expected;
}

/**
 * Whether any field of the document is aliased to its entity's key name, kept or skipped: federation would answer
 * it with the key's value (`idNumber: birthDate` with a raw ID), so the gateway refuses the operation (400).
 */
function shadowsKey(root: Root, selection: Node[], keys: Map<Node, string>, _values?: unknown, _caller?: unknown): boolean {
  const walk = (type: GraphQLObjectType, list: Node[]): boolean =>
    list.some((n) => {
      const key = keys.get(n)!;
      if (key !== n.field && catalogue.keys.get(type.name)?.has(key)) return true;
      return n.children !== null && walk(n.type!, n.children);
    });
  return walk(api.getType(root.kind === 'person' ? 'Person' : 'Enterprise') as GraphQLObjectType, selection);
}

/** The refusal of a shadowing alias, and its record: rejected, nothing served or denied. */
async function expectShadowRefused(answer: { status: number; body: any; requestId: string | null }, department: string, context: string) {
  expect(answer.status, context).toBe(400);
  expect(answer.body.errors?.[0]?.extensions?.code, context).toBe('ALIAS_SHADOWS_KEY');
  const [record] = await recordOf(answer.requestId, department);
  expect(record ? { outcome: record.outcome, providers: record.providers } : null, context).toEqual({ outcome: 'rejected', providers: {} });
}

/** A masked resident ID: not any resident's ID, not rebuilt from the birth date beside it, not the real region. */
function expectUnrebuildable(value: unknown, object: Record<string, unknown>, context: string) {
  if (value === null) return;
  expect(value, context).toMatch(/^\d{6}\*{8}\d{4}$/);
  const shown = value as string;
  expect(residentIds.has(shown), context).toBe(false);
  for (const id of residentIds) {
    if (shown.slice(0, 6) !== id.slice(0, 6) || shown.slice(14) !== id.slice(14)) continue;
    // The old mask kept region and check digits: with the birth date served beside it, the ID was rebuilt.
    throw new Error(`${context}\nmasked ${shown} keeps the region and last digits of resident ${id}`);
  }
  if (typeof object.birthDate === 'string') {
    const rebuilt = shown.slice(0, 6) + (object.birthDate as string).replace(/-/g, '') + shown.slice(14);
    expect(residentIds.has(rebuilt), `${context}\n${rebuilt} rebuilt from ${shown} and the birth date`).toBe(false);
  }
}

interface Caller {
  department: string;
  purpose: string | null;
  application: string;
}
const callers: fc.Arbitrary<Caller> = fc.constantFrom(
  { department: 'tax', purpose: 'property-tax-assessment', application: 'tax-hostile' },
  { department: 'tax', purpose: 'individual-income-tax-deduction', application: 'tax-hostile' },
  { department: 'tax', purpose: null, application: 'tax-hostile' },
  { department: 'human-resources', purpose: 'social-insurance-enrolment', application: 'hr-hostile' },
  { department: 'civil-affairs', purpose: 'marriage-registration', application: 'ca-hostile' },
  { department: 'market-regulation', purpose: 'business-registration', application: 'mr-hostile' },
  { department: 'natural-resources', purpose: 'AGR-2025-0009', application: 'nr-hostile' },
  { department: 'health', purpose: 'foo', application: 'health-hostile' },
);

function rootVariables(root: Root): Record<string, unknown> {
  if (root.kind === 'person') return { id: population.person(root.index).idNumber };
  if (root.kind === 'enterprise') return { code: population.enterprise(root.index).creditCode };
  return {};
}

async function post(caller: Caller, body: unknown, extra: Record<string, string> = {}, application = caller.application) {
  const headers = await federation.as({ department: caller.department, application, ...(caller.purpose ? { purpose: caller.purpose } : {}) });
  const response = await fetch(federation.gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
}

async function recordOf(requestId: string | null, department: string): Promise<AuditRecord[]> {
  const page = await federation.platform.audit.query({ consumer: department }, { first: 10 });
  return page.records.filter((r) => r.requestId === requestId);
}

function expectRecord(record: AuditRecord, expected: Expected, context: string) {
  const union = (list: 'served' | 'masked' | 'denied') => [...new Set(Object.values(record.providers).flatMap((a) => a[list]))].sort();
  const required = (list: string[]) => list.filter((item) => !expected.optional.has(item) || expected.served.has(item));
  expect({ served: required(union('served')), masked: union('masked'), denied: union('denied') }, context).toEqual({
    served: [...expected.served].sort(),
    masked: [...expected.masked].sort(),
    denied: [...expected.denied].sort(),
  });
}

describe('a hostile application, with generated operations', () => {
  it('never receives a denied value or a rebuildable masked one, and every answer is recorded exactly', async () => {
    await fc.assert(
      fc.asyncProperty(rootsArbitrary, callers, fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), async ({ root, selection }, caller, [first, second]) => {
        const { query, keys, variables } = write(root, selection);
        // Sent twice with other variable values: a decision made for one must not answer the other.
        for (const flip of [first!, second!]) {
          const values = Object.fromEntries([...variables].map((v, i) => [v, i % 2 === 0 ? flip : !flip]));
          const answer = await post(caller, { query, variables: { ...rootVariables(root), ...values } });
          const context = `${caller.department} / ${caller.purpose}\n${query}\n${JSON.stringify(values)}\n${JSON.stringify(answer.body).slice(0, 2000)}`;
          if (shadowsKey(root, selection, keys, values, caller)) {
            await expectShadowRefused(answer, caller.department, context);
            continue;
          }
          expect(answer.status, context).toBe(200);
          const expected = check(answer.body, root, selection, keys, values, caller, context);
          const [record] = await recordOf(answer.requestId, caller.department);
          expect(record, context).toBeDefined();
          expectRecord(record!, expected, context);
        }
      }),
      { numRuns: 80, seed: 15_2026 },
    );
  }, 300_000);

  it('is refused whole in strict mode exactly when something is denied, for each variable value', async () => {
    await fc.assert(
      fc.asyncProperty(rootsArbitrary, callers, fc.boolean(), async ({ root, selection }, caller, flip) => {
        const { query, keys, variables } = write(root, selection);
        for (const value of [flip, !flip]) {
          const values = Object.fromEntries([...variables].map((v) => [v, value]));
          const answer = await post(caller, { query, variables: { ...rootVariables(root), ...values } }, { 'x-sharing-mode': 'strict' });
          if (shadowsKey(root, selection, keys, values, caller)) {
            await expectShadowRefused(answer, caller.department, query);
            continue;
          }
          const expected: Set<string> = new Set();
          const kept = (n: Node) => (n.variable ? (n.directiveText.includes('skip') ? !values[n.variable] : values[n.variable]!) : n.kept);
          const decide = (type: GraphQLObjectType, list: Node[]) => {
            for (const n of list) {
              if (!kept(n)) continue;
              if (verdict(caller.department, caller.purpose, type.name, n.field) === 'denied') expected.add(`${type.name}.${n.field}`);
              else if (n.children) decide(n.type!, n.children);
            }
          };
          decide(api.getType(root.kind === 'person' ? 'Person' : 'Enterprise') as GraphQLObjectType, selection);
          const context = `${caller.department}\n${query}\n${JSON.stringify(values)}\n${JSON.stringify(answer.body).slice(0, 1500)}`;
          expect(answer.status, context).toBe(expected.size > 0 ? 403 : 200);
          const [record] = await recordOf(answer.requestId, caller.department);
          expect(record?.outcome, context).toBe(expected.size > 0 ? 'denied' : record?.outcome);
          if (expected.size > 0) expect([...new Set(Object.values(record!.providers).flatMap((a) => a.denied))].sort(), context).toEqual([...expected].sort());
        }
      }),
      { numRuns: 40, seed: 15_2027 },
    );
  }, 300_000);

  it('holds the same in a batch and as a persisted document', async () => {
    const batcher: Caller = { department: 'tax', purpose: 'property-tax-assessment', application: 'batching-app' };
    await fc.assert(
      fc.asyncProperty(fc.array(rootsArbitrary, { minLength: 2, maxLength: 3 }), async (generated) => {
        const all = generated.map(({ root, selection }) => ({ root, selection, ...write(root, selection) }));
        // Shadowing aliases are refused whole (above); a batch of them would be too.
        const written = all.filter((w) => !shadowsKey(w.root, w.selection, w.keys, Object.fromEntries([...w.variables].map((v) => [v, true])), batcher));
        fc.pre(written.length > 0);
        const bodies = written.map((w) => ({ query: w.query, variables: { ...rootVariables(w.root), ...Object.fromEntries([...w.variables].map((v) => [v, true])) } }));
        const answer = await post(batcher, bodies, {}, 'batching-app');
        expect(answer.status).toBe(200);
        expect(Array.isArray(answer.body)).toBe(true);
        written.forEach((w, i) => {
          const values = Object.fromEntries([...w.variables].map((v) => [v, true]));
          check(answer.body[i], w.root, w.selection, w.keys, values, batcher, `batch ${i}\n${w.query}\n${JSON.stringify(answer.body[i]).slice(0, 1500)}`);
        });
        // A persisted document: registered for its application, sent by hash alone.
        const w = written.find((candidate) => !shadowsKey(candidate.root, candidate.selection, candidate.keys, Object.fromEntries([...candidate.variables].map((v) => [v, false])), batcher));
        if (!w) return;
        const hash = createHash('sha256').update(w!.query).digest('hex');
        await trusted.register([{ application: 'persisted-app', hash, document: w!.query }], 'adversarial-test');
        const values = Object.fromEntries([...w!.variables].map((v) => [v, false]));
        const persisted = await post(batcher, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { ...rootVariables(w!.root), ...values } }, {}, 'persisted-app');
        expect(persisted.status).toBe(200);
        const expected = check(persisted.body, w.root, w.selection, w.keys, values, batcher, `persisted\n${w.query}`);
        const [record] = await recordOf(persisted.requestId, 'tax');
        expectRecord(record!, expected, `persisted\n${w.query}\n${JSON.stringify(values)}\n${JSON.stringify(persisted.body)}\n${JSON.stringify(record!.providers)}`);
      }),
      { numRuns: 15, seed: 15_2028 },
    );
  }, 300_000);
});
