/**
 * The residents' page in Debian's Chromium, against the real federation and platform store: tax runs the canonical
 * OneStop for a resident; the resident signs in (the embedded default's development resident issuer), sees that
 * access in plain words (department, application, items, purpose, agreements, China Standard Time), asks civil
 * affairs to correct the marital status; civil affairs answers it on its dashboard (the ordinary objection path);
 * the resident sees it answered, in English and in Chinese. Nothing is loaded from another origin. Screenshots go
 * to test-artifacts/browser/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/index.ts';
import { ensureExplorerBuild } from '../../gateway/explorer/index.ts';
import { loadOrCreateDevelopmentKey } from '../../gateway/identify/index.ts';
import { DEVELOPMENT_RESIDENT_ISSUER } from '../../sharing/residents.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startExplorerGateway } from '../harness/explorer.ts';
import { startWorkflowFederation, type WorkflowFederation } from '../integration/workflowFederation.ts';
import { launchChromium, runBrowserSuites, type LaunchedChromium } from './chromium.ts';

const ARTIFACTS = 'test-artifacts/browser';
const ONE_STOP = readFileSync(new URL('../../schema/operations/OneStop.graphql', import.meta.url), 'utf8');
const resident = createPopulation(TEST_POPULATION).person(3).idNumber;

describe.skipIf(!runBrowserSuites)('the residents\' page in Chromium', () => {
  let federation: WorkflowFederation;
  let gateway: RunningGateway;
  let chromium: LaunchedChromium;
  let context: BrowserContext;
  let page: Page;
  let correction: string;
  const requested: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    chromium = await launchChromium();
    await ensureExplorerBuild();
    federation = await startWorkflowFederation();
    const callerKey = await loadOrCreateDevelopmentKey(federation.departments.dataDir);
    gateway = await startExplorerGateway(
      { callerKey, platform: federation.platform, departments: federation.departments },
      { developmentIdentities: { key: callerKey, residentKey: federation.residentKey }, exampleVariables: { OneStop: { id: resident } } },
      SUPERGRAPH_FILE,
      { jwks: federation.residentKey.jwks, issuers: [DEVELOPMENT_RESIDENT_ISSUER] },
    );
    // The canonical OneStop, as tax's property-tax application, through the gateway.
    const oneStop = await postGraphQL(`${gateway.origin}/graphql`, { query: ONE_STOP, variables: { id: resident } },
      await federation.as({ department: 'tax', application: 'tax-demo', purpose: 'property-tax-assessment' }));
    expect(oneStop.status).toBe(200);
    context = await chromium.browser.newContext({ viewport: { width: 1360, height: 900 } });
    context.on('request', (request) => requested.push(request.url()));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 180_000);

  afterAll(async () => {
    await chromium?.close();
    await gateway?.stop();
    await federation?.stop();
  });

  const accessRows = () => page.getByTestId('accesses').locator('tbody tr');

  it('signs a synthetic resident in and shows the OneStop tax made for them, in plain words', async () => {
    await page.goto(`${gateway.origin}/residents`);
    await expect.poll(() => page.getByTestId('resident-sign-in').innerText()).toContain('Development sign-in');
    expect(await page.getByLabel('Resident ID').inputValue()).toBe(resident);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in').innerText()).toBe(`Signed in as resident ${resident}`);
    await expect.poll(() => accessRows().count()).toBe(1);
    const row = await accessRows().first().innerText();
    expect(row).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CST\s+Taxation\s+tax-demo/);
    expect(row).toContain('property-tax-assessment');
    expect(row).toContain('AGR-2025-0004 · Public Security');
    expect(row).toContain('The household (户) the resident is registered in');
    expect(await page.getByTestId('accesses').locator('h2').innerText()).toBe('Accesses to your data 1');
    await page.screenshot({ path: `${ARTIFACTS}/residents-1-accesses.png`, fullPage: true });
  });

  it('files a correction of the marital status, tracked as awaiting civil affairs\' answer', async () => {
    await page.getByLabel('Item', { exact: true }).selectOption('Person.maritalStatus');
    await page.getByLabel('What is wrong, and what is right').fill('I divorced on 2024-05-10; the record still says married.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/^Request OBJ-\d{4}-\d{4} sent to Civil Affairs; the answer is due by end of \d{4}-\d{2}-\d{2} \(CST\)\.$/);
    const rows = page.getByTestId('corrections').locator('tr[data-correction]');
    await expect.poll(() => rows.count()).toBe(1);
    correction = (await rows.first().getAttribute('data-correction'))!;
    expect(await rows.first().getAttribute('data-status')).toBe('OPEN');
    expect(await rows.first().innerText()).toMatch(/awaiting the answer\s+answer due by end of \d{4}-\d{2}-\d{2} \(CST\)/);
    await page.getByTestId('corrections').screenshot({ path: `${ARTIFACTS}/residents-2-correction-filed.png` });
  });

  it('shows it answered once civil affairs answers it on its dashboard', async () => {
    const dashboard = await context.newPage();
    await dashboard.goto(`${gateway.origin}/dashboard`);
    await dashboard.getByLabel('Development identity').selectOption('civil-affairs|dept-admin');
    const objection = dashboard.locator(`tr[data-objection="${correction}"]`);
    await expect.poll(() => objection.innerText()).toContain('Person.maritalStatus');
    await dashboard.getByLabel(`Outcome of ${correction}`).selectOption('CORRECTED');
    await dashboard.getByLabel(`Note on ${correction}`).fill('Divorce of 2024-05-10 registered; your status is now divorced.');
    await objection.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => dashboard.getByTestId('to-answer').innerText()).toContain('No objection awaits your answer.');
    await dashboard.close();

    await page.reload();
    const row = page.locator(`tr[data-correction="${correction}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('CORRECTED');
    expect(await row.innerText()).toMatch(/corrected\s+Answer of \d{4}-\d{2}-\d{2} \d{2}:\d{2} CST: Divorce of 2024-05-10 registered; your status is now divorced\./);
    await page.screenshot({ path: `${ARTIFACTS}/residents-3-answered.png`, fullPage: true });
  });

  it('reads in Chinese, with times in China Standard Time, and loads nothing from another origin', async () => {
    await page.getByLabel('Language / 语言').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('谁使用了我的数据');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const row = await accessRows().first().innerText();
    expect(row).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）\s+税务局/);
    expect(row).toContain('户籍信息');
    expect(await page.locator(`tr[data-correction="${correction}"]`).innerText()).toContain('已更正');
    await page.screenshot({ path: `${ARTIFACTS}/residents-4-chinese.png`, fullPage: true });
    await page.getByLabel('Language / 语言').selectOption('en');
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
  });
});
