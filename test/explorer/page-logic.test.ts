/// <reference lib="dom" /> // the pages' modules run in the browser
/**
 * The pages' logic apart from their rendering: which tabs GraphiQL starts with (a linked operation in a tab of
 * its own, titled), the headers a request carries (the Headers tab's X-Purpose wins), the editor's marks, the
 * cURL command, the catalogue's selection and CSV, the dashboard's usage figures, and times in China Standard Time.
 */
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readPublishedCatalogue } from '../../platform/catalogue/index.ts';
import { catalogueView } from '../../gateway/explorer/catalogueView.ts';
import { disputesByItem } from '../../gateway/explorer/client/catalogueDisputes.ts';
import { catalogueCsv, selectCatalogue } from '../../gateway/explorer/client/catalogueRows.ts';
import { fieldMarks, typedPurpose } from '../../gateway/explorer/client/fieldMarks.ts';
import { chinaDate, formatDeadline, formatInstant, translator } from '../../gateway/explorer/client/i18n.ts';
import { requestHeaders } from '../../gateway/explorer/client/requestHeaders.ts';
import { curlCommand, shareLink } from '../../gateway/explorer/client/responseLog.ts';
import { SIGNED_OUT } from '../../gateway/explorer/client/session.ts';
import { initialTabs, tabHolding } from '../../gateway/explorer/client/tabs.ts';
import { usageFigures, type AccessRecord } from '../../gateway/explorer/client/usageFigures.ts';
import type { Caller } from '../../sharing/index.ts';

const examples = [
  { query: '# Fan-out\nquery LegalRepresentatives($first: Int!) { enterprises(first: $first) { nodes { name } } }', variables: '{ "first": 5 }' },
  { query: 'query OneStop($id: ResidentId!) { person(idNumber: $id) { name } }', variables: '{ "id": null }' },
];
const ids = () => {
  let n = 0;
  return () => `tab-${++n}`;
};
const APPLY = '# Apply: replace the <…> values\nmutation ApplyForSharing($input: SharingApplicationInput!) { applyForSharing(input: $input) { message } }';

describe('the tabs GraphiQL starts with', () => {
  it('opens the examples on a first visit, each titled with its operation', () => {
    expect(initialTabs(null, examples, null, ids())).toEqual({
      activeTabIndex: 0,
      tabs: [
        { id: 'tab-1', hash: `${examples[0]!.query}|{ "first": 5 }|`, title: 'LegalRepresentatives', query: examples[0]!.query, variables: '{ "first": 5 }', headers: null, operationName: 'LegalRepresentatives', response: null },
        { id: 'tab-2', hash: `${examples[1]!.query}|{ "id": null }|`, title: 'OneStop', query: examples[1]!.query, variables: '{ "id": null }', headers: null, operationName: 'OneStop', response: null },
      ],
    });
  });

  it('puts a linked operation in a tab of its own, titled and active, on a first visit as on a later one', () => {
    const first = initialTabs(null, examples, { query: APPLY, variables: '{}' }, ids());
    expect([first.tabs.map((t) => t.title), first.activeTabIndex]).toEqual([['LegalRepresentatives', 'OneStop', 'ApplyForSharing'], 2]);
    expect(first.tabs[0]!.query).toBe(examples[0]!.query);
    const later = initialTabs({ tabs: first.tabs.slice(0, 1), activeTabIndex: 0 }, examples, { query: APPLY, variables: '{}' }, ids());
    expect([later.tabs.map((t) => t.title), later.activeTabIndex]).toEqual([['LegalRepresentatives', 'ApplyForSharing'], 1]);
    // The same link again: the tab that holds it, not another.
    const again = initialTabs(first, examples, { query: APPLY, variables: '{}' }, ids());
    expect([again.tabs.length, again.activeTabIndex]).toEqual([3, 2]);
  });

  it('shows the tab holding an example instead of opening a duplicate', () => {
    expect(tabHolding([{ query: 'x' }, { query: examples[1]!.query }], examples[1]!.query)).toBe(1);
    expect(tabHolding([{ query: 'x' }], examples[1]!.query)).toBeNull();
  });
});

