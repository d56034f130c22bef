/**
 * Publishing a department's subgraph, against a real platform store (SQLite in a temporary directory) and a real
 * supergraph file: what is refused (missing level or description, composition errors, unallowed breaking
 * changes, with the operations consumers sent that they would break), what is recorded, rollback and history.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { createVersionLookup, sha256, type SchemaVersionStore } from '../../platform/schemaRegistry/index.ts';
import { describeHistory, describeOutcome, publishDepartment, viewSupergraph, type PublishOutcome } from '../../schema/publish/index.ts';
import { departmentSdl, edit, publishFixture, requestEntry, type PublishFixture } from './harness.ts';

let fixture: PublishFixture | undefined;
afterEach(async () => {
  await fixture?.stop();
  fixture = undefined;
});

const TAX = departmentSdl('tax');
const RATING_REASON = 'Ratings below A are withheld pending the 2026 review (test).';
/** The tax schema with three breaking changes (a level tightened, an enum value and a field removed) and one addition. */
const TAX_BREAKING = [
  (sdl: string) => edit(sdl, /taxCreditRating: TaxCreditRating @share\(level: UNCONDITIONAL/, `taxCreditRating: TaxCreditRating @share(level: CONDITIONAL, reason: "${RATING_REASON}"`),
  (sdl: string) => edit(sdl, /\n\s*"Score below 40[^\n]*\n\s*D\n/, '\n'),
  (sdl: string) => edit(sdl, /\n\s*"First day the amount was overdue[^\n]*\n\s*since: [^\n]*\n/, '\n'),
  (sdl: string) =>
    edit(sdl, /(\n\s*"Tax credit rating)/, '\n  "Day the enterprise registered with the tax authority (ISO 8601)."\n  taxRegisteredOn: String @share(level: UNCONDITIONAL)$1'),
].reduce((sdl, change) => change(sdl), TAX);

const TAX_BREAKING_CHANGES = [
  { kind: 'LEVEL_TIGHTENED', coordinate: 'Enterprise.taxCreditRating', breaking: true, description: 'Enterprise.taxCreditRating level tightened from UNCONDITIONAL to CONDITIONAL' },
  { kind: 'FIELD_REMOVED', coordinate: 'TaxArrear.since', breaking: true, description: 'TaxArrear.since was removed' },
  { kind: 'ENUM_VALUE_REMOVED', coordinate: 'TaxCreditRating.D', breaking: true, description: 'D was removed from enum TaxCreditRating' },
  { kind: 'FIELD_ADDED', coordinate: 'Enterprise.taxRegisteredOn', breaking: false, description: 'Enterprise.taxRegisteredOn was added' },
];

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

function expectNothingWritten(f: PublishFixture) {
  expect(readFileSync(f.supergraphFile, 'utf8')).toBe(f.initialSupergraph);
  return expect(f.store.schemaVersions.list()).resolves.toEqual([]);
}

describe('publishing a department', () => {
  it("records the code's schema as version 1, writes the supergraph it composes to, and records nothing when nothing changed", async () => {
    fixture = await publishFixture();
    const outcome = await publishDepartment({ department: 'tax', sdl: TAX, actor: 'tax-admin' }, fixture.context);
    expect(outcome).toEqual({
      status: 'published',
      version: {
        sequence: 1,
        department: 'tax',
        version: 1,
        schemaHash: sha256(TAX),
        sdl: TAX,
        url: 'http://127.0.0.1:4005/graphql',
        supergraphSdl: fixture.initialSupergraph,
        supergraphHash: sha256(fixture.initialSupergraph),
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        actor: 'tax-admin',
        reason: null,
        changes: [],
        rollbackOf: null,
      },
      changes: [],
      affectedOperations: [],
      stillUsingDeprecated: [],
      supergraphFile: fixture.supergraphFile,
    });
    expect(readFileSync(fixture.supergraphFile, 'utf8')).toBe(fixture.initialSupergraph);
    expect(await fixture.store.schemaVersions.latestVersions()).toEqual(new Map([['tax', 1]]));

    const again = await publishDepartment({ department: 'tax', sdl: TAX, actor: 'tax-admin' }, fixture.context);
    expect(again).toEqual({ status: 'unchanged', version: (outcome as Extract<PublishOutcome, { status: 'published' }>).version });
    expect(await fixture.store.schemaVersions.list('tax')).toHaveLength(1);
  });

  it('refuses an item without a sharing level, naming the item and the fix, and writes nothing', async () => {
    fixture = await publishFixture();
    const sdl = edit(TAX, /(\n\s*since: String!) @share\([^)]*\)/, '$1');
    expect(await publishDepartment({ department: 'tax', sdl, actor: 'tax-admin' }, fixture.context)).toEqual({
      status: 'refused',
      stage: 'levels',
      errors: ['tax: TaxArrear.since has no @share level; add @share(level: UNCONDITIONAL | CONDITIONAL | NONE)'],
      changes: [],
      affectedOperations: [],
    });
    await expectNothingWritten(fixture);
  });

  it('refuses an item without a description', async () => {
    fixture = await publishFixture();
    const sdl = edit(TAX, /\n\s*"Amount outstanding, in yuan."/, '');
    expect(await publishDepartment({ department: 'tax', sdl, actor: 'tax-admin' }, fixture.context)).toEqual({
      status: 'refused',
      stage: 'levels',
      errors: ['tax: TaxArrear.amount has no description; add a description string above the field'],
      changes: [],
      affectedOperations: [],
    });
    await expectNothingWritten(fixture);
  });

  it("shows the composer's errors as the composer words them", async () => {
    fixture = await publishFixture();
    const sdl = edit(TAX, 'creditCode: CreditCode!', 'creditCode: String!');
    const outcome = await publishDepartment({ department: 'tax', sdl, actor: 'tax-admin' }, fixture.context);
    expect(outcome).toEqual({
      status: 'refused',
      stage: 'composition',
      errors: [expect.stringContaining('Type of field "Enterprise.creditCode" is incompatible across subgraphs')],
      changes: [],
      affectedOperations: [],
    });
    await expectNothingWritten(fixture);
  });

  it('refuses breaking changes with their list and the operations consumers sent recently that they would break', async () => {
    fixture = await publishFixture();
    const now = new Date();
    const audit = fixture.store.audit;
    await audit.append(requestEntry({ time: daysAgo(now, 1), department: 'civil-affairs', application: 'ca-app', operationName: 'RatingCheck', provider: 'tax', served: ['Enterprise.taxCreditRating'] }));
    await audit.append(requestEntry({ time: daysAgo(now, 2), department: 'civil-affairs', application: 'ca-batch', operationName: 'RatingCheck', provider: 'tax', served: ['Enterprise.taxCreditRating'] }));
    await audit.append(requestEntry({ time: daysAgo(now, 3), department: 'market-regulation', application: 'mr-app', operationName: 'ArrearsReview', provider: 'tax', served: ['TaxArrear.amount', 'TaxArrear.since'] }));
    // Outside the 30-day window; only denied the tightened item; another item altogether: none is affected.
    await audit.append(requestEntry({ time: daysAgo(now, 40), department: 'human-resources', application: 'hr-app', operationName: 'OldRatingCheck', provider: 'tax', served: ['Enterprise.taxCreditRating'] }));
    await audit.append(requestEntry({ time: daysAgo(now, 1), department: 'health', application: 'h-app', operationName: 'DeniedRating', provider: 'tax', denied: ['Enterprise.taxCreditRating'] }));
    await audit.append(requestEntry({ time: daysAgo(now, 1), department: 'tax', application: 'tax-app', operationName: 'Names', provider: 'market-regulation', served: ['Enterprise.name'] }));

    const outcome = await publishDepartment({ department: 'tax', sdl: TAX_BREAKING, actor: 'tax-admin' }, { ...fixture.context, now: () => now });
    expect(outcome).toEqual({
      status: 'refused',
      stage: 'breaking',
      errors: ['3 breaking change(s) against the supergraph served now; publish them only with --allow-breaking --reason "<why>" once the consumers below are ready.'],
      changes: TAX_BREAKING_CHANGES,
      affectedOperations: [
        { consumer: 'civil-affairs', operationName: 'RatingCheck', applications: ['ca-app', 'ca-batch'], items: ['Enterprise.taxCreditRating'], requests: 2, lastSeen: daysAgo(now, 1) },
        { consumer: 'market-regulation', operationName: 'ArrearsReview', applications: ['mr-app'], items: ['TaxArrear.since'], requests: 1, lastSeen: daysAgo(now, 3) },
      ],
    });
    await expectNothingWritten(fixture);
  });

  it('publishes a deprecation as a change, naming the operations consumers sent recently that still use the field', async () => {
    fixture = await publishFixture();
    const now = new Date();
    await fixture.store.audit.append(requestEntry({ time: daysAgo(now, 2), department: 'civil-affairs', application: 'ca-app', operationName: 'RatingCheck', provider: 'tax', served: ['Enterprise.taxCreditRating'] }));
    await fixture.store.audit.append(requestEntry({ time: daysAgo(now, 1), department: 'health', application: 'h-app', operationName: 'Arrears', provider: 'tax', served: ['Enterprise.taxArrears'] }));
    const deprecated = edit(TAX, /taxCreditRating: TaxCreditRating @share\(/, 'taxCreditRating: TaxCreditRating @deprecated(reason: "use creditRating, from 2027") @share(');
    const outcome = await publishDepartment({ department: 'tax', sdl: deprecated, actor: 'tax-admin' }, { ...fixture.context, now: () => now });
    const deprecation = {
      kind: 'FIELD_DEPRECATED', coordinate: 'Enterprise.taxCreditRating', breaking: false,
      description: 'Enterprise.taxCreditRating was deprecated: use creditRating, from 2027',
    };
    expect(outcome).toMatchObject({
      status: 'published',
      version: { version: 1, changes: [deprecation] },
      changes: [deprecation],
      affectedOperations: [],
      stillUsingDeprecated: [
        { consumer: 'civil-affairs', operationName: 'RatingCheck', applications: ['ca-app'], items: ['Enterprise.taxCreditRating'], requests: 1, lastSeen: daysAgo(now, 2) },
      ],
    });
    expect(describeOutcome(outcome, 'tax').slice(1, -1)).toEqual([
      'Changes (1, 0 breaking, 1 deprecation):',
      '  ~ FIELD_DEPRECATED Enterprise.taxCreditRating: Enterprise.taxCreditRating was deprecated: use creditRating, from 2027',
      'Operations consumers sent recently that still use what is deprecated (1): tell them before it is removed',
      `  - civil-affairs RatingCheck: 1 request(s), last ${daysAgo(now, 2)}, applications ca-app; items Enterprise.taxCreditRating`,
    ]);
    const lines = describeHistory(await fixture.store.schemaVersions.list('tax')).map((line) => line.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>'));
    expect(lines.slice(1)).toEqual([
      '  Changes (1, 0 breaking, 1 deprecation):',
      '    ~ FIELD_DEPRECATED Enterprise.taxCreditRating: Enterprise.taxCreditRating was deprecated: use creditRating, from 2027',
    ]);
  });

  it('refuses --allow-breaking without a reason', async () => {
    fixture = await publishFixture();
    expect(await publishDepartment({ department: 'tax', sdl: TAX_BREAKING, allowBreaking: true, actor: 'tax-admin' }, fixture.context)).toEqual({
      status: 'refused',
      stage: 'input',
      errors: ['--allow-breaking needs --reason "<why consumers may break>": the reason is recorded with the version.'],
      changes: [],
      affectedOperations: [],
    });
    await expectNothingWritten(fixture);
  });

  it('publishes allowed breaking changes, recording who allowed them, why, and what changed', async () => {
    fixture = await publishFixture();
    const reason = 'Consumers agreed on 2026-11-20 (meeting minutes 17).';
    const outcome = await publishDepartment({ department: 'tax', sdl: TAX_BREAKING, allowBreaking: true, reason, actor: 'li.wei@tax' }, fixture.context);
    expect(outcome.status).toBe('published');
    const [version] = await fixture.store.schemaVersions.list('tax');
    expect(version).toMatchObject({ department: 'tax', version: 1, actor: 'li.wei@tax', reason, changes: TAX_BREAKING_CHANGES, schemaHash: sha256(TAX_BREAKING), rollbackOf: null });
    const served = readFileSync(fixture.supergraphFile, 'utf8');
    expect(served).toBe(version!.supergraphSdl);
    const { api, catalogue } = viewSupergraph(served);
    const arrear = api.getType('TaxArrear');
    expect(isObjectType(arrear) && Object.keys(arrear.getFields())).toEqual(['taxType', 'amount', 'periodEnd']);
    expect(catalogue.items.get('Enterprise.taxCreditRating')).toMatchObject({ level: 'CONDITIONAL', provider: 'tax', reason: RATING_REASON });
  });

  it('rolls back to a recorded version as a new version, through the same checks, and lists the history with its diffs', async () => {
    fixture = await publishFixture();
    await publishDepartment({ department: 'tax', sdl: TAX, actor: 'tax-admin' }, fixture.context);
    await publishDepartment({ department: 'tax', sdl: TAX_BREAKING, allowBreaking: true, reason: 'agreed', actor: 'tax-admin' }, fixture.context);

    // Back to version 1 removes the field version 2 added: a breaking change like any other.
    const refused = await publishDepartment({ department: 'tax', rollback: 1, actor: 'ops' }, fixture.context);
    expect(refused).toMatchObject({
      status: 'refused',
      stage: 'breaking',
      changes: [
        { kind: 'FIELD_REMOVED', coordinate: 'Enterprise.taxRegisteredOn', breaking: true },
        { kind: 'LEVEL_LOOSENED', coordinate: 'Enterprise.taxCreditRating', breaking: false },
        { kind: 'FIELD_ADDED', coordinate: 'TaxArrear.since', breaking: false },
        { kind: 'ENUM_VALUE_ADDED', coordinate: 'TaxCreditRating.D', breaking: false },
      ],
    });
    const rolledBack = await publishDepartment({ department: 'tax', rollback: 1, allowBreaking: true, reason: 'version 2 broke RatingCheck', actor: 'ops' }, fixture.context);
    expect(rolledBack).toMatchObject({ status: 'published', version: { version: 3, rollbackOf: 1, sdl: TAX, schemaHash: sha256(TAX), actor: 'ops' } });
    expect(readFileSync(fixture.supergraphFile, 'utf8')).toBe(fixture.initialSupergraph);

    expect(await publishDepartment({ department: 'tax', rollback: 9, actor: 'ops' }, fixture.context)).toEqual({
      status: 'refused',
      stage: 'input',
      errors: ['tax has no version 9 (versions: 1, 2, 3); see npm run schema:history -- tax.'],
      changes: [],
      affectedOperations: [],
    });

    const history = await fixture.store.schemaVersions.list('tax');
    expect(history.map((v) => [v.version, v.actor, v.reason, v.rollbackOf, v.changes.filter((c) => c.breaking).length])).toEqual([
      [1, 'tax-admin', null, null, 0],
      [2, 'tax-admin', 'agreed', null, 3],
      [3, 'ops', 'version 2 broke RatingCheck', 1, 1],
    ]);
    const lines = describeHistory(history).map((line) => line.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>'));
    expect(lines).toEqual([
      `tax v1  <time>  by tax-admin  schema ${sha256(TAX).slice(0, 12)}  http://127.0.0.1:4005/graphql`,
      '  no changes to the served supergraph',
      `tax v2  <time>  by tax-admin  schema ${sha256(TAX_BREAKING).slice(0, 12)}  http://127.0.0.1:4005/graphql`,
      '  reason: agreed',
      '  Changes (4, 3 breaking):',
      '    ! LEVEL_TIGHTENED Enterprise.taxCreditRating: Enterprise.taxCreditRating level tightened from UNCONDITIONAL to CONDITIONAL',
      '    ! FIELD_REMOVED TaxArrear.since: TaxArrear.since was removed',
      '    ! ENUM_VALUE_REMOVED TaxCreditRating.D: D was removed from enum TaxCreditRating',
      '    + FIELD_ADDED Enterprise.taxRegisteredOn: Enterprise.taxRegisteredOn was added',
      `tax v3  <time>  by ops  schema ${sha256(TAX).slice(0, 12)}  http://127.0.0.1:4005/graphql  (rollback to v1)`,
      '  reason: version 2 broke RatingCheck',
      '  Changes (4, 1 breaking):',
      '    ! FIELD_REMOVED Enterprise.taxRegisteredOn: Enterprise.taxRegisteredOn was removed',
      '    + LEVEL_LOOSENED Enterprise.taxCreditRating: Enterprise.taxCreditRating level loosened from CONDITIONAL to UNCONDITIONAL',
      '    + FIELD_ADDED TaxArrear.since: TaxArrear.since was added',
      '    + ENUM_VALUE_ADDED TaxCreditRating.D: D was added to enum TaxCreditRating',
    ]);
  });

  it('refuses to record when another version was published while it was checked (it composed without it)', async () => {
    fixture = await publishFixture();
    const real = fixture.store.schemaVersions;
    let reads = 0;
    // Another publisher records health v1 between this publish's first look at the store and its record.
    const racing: SchemaVersionStore = {
      record: (next) => real.record(next),
      latest: (department) => real.latest(department),
      get: (department, version) => real.get(department, version),
      list: (department) => real.list(department),
      latestVersions: () => real.latestVersions(),
      newest: async () => {
        if (++reads === 2) await real.record({ department: 'health', sdl: departmentSdl('health'), url: 'http://127.0.0.1:4007/graphql', supergraphSdl: fixture!.initialSupergraph, actor: 'other', reason: null, changes: [], rollbackOf: null });
        return real.newest();
      },
    };
    const outcome = await publishDepartment({ department: 'tax', sdl: TAX_BREAKING, allowBreaking: true, reason: 'agreed', actor: 'tax-admin' }, { ...fixture.context, store: { ...fixture.store, schemaVersions: racing } });
    expect(outcome).toEqual({
      status: 'refused',
      stage: 'input',
      errors: ['health version 1 was published while this publish was checked; run it again to compose with it.'],
      changes: [],
      affectedOperations: [],
    });
    expect((await real.list()).map((v) => v.department)).toEqual(['health']);
    expect(readFileSync(fixture.supergraphFile, 'utf8')).toBe(fixture.initialSupergraph);
  });

  it('refuses an unknown department, naming the known ones and how to create one', async () => {
    fixture = await publishFixture();
    const outcome = await publishDepartment({ department: 'culture', sdl: TAX, actor: 'x' }, fixture.context);
    expect(outcome).toEqual({
      status: 'refused',
      stage: 'input',
      errors: [
        'Unknown department "culture"; known: public-security, civil-affairs, human-resources, market-regulation, tax, natural-resources, health, platform. Create one with npm run department:new -- <id>.',
      ],
      changes: [],
      affectedOperations: [],
    });
  });
});

describe('the version lookup for the catalogue', () => {
  it("answers each department's latest published version, and null for one that never published", async () => {
    fixture = await publishFixture();
    const lookup = await createVersionLookup({ store: fixture.store.schemaVersions, refreshMs: 0 });
    try {
      expect(lookup.versionOf('tax')).toBeNull();
      await publishDepartment({ department: 'tax', sdl: TAX, actor: 'tax-admin' }, fixture.context);
      await publishDepartment({ department: 'tax', sdl: TAX_BREAKING, allowBreaking: true, reason: 'agreed', actor: 'tax-admin' }, fixture.context);
      expect(lookup.versionOf('tax')).toBeNull(); // the snapshot, until refreshed
      await lookup.refresh();
      expect([lookup.versionOf('tax'), lookup.versionOf('health')]).toEqual(['v2', null]);
    } finally {
      lookup.close();
    }
  });
});
