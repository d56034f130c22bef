/**
 * The department dashboard in Debian's Chromium, against the real federation and platform store: civil affairs'
 * dept-admin sees the applications awaiting its decision (one overdue, made 20 days ago on the workflow clock),
 * the objection to answer, its agreements in force (one ending within 30 days), who accessed its data over the
 * last 30 days (a chart per consumer and day, a table per consumer and item, from its view of the audit trail)
 * and its schema history; approves, rejects and answers from the page; an analyst sees the same without being
 * able to decide; the page reads in Chinese with times in China Standard Time. Nothing is loaded from another
 * origin. Screenshots go to test-artifacts/browser/.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/index.ts';
import { ensureExplorerBuild } from '../../gateway/explorer/index.ts';
import { loadOrCreateDevelopmentKey } from '../../gateway/identify/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startExplorerGateway } from '../harness/explorer.ts';
import { startWorkflowFederation, type WorkflowFederation } from '../integration/workflowFederation.ts';
import { launchChromium, runBrowserSuites, type LaunchedChromium } from './chromium.ts';

const ARTIFACTS = 'test-artifacts/browser';
const DAY = 86_400_000;
const resident = createPopulation(TEST_POPULATION).person(3).idNumber;

/** Accesses to civil affairs' marital status in the past 30 days, by consumer and days ago (written to the real trail). */
const PAST_ACCESSES: { consumer: string; daysAgo: number[]; items: string[] }[] = [
  { consumer: 'tax', daysAgo: [27, 20, 20, 13, 9, 6, 6, 6, 2, 1], items: ['Person.maritalStatus'] },
  { consumer: 'natural-resources', daysAgo: [25, 18, 11, 4, 4], items: ['Person.maritalStatus', 'Person.marriageRecords'] },
  { consumer: 'human-resources', daysAgo: [15, 8, 3], items: ['Person.subsistenceAllowance'] },
];