describe('the headers a GraphiQL request carries', () => {
  const session = { ...SIGNED_OUT, token: 'ey.token', purpose: 'property-tax-assessment' };

  it('sends the session\'s token and purpose', () => {
    expect(requestHeaders(session, {})).toEqual({
      headers: { authorization: 'Bearer ey.token', 'x-purpose': 'property-tax-assessment' },
      purpose: { sent: 'property-tax-assessment', from: 'selector', overridden: null },
    });
  });

  it('sends an X-Purpose typed in the Headers tab alone, whatever its case, and names the selector\'s it replaced', () => {
    expect(requestHeaders(session, { 'X-Purpose': 'individual-income-tax-deduction', 'X-Sharing-Mode': 'strict' })).toEqual({
      headers: { authorization: 'Bearer ey.token', 'x-purpose': 'individual-income-tax-deduction', 'x-sharing-mode': 'strict' },
      purpose: { sent: 'individual-income-tax-deduction', from: 'headers', overridden: 'property-tax-assessment' },
    });
    expect(requestHeaders({ ...session, purpose: null }, { 'x-purpose': 'AGR-2025-0002' }).purpose).toEqual({ sent: 'AGR-2025-0002', from: 'headers', overridden: null });
    expect(typedPurpose('{"X-PURPOSE": "AGR-1"}')).toBe('AGR-1');
    expect(typedPurpose('{ not json')).toBeNull();
  });
});

describe('the request as cURL, and the share link', () => {
  const request = { url: '/graphql', headers: { authorization: 'Bearer ey.secret', 'x-purpose': "it's", 'content-type': 'application/json' }, body: '{"query":"{ a }"}' };

  it('names the token as $GOVGRAPH_TOKEN, never the token itself, and quotes for a POSIX shell', () => {
    expect(curlCommand(request, 'http://127.0.0.1:4000')).toBe([
      "curl 'http://127.0.0.1:4000/graphql'",
      '-H "authorization: Bearer $GOVGRAPH_TOKEN"',
      "-H 'content-type: application/json'",
      "-H 'x-purpose: it'\\''s'",
      `--data-raw '{"query":"{ a }"}'`,
    ].join(' \\\n  '));
  });

  it('links the operation and its variables, and drops empty variables', () => {
    expect(shareLink('http://h', '{ a }', '{"id":"1"}')).toBe('http://h/graphiql?query=%7B+a+%7D&variables=%7B%22id%22%3A%221%22%7D');
    expect(shareLink('http://h', '{ a }', ' {} ')).toBe('http://h/graphiql?query=%7B+a+%7D');
  });
});

const SDL = `
  type Query {
    person(idNumber: String!): Person @share(level: UNCONDITIONAL, provider: "public-security")
    catalogue: String @share(level: UNCONDITIONAL, provider: "platform")
  }
  type Person @key(fields: "idNumber") {
    idNumber: String! @share(level: UNCONDITIONAL, sensitive: true, provider: "public-security")
    name: String @share(level: UNCONDITIONAL, provider: "public-security")
    maritalStatus: String @share(level: CONDITIONAL, reason: "Marriage records", provider: "civil-affairs")
    marriageRecords: [MarriageRecord!] @share(level: CONDITIONAL, reason: "Marriage records", provider: "civil-affairs")
  }
  type MarriageRecord { kind: String! @share(level: UNCONDITIONAL, provider: "civil-affairs") spouse: Person @share(level: UNCONDITIONAL, provider: "civil-affairs") }
`;
const tax: Caller = { application: 'tax-app', department: 'tax', roles: [], anonymous: false };
const view = catalogueView(readPublishedCatalogue(SDL), tax, []);