describe.skipIf(!runBrowserSuites)('the department dashboard in Chromium', () => {
  let federation: WorkflowFederation;
  let gateway: RunningGateway;
  let chromium: LaunchedChromium;
  let page: Page;
  const requested: string[] = [];
  const ids: Record<string, string> = {};

  const gql = async (caller: { department: string; roles?: string[]; application?: string; purpose?: string }, query: string, variables: Record<string, unknown> = {}) => {
    const response = await postGraphQL(federation.gateway.url, { query, variables }, await federation.as(caller));
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  };
  const admin = (department: string) => ({ department, application: `${department}-admin`, roles: ['dept-admin'] });
  const APPLY = 'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { application { id } } }';
  const apply = async (department: string, input: Record<string, unknown>) =>
    (await gql(admin(department), APPLY, { input: { provider: 'civil-affairs', validUntil: '2027-12-31T16:00:00Z', ...input } })).applyForSharing.application.id as string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    chromium = await launchChromium();
    await ensureExplorerBuild();
    federation = await startWorkflowFederation();
    const callerKey = await loadOrCreateDevelopmentKey(federation.departments.dataDir);
    gateway = await startExplorerGateway({ callerKey, platform: federation.platform, departments: federation.departments }, { developmentIdentities: { key: callerKey } });

    // An application made 20 days ago (on the workflow's clock): its reply deadline has passed.
    federation.clock.set(new Date(Date.now() - 20 * DAY).toISOString());
    ids.overdue = await apply('market-regulation', {
      items: ['Person.maritalStatus'], purpose: 'enterprise-annual-report-check',
      legalBasis: 'Regulations on Enterprise Information Disclosure art. 9', scenario: 'Checking the family status legal representatives declare',
    });
    federation.clock.set(null);
    ids.onTime = await apply('tax', {
      items: ['Person.marriageRecords'], purpose: 'individual-income-tax-deduction',
      legalBasis: 'Individual Income Tax Law art. 6', scenario: 'Checking the spouse deduction claimed in annual returns',
    });
    // Approved, and ending within 30 days.
    ids.expiring = await apply('health', {
      items: ['Person.subsistenceAllowance'], purpose: 'medical-assistance-review', legalBasis: 'Measures for Medical Assistance art. 7',
      scenario: 'Exempting subsistence-allowance households from co-payments', validUntil: new Date(Date.now() + 12 * DAY).toISOString(),
    });
    await gql(admin('civil-affairs'), 'mutation($input: ApplicationDecisionInput!) { decideApplication(input: $input) { id } }', { input: { id: ids.expiring, decision: 'APPROVE' } });
    // The last 30 days of accesses, in the real trail; and one request through the gateway today.
    for (const { consumer, daysAgo, items } of PAST_ACCESSES) {
      for (const ago of daysAgo) {
        await federation.platform.audit.append({
          time: new Date(Date.now() - ago * DAY).toISOString(), requestId: randomUUID(), application: `${consumer}-app`, department: consumer,
          purpose: 'demo', agreements: [], operationName: 'MaritalCheck', documentHash: null,
          providers: { 'civil-affairs': { served: items, masked: [], denied: [], subjects: [resident] } },
          outcome: 'ok', status: 200, reason: null, durationMs: 12, kind: 'request',
        });
      }
    }
    await gql({ department: 'tax', purpose: 'individual-income-tax-deduction' }, 'query MaritalCheck($id: ResidentId!) { person(idNumber: $id) { maritalStatus } }', { id: resident });
    // Tax was served the resident's marital status (just above): it may object to it.
    ids.objection = (await gql({ department: 'tax', roles: ['app'], application: 'iit-deductions' },
      'mutation($input: ObjectionInput!) { reportObjection(input: $input) { id } }',
      { input: { item: 'Person.maritalStatus', subjectKey: resident, description: 'Shown as married; the divorce of 2024-05-10 is missing.' } })).reportObjection.id;
    // Market regulation holds no agreement for it: denied, and recorded so.
    const denied = await postGraphQL(federation.gateway.url, { query: 'query MaritalCheck($id: ResidentId!) { person(idNumber: $id) { maritalStatus } }', variables: { id: resident } }, await federation.as({ department: 'market-regulation' }));
    expect(denied.body.errors[0].extensions.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');

    const versions = { sdl: 'type Query { x: Int }', url: 'http://127.0.0.1:4002/graphql', supergraphSdl: 'type Query { x: Int }', rollbackOf: null };
    await federation.platform.schemaVersions.record({ ...versions, department: 'civil-affairs', actor: 'wang.fang', reason: null, changes: [] });
    await federation.platform.schemaVersions.record({
      ...versions, department: 'civil-affairs', actor: 'ci-pipeline', reason: 'Subsistence allowances carry their monthly amount',
      changes: [{ kind: 'FIELD_ADDED', coordinate: 'SubsistenceAllowance.monthlyAmount', breaking: false, description: 'SubsistenceAllowance.monthlyAmount was added' }],
    });

    const context = await chromium.browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.on('request', (request) => requested.push(request.url()));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 180_000);

  afterAll(async () => {
    await chromium?.close();
    await gateway?.stop();
    await federation?.stop();
  });

  const tiles = () => page.getByTestId('tiles').locator('a').allInnerTexts();
  const rowIds = (testId: string, attribute: string) => page.getByTestId(testId).locator(`tr[${attribute}]`).evaluateAll((rows, name) => rows.map((row) => row.getAttribute(name)), attribute);

  it('asks to sign in, then shows civil affairs\' work, deadlines and flags', async () => {
    await page.goto(`${gateway.origin}/dashboard`);
    await expect.poll(() => page.locator('main').innerText()).toContain('Sign in as your department to see its applications');
    await page.getByLabel('Development identity').selectOption('civil-affairs|dept-admin');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Department dashboard · Civil Affairs (civil-affairs)');
    await expect.poll(tiles).toEqual([
      '3\napplications to decide\n1 overdue',
      '1\nobjections to answer',
      '3\nagreements in force\n1 end within 30 days',
      `${PAST_ACCESSES.reduce((n, a) => n + a.daysAgo.length, 0) + 1}\naccesses to your data, last 30 days`,
    ]);
    // AGR-2025-0009 is a demo agreement recorded outside the workflow: pending, with no deadline.
    expect(await rowIds('to-decide', 'data-application')).toEqual(['AGR-2025-0009', ids.overdue, ids.onTime]);
    const overdue = page.locator(`tr[data-application="${ids.overdue}"]`);
    expect(await overdue.getAttribute('class')).toBe('gg-overdue');
    expect(await overdue.innerText()).toMatch(/end of \d{4}-\d{2}-\d{2} \(CST\)\s+overdue/);
    expect(await overdue.innerText()).toContain('from market-regulation');
    expect(await page.locator(`tr[data-application="${ids.onTime}"]`).innerText()).not.toContain('overdue');
    expect(await rowIds('to-answer', 'data-objection')).toEqual([ids.objection]);
    expect(await rowIds('agreements', 'data-agreement')).toEqual(['AGR-2025-0001', 'AGR-2025-0002', ids.expiring]);
    expect(await page.locator(`tr[data-agreement="${ids.expiring}"]`).innerText()).toContain('ends soon');
    expect(await page.locator('tr[data-agreement="AGR-2025-0001"]').innerText()).toContain('you receive from public-security');
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-1-civil-affairs.png`, fullPage: true });
  });

  it('charts who accessed its data per day and consumer, and counts each item per consumer', async () => {
    const chart = page.getByTestId('usage-chart');
    // One bar segment per consumer and day with accesses (several accesses on one day make one taller segment).
    const segments = await chart.locator('rect[data-consumer]').evaluateAll((rects) => rects.map((r) => `${r.parentElement!.getAttribute('data-day')} ${r.getAttribute('data-consumer')}`));
    const expectedDays = new Set(PAST_ACCESSES.flatMap(({ consumer, daysAgo }) => daysAgo.map((ago) => `${consumer}:${ago}`)));
    expect(segments.length).toBe(expectedDays.size + 1); // + today's request by tax
    expect(await chart.locator('figcaption').innerText()).toBe('human-resources\nnatural-resources\ntax');
    const table = page.getByTestId('usage-table');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Item', 'human-resources', 'market-regulation', 'natural-resources', 'tax']);
    const row = async (item: string) => (await table.locator(`tr[data-item="${item}"] td`).allInnerTexts()).map((text) => text.trim());
    // Tax: 10 past accesses and today's; market-regulation was denied marital status today (no agreement).
    expect(await row('Person.maritalStatus')).toEqual(['', '⊘1', '5', '11']);
    expect(await row('Person.marriageRecords')).toEqual(['', '', '5', '']);
    expect(await row('Person.subsistenceAllowance')).toEqual(['3', '', '', '']);
    expect(await page.getByTestId('recent-accesses').locator('tbody tr').first().innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CST\s+market-regulation · market-regulation-app/);
    expect(await page.getByTestId('schema-history').innerText()).toContain('v2 ·');
    expect(await page.getByTestId('schema-versions').locator(':scope > li').allInnerTexts()).toEqual([
      expect.stringMatching(/^v2 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} CST · ci-pipeline\nSubsistence allowances carry their monthly amount\nSubsistenceAllowance.monthlyAmount was added$/),
      expect.stringMatching(/^v1 · .* · wang\.fang\nno change to the served supergraph$/),
    ]);
    await page.locator('#accesses').screenshot({ path: `${ARTIFACTS}/dashboard-2-accesses.png` });
  });

  it('approves, rejects with a reason and answers an objection from the page', async () => {
    await page.locator(`tr[data-application="${ids.onTime}"]`).getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => rowIds('to-decide', 'data-application')).toEqual(['AGR-2025-0009', ids.overdue]);
    await page.locator(`tr[data-application="${ids.overdue}"]`).getByRole('button', { name: 'Reject…' }).click();
    await page.getByLabel(`Why ${ids.overdue} is rejected`).fill('Annual reports do not need family status');
    await page.locator(`tr[data-application="${ids.overdue}"]`).getByRole('button', { name: 'Reject', exact: true }).click();
    await expect.poll(() => rowIds('to-decide', 'data-application')).toEqual(['AGR-2025-0009']);
    await page.getByLabel(`Outcome of ${ids.objection}`).selectOption('CORRECTED');
    await page.getByLabel(`Note on ${ids.objection}`).fill('Divorce of 2024-05-10 registered; status corrected.');
    await page.locator(`tr[data-objection="${ids.objection}"]`).getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => page.getByTestId('to-answer').innerText()).toContain('No objection awaits your answer.');
    await expect.poll(tiles).toContain('4\nagreements in force\n1 end within 30 days');

    const decided = await gql({ department: 'civil-affairs', roles: ['analyst'] }, `query($a: String!, $b: String!, $o: String!) {
      a: application(id: $a) { status decision { reason actor } } b: application(id: $b) { status decision { reason actor } } o: objection(id: $o) { status answer { note actor } } }`,
    { a: ids.onTime, b: ids.overdue, o: ids.objection });
    expect(decided).toEqual({
      a: { status: 'APPROVED', decision: { reason: null, actor: 'civil-affairs-explorer' } },
      b: { status: 'REJECTED', decision: { reason: 'Annual reports do not need family status', actor: 'civil-affairs-explorer' } },
      o: { status: 'CORRECTED', answer: { note: 'Divorce of 2024-05-10 registered; status corrected.', actor: 'civil-affairs-explorer' } },
    });
  });

  it('lets an analyst read the dashboard without deciding', async () => {
    const pending = await apply('tax', {
      items: ['Person.maritalStatus'], purpose: 'individual-income-tax-deduction', legalBasis: 'Individual Income Tax Law art. 6', scenario: 'Spouse deduction checks for 2027',
    });
    await page.getByLabel('Development identity').selectOption('civil-affairs|analyst');
    await expect.poll(() => rowIds('to-decide', 'data-application')).toEqual(['AGR-2025-0009', pending]);
    const approve = page.locator(`tr[data-application="${pending}"]`).getByRole('button', { name: 'Approve' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await approve.getAttribute('title')).toBe('Only a dept-admin of civil-affairs may do this');
  });

  it('reads in Chinese, with times in China Standard Time, and loads nothing from another origin', async () => {
    await page.getByLabel('Language / 语言').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('部门工作台 · 民政局 (civil-affairs)');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByTestId('to-decide').innerText()).toMatch(/\d{4}-\d{2}-\d{2} 当日（北京时间）/);
    expect(await page.getByTestId('recent-accesses').locator('thead').innerText()).toContain('时间（北京时间）');
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-3-chinese.png`, fullPage: true });
    await page.getByLabel('Language / 语言').selectOption('en');
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
  });
});