describe('the editor\'s marks', () => {
  const schema = buildASTSchema(parse(`directive @share(level: String, sensitive: Boolean, reason: String, provider: String) on FIELD_DEFINITION
    directive @key(fields: String) on OBJECT
    ${SDL.replace(/level: (\w+)/g, 'level: "$1"')}`));

  it('marks each field not served in full where it is written, and nothing below a withheld one', () => {
    const document = parse('query {\n  person(idNumber: "x") {\n    name idNumber\n    maritalStatus\n    marriageRecords { kind spouse { name } }\n  }\n}');
    expect(fieldMarks(document, schema, view, null, translator('en')).map(({ item, status, line, column, endColumn }) => ({ item, state: status.state, line, column, endColumn }))).toEqual([
      { item: 'Person.idNumber', state: 'masked', line: 3, column: 10, endColumn: 18 },
      { item: 'Person.maritalStatus', state: 'withheld', line: 4, column: 5, endColumn: 18 },
      { item: 'Person.marriageRecords', state: 'withheld', line: 5, column: 5, endColumn: 20 },
    ]);
    expect(fieldMarks(document, schema, view, null, translator('en'))[1]!.message).toBe(
      'Person.maritalStatus: CONDITIONAL · owner civil-affairs · ⊘ withheld: no agreement held; apply to civil-affairs for Person.maritalStatus',
    );
  });
});

describe('the catalogue page\'s selection and CSV', () => {
  it('finds Chinese names and department titles, filters by level, and leaves the platform out unless asked', () => {
    const items = (filters: Parameters<typeof selectCatalogue>[1]) => selectCatalogue(view, filters).flatMap((d) => d.resources.flatMap((r) => r.items.map((i) => i.item)));
    const all = { search: '', department: null, level: null, platformApi: false };
    expect(items({ ...all, search: '婚姻' })).toEqual(['Person.maritalStatus', 'Person.marriageRecords', 'MarriageRecord.kind', 'MarriageRecord.spouse']);
    expect(items({ ...all, search: '公安局 身份' })).toEqual(['Query.person', 'Person.idNumber']);
    expect(items({ ...all, search: 'catalogue' })).toEqual([]);
    expect(items({ ...all, search: 'catalogue', platformApi: true })).toEqual(['Query.catalogue']);
    expect(items({ ...all, level: 'CONDITIONAL' })).toEqual(['Person.maritalStatus', 'Person.marriageRecords']);
    expect(items({ ...all, department: 'public-security', search: 'sensitive' })).toEqual(['Person.idNumber']);
  });

  it('writes RFC 4180 CSV with a byte-order mark and CRLF line ends', () => {
    const csv = catalogueCsv(selectCatalogue(view, { search: 'idNumber', department: null, level: null, platformApi: false }), new Map([['public-security', 'v3']]));
    expect(csv).toBe(
      '\uFEFFdepartment,department_title,department_title_zh,version,resource,item,name_zh,level,sensitive,key,cycle,type,description,reason,access\r\n' +
        'public-security,Public Security,公安局,v3,Person,Person.idNumber,公民身份号码,UNCONDITIONAL,true,true,,String!,,,masked\r\n',
    );
  });
});

describe('the catalogue page\'s open disputes', () => {
  it('groups them by each item in dispute, oldest first', () => {
    const dispute = (id: string, items: string[]) => ({ id, consumer: 'tax', provider: 'civil-affairs', items, stage: 'NEGOTIATION' as const, deadline: '2026-03-16T16:00:00.000Z', overdue: false });
    const [a, b] = [dispute('DSP-2026-0002', ['Person.maritalStatus']), dispute('DSP-2026-0001', ['Person.maritalStatus', 'Person.marriageRecords'])];
    expect(disputesByItem([a, b])).toEqual(new Map([['Person.maritalStatus', [b, a]], ['Person.marriageRecords', [b]]]));
    expect(disputesByItem([])).toEqual(new Map());
  });

  it('words each with its stage and deadline, in English and Chinese', () => {
    const params = { id: 'DSP-2026-0001', consumer: 'tax', provider: 'civil-affairs', deadline: formatDeadline('2026-03-16T16:00:00.000Z', 'en') };
    expect(translator('en')('disputeOpen', { ...params, stage: translator('en')('disputeStageCOMPETENT_DEPARTMENT') })).toBe(
      'Dispute DSP-2026-0001 of tax with civil-affairs: coordination by the competent department, due end of 2026-03-16 (CST)',
    );
    const zh = translator('zh-CN');
    expect(zh('disputeOpen', { ...params, stage: zh('disputeStageCOMMON_SUPERIOR'), deadline: formatDeadline('2026-03-16T16:00:00.000Z', 'zh-CN') })).toBe(
      '争议 DSP-2026-0001（tax 与 civil-affairs）：共同上级决定，期限 2026-03-16 当日（北京时间）',
    );
  });
});

describe('the dashboard\'s usage figures', () => {
  const at = (iso: string, consumer: string, entry: Partial<AccessRecord['providers'][number]>, extra: Partial<AccessRecord> = {}): AccessRecord => ({
    time: iso, kind: 'request', outcome: 'OK', consumer: { department: consumer, application: `${consumer}-app` },
    providers: [{ provider: 'civil-affairs', served: [], masked: [], denied: [], ...entry }], ...extra,
  });

  it('counts requests per China Standard Time day and consumer, and items per consumer, leaving out workflow actions and errors', () => {
    const figures = usageFigures([
      // 23:30 UTC on 30 November is 07:30 on 1 December in Beijing.
      at('2026-11-30T23:30:00.000Z', 'tax', { served: ['Person.maritalStatus'] }),
      at('2026-12-01T03:00:00.000Z', 'tax', { served: ['Person.maritalStatus', 'Person.marriageRecords'] }),
      at('2026-12-02T03:00:00.000Z', 'health', { masked: ['Person.idNumber'], denied: ['Person.maritalStatus'] }),
      at('2026-12-02T04:00:00.000Z', 'market-regulation', { denied: ['Person.maritalStatus'] }, { outcome: 'DENIED' }),
      at('2026-12-02T05:00:00.000Z', 'tax', { served: ['Person.maritalStatus'] }, { kind: 'agreement.approve' }),
      at('2026-12-02T06:00:00.000Z', 'tax', { served: ['Person.maritalStatus'] }, { outcome: 'ERROR' }),
      at('2026-11-01T06:00:00.000Z', 'tax', { served: ['Person.maritalStatus'] }),
    ], 'civil-affairs', new Date('2026-12-02T12:00:00.000Z'), 3);
    expect(figures.days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(figures.consumers).toEqual(['health', 'market-regulation', 'tax']);
    expect(figures.items).toEqual(['Person.idNumber', 'Person.maritalStatus', 'Person.marriageRecords']);
    expect(Object.fromEntries([...figures.requests].map(([day, counts]) => [day, Object.fromEntries(counts)]))).toEqual({ '2026-12-01': { tax: 2 }, '2026-12-02': { health: 1 } });
    expect(Object.fromEntries([...figures.served].map(([c, counts]) => [c, Object.fromEntries(counts)]))).toEqual({
      tax: { 'Person.maritalStatus': 2, 'Person.marriageRecords': 1 }, health: { 'Person.idNumber': 1 },
    });
    expect(Object.fromEntries([...figures.denied].map(([c, counts]) => [c, Object.fromEntries(counts)]))).toEqual({
      health: { 'Person.maritalStatus': 1 }, 'market-regulation': { 'Person.maritalStatus': 1 },
    });
    expect(figures.total).toBe(3);
  });
});

describe('times in China Standard Time', () => {
  it('shows instants, dates and reply deadlines in Beijing time, in either language', () => {
    expect(formatInstant('2026-12-17T16:00:00.000Z', 'en')).toBe('2026-12-18 00:00 CST');
    expect(formatInstant('2026-12-17T16:00:00.000Z', 'zh-CN')).toBe('2026-12-18 00:00（北京时间）');
    expect(chinaDate('2026-11-30T23:30:00.000Z')).toBe('2026-12-01');
    // A deadline is stored as the instant the day after the last working day begins.
    expect(formatDeadline('2026-12-17T16:00:00.000Z', 'en')).toBe('end of 2026-12-17 (CST)');
    expect(formatDeadline('2026-12-17T16:00:00.000Z', 'zh-CN')).toBe('2026-12-17 当日（北京时间）');
  });
});
