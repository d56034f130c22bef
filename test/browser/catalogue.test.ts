/**
 * The catalogue page in Debian's Chromium, against the real federation: government data apart from the
 * platform's own API, departments by title and Chinese name, a table of contents, a search that finds Chinese
 * terms, department and level filters, cycle and sensitivity columns, what the signed-in department may use
 * (unconditional items reached only through a conditional one are not "available"), no purpose selector, badges
 * that never break inside a level at 1024 px, a page that prints whole, a CSV export with a byte-order mark, and an
 * Apply link that opens the application in a tab of its own titled with its operation — on a first visit too — and
 * the open disputes about an item, shown only to the departments they concern.
 * Screenshots go to test-artifacts/browser/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/index.ts';
import { ensureExplorerBuild } from '../../gateway/explorer/index.ts';
import { postGraphQL } from '../harness/departments.ts';
import { startExplorerGateway } from '../harness/explorer.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { chineseFontInstalled, INSTALL_CHINESE_FONT, launchChromium, runBrowserSuites, runChineseGlyphChecks, type LaunchedChromium } from './chromium.ts';
import { platformFonts, signedIn, textOf } from './pageHelpers.ts';

const ARTIFACTS = 'test-artifacts/browser';

interface ApplicationResult {
  data: { applyForSharing: { application: Record<string, unknown> } } | null;
  errors?: { message: string; extensions: { code: string } }[];
}

/** A fresh browser profile (no tabs kept, nothing stored): a first visit. */
async function freshPage(browser: Browser, requested: string[], width = 1440, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  context.on('request', (request) => requested.push(request.url()));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

describe.skipIf(!runBrowserSuites)('the catalogue in Chromium', () => {
  let federation: TestFederation;
  let gateway: RunningGateway;
  let chromium: LaunchedChromium;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    chromium = await launchChromium();
    await ensureExplorerBuild();
    federation = await startFederation();
    gateway = await startExplorerGateway(federation, { developmentIdentities: { key: federation.callerKey } });
    page = await freshPage(chromium.browser, requested);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await gateway?.stop();
    await federation?.stop();
  });

  const listed = () => page.locator('tr[data-item]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item')));
  const sections = () => page.locator('section[data-department]').evaluateAll((all) => all.map((s) => s.getAttribute('data-department')));
  const search = (text: string) => page.getByLabel('Search the catalogue').fill(text);

  it('lists government data by department, with titles and Chinese names, and the platform\'s own API apart', async () => {
    await page.goto(`${gateway.origin}/`);
    // `/` lands in GraphiQL; the catalogue is one link away.
    expect(new URL(page.url()).pathname).toBe('/graphiql');
    await page.getByLabel('Development identity').selectOption('tax|analyst');
    await expect.poll(() => signedIn(page)).toBe('tax · analyst');
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: 'Data sharing catalogue' }).waitFor();
    // No purpose here: it changes nothing on this page.
    expect(await page.getByLabel('Purpose').count()).toBe(0);
    await expect.poll(sections).toEqual(['civil-affairs', 'health', 'human-resources', 'market-regulation', 'natural-resources', 'public-security', 'tax']);
    expect((await listed()).some((item) => item!.startsWith('Access.') || item!.startsWith('Query.catalogue'))).toBe(false);
    expect(await page.locator('.gg-contents li').allInnerTexts()).toEqual([
      'Civil Affairs (civil-affairs) 10 items', 'Health (health) 15 items', 'Human Resources and Social Security (human-resources) 9 items',
      'Market Regulation (market-regulation) 17 items', 'Natural Resources (natural-resources) 8 items', 'Public Security (public-security) 12 items',
      'Taxation (tax) 6 items',
    ]);
    expect(await page.locator('section[data-department="civil-affairs"] h2').innerText()).toBe('Civil Affairs 民政局civil-affairs');
    const row = (item: string) => page.locator(`tr[data-item="${item}"] td`).allInnerTexts();
    expect(await row('Person.idNumber')).toEqual(['idNumber (key)\n公民身份号码', 'UNCONDITIONAL\nsensitive', 'on change', 'Resident ID.', 'available, masked']);
    expect((await row('Enterprise.taxCreditRating'))[2]).toBe('yearly');
    // Unconditional itself, but reached only through the conditional Person.marriageRecords tax does not hold.
    expect((await row('MarriageRecord.spouse'))[4]).toBe('only through Person.marriageRecords (apply for it first)');
    expect((await row('Person.household'))[4]).toMatch(/^Agreement held: AGR-2025-0004 \(property-tax-assessment, until 2030-12-31 08:00 CST\)$/);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-1-signed-in.png` });

    await page.getByLabel(/Show the platform’s own API/).check();
    await expect.poll(sections).toContain('platform');
    expect(await page.locator('section[data-department="platform"] .gg-department-facts').innerText()).toContain('the sharing platform’s own API');
    await page.getByLabel(/Show the platform’s own API/).uncheck();
  });

  it('finds Chinese terms, and filters by department and level', async () => {
    await search('婚姻');
    await expect.poll(listed).toEqual([
      'MarriageRecord.kind', 'MarriageRecord.registeredOn', 'MarriageRecord.registrationOffice', 'MarriageRecord.spouse', 'Person.maritalStatus', 'Person.marriageRecords',
    ]);
    if (runChineseGlyphChecks) {
      expect(chineseFontInstalled, `a Simplified Chinese font is needed: ${INSTALL_CHINESE_FONT}`).toBe(true);
      expect(await platformFonts(page, 'tr[data-item="Person.maritalStatus"] .gg-zh', '婚姻状况')).toEqual(['Noto Sans CJK SC']);
    }
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-2-search-chinese.png` });
    await search('household');
    await expect.poll(listed).toEqual([
      'Household.address', 'Household.regionCode', 'Household.householdNumber', 'Household.relationToHead', 'Household.registeredOn', 'Person.household',
    ]);
    await search('');
    await page.getByLabel('Department').selectOption('health');
    await page.getByLabel('Level').selectOption('NONE');
    await expect.poll(listed).toEqual(['Diagnosis.code', 'Diagnosis.name', 'Diagnosis.diagnosedOn', 'Diagnosis.hospital', 'Person.diagnoses']);
    // The department view: its schema history open (never published here), the filters in the address.
    expect(new URL(page.url()).search).toBe('?department=health&level=NONE');
    await expect.poll(() => page.locator('.gg-history').innerText()).toContain('No version published yet');
    expect(await page.locator('.gg-department-facts').innerText()).toMatch(/^Subgraph version sha256:[0-9a-f]{12} · 5 of 15 items shown/);
    await page.getByLabel('Level').selectOption('');
    await page.getByLabel('Department').selectOption('');
  });

  it('exports what is shown as CSV with a byte-order mark', async () => {
    await search('婚姻');
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await (await downloaded).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('department,department_title,department_title_zh,version,resource,item,name_zh,level,sensitive,key,cycle,type,description,reason,access');
    expect(lines.length).toBe(6 + 2); // header, six items, and the empty string after the last CRLF
    expect(lines.find((line) => line.includes(',Person.maritalStatus,'))).toMatch(/^civil-affairs,Civil Affairs,民政局,sha256:[0-9a-f]{12},Person,Person\.maritalStatus,婚姻状况,CONDITIONAL,false,false,ON_CHANGE,MaritalStatus,/);
    await search('');
  });

  it('keeps level badges whole at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const broken = await page.locator('.gg-level').evaluateAll((badges) => badges.filter((badge) => badge.getClientRects().length !== 1).map((badge) => badge.textContent));
    expect(broken).toEqual([]);
    const heights = await page.locator('tr[data-item] .gg-level').evaluateAll((badges) => [...new Set(badges.map((badge) => Math.round(badge.getBoundingClientRect().height)))]);
    expect(heights.length).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-3-1024.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('prints whole: every department, without the bar and the controls', async () => {
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(5);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.gg-bar').isVisible()).toBe(false);
    expect(await page.locator('.gg-filters').isVisible()).toBe(false);
    expect(await page.locator('.gg-print-only').innerText()).toMatch(/^As seen by tax, \d{4}-\d{2}-\d{2} \d{2}:\d{2} CST\.$/);
    await page.emulateMedia({ media: 'screen' });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(5000);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-4-full-page.png`, fullPage: true });
  });

  it('opens an Apply link in a tab of its own titled with its operation, on a first visit', async () => {
    const first = await freshPage(chromium.browser, requested);
    await first.goto(`${gateway.origin}/catalog`);
    await first.getByLabel('Development identity').selectOption('civil-affairs|dept-admin');
    await first.getByLabel('Search the catalogue').fill('socialInsurance');
    await first.locator('tr[data-item="Person.socialInsurance"]').getByRole('link', { name: 'Apply to human-resources' }).click();
    await first.locator('.graphiql-container').waitFor();
    await expect.poll(() => first.getByRole('tab').allInnerTexts()).toEqual(['LegalRepresentatives', 'OneStop', 'ApplyForSharing']);
    expect(await first.locator('[role="tab"][aria-selected="true"]').innerText()).toBe('ApplyForSharing');
    await expect.poll(() => textOf(first, '.graphiql-query-editor')).toContain('applyForSharing(input: $input)');
    await expect.poll(() => textOf(first, '.graphiql-editor-tool')).toContain('"Person.socialInsurance"');
    // The examples kept their own tabs and contents.
    await first.getByRole('tab', { name: 'LegalRepresentatives' }).click();
    await expect.poll(() => textOf(first, '.graphiql-query-editor')).toContain('query LegalRepresentatives');
    await first.getByRole('tab', { name: 'ApplyForSharing' }).click();
    await first.screenshot({ path: `${ARTIFACTS}/catalogue-5-apply-first-visit.png` });

    const runApplication = async (): Promise<ApplicationResult> => {
      const answered = first.waitForResponse((r) => r.url() === `${gateway.origin}/graphql` && (r.request().postData() ?? '').includes('"operationName":"ApplyForSharing"'));
      await first.getByRole('button', { name: /Execute query/ }).click();
      return (await (await answered).json()) as ApplicationResult;
    };
    // As linked, the placeholders are refused: nothing is applied for by accident.
    const refused = await runApplication();
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    await first.locator('.graphiql-editor-tool .monaco-editor[data-uri$="-variables.json"]').click();
    await first.keyboard.press('ControlOrMeta+A');
    await first.keyboard.insertText(JSON.stringify({
      input: {
        provider: 'human-resources', items: ['Person.socialInsurance'], purpose: 'subsistence-allowance-review',
        legalBasis: 'Measures for Subsistence Allowances, art. 12', scenario: 'Reviewing subsistence allowance households', validUntil: '2030-01-01',
      },
    }));
    // Monaco closes brackets and quotes as text arrives: drop what it added after the cursor.
    await first.keyboard.press('Shift+ControlOrMeta+End');
    await first.keyboard.press('Delete');
    const applied = await runApplication();
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyForSharing.application).toMatchObject({
      status: 'PENDING', provider: 'human-resources', items: ['Person.socialInsurance'], purpose: 'subsistence-allowance-review',
    });
    await first.context().close();
  });

  it('reads in Chinese', async () => {
    await page.getByLabel('Language / 语言').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('政务数据共享目录');
    expect((await page.locator('section[data-department="civil-affairs"] thead').first().innerText()).trim()).toBe('信息项\t共享属性\t更新周期\t说明与依据\ttax 可否使用');
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-6-chinese.png` });
    await page.getByLabel('Language / 语言').selectOption('en');
  });

  it('shows the open disputes about an item to the departments they concern, with their stage and deadline, in English and Chinese', async () => {
    const as = async (department: string, query: string, variables: Record<string, unknown>) => {
      const answer = await postGraphQL(federation.gateway.url, { query, variables }, await federation.as({ department, application: `${department}-admin`, roles: ['dept-admin'] }));
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data;
    };
    const applied = await as('market-regulation', 'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { application { id } } }', {
      input: {
        provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: 'disputed-marital-check', legalBasis: 'Regulations on Enterprise Information Disclosure art. 9',
        scenario: 'Checking the family status legal representatives declare', validUntil: '2030-01-01',
      },
    });
    const application = applied.applyForSharing.application.id as string;
    await as('civil-affairs', 'mutation($input: ApplicationDecisionInput!) { decideApplication(input: $input) { id } }', { input: { id: application, decision: 'REJECT', reason: 'Not needed' } });
    const { id, deadline } = (await as('market-regulation', 'mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) { id deadline } }', {
      input: { application, statement: 'Annual reports need it' },
    })).raiseDispute as { id: string; deadline: string };
    const lastDay = new Date(new Date(deadline).getTime() - 1 + 8 * 3_600_000).toISOString().slice(0, 10);

    const other = await freshPage(chromium.browser, requested);
    await other.goto(`${gateway.origin}/catalog?department=civil-affairs`);
    await other.getByLabel('Development identity').selectOption('civil-affairs|analyst');
    const disputes = other.locator('tr[data-item="Person.maritalStatus"] [data-testid="disputes"] li');
    await expect.poll(() => disputes.allInnerTexts()).toEqual([
      `Dispute ${id} of market-regulation with civil-affairs: negotiation between the departments, due end of ${lastDay} (CST)`,
    ]);
    expect(await other.locator('[data-testid="disputes"]').count()).toBe(1);
    await other.locator('tr[data-item="Person.maritalStatus"]').screenshot({ path: `${ARTIFACTS}/catalogue-7-dispute.png` });
    await other.getByLabel('Language / 语言').selectOption('zh-CN');
    await expect.poll(() => disputes.allInnerTexts()).toEqual([`争议 ${id}（market-regulation 与 civil-affairs）：部门间协商，期限 ${lastDay} 当日（北京时间）`]);
    await other.getByLabel('Language / 语言').selectOption('en');
    // Tax is no party to it: its catalogue shows no dispute.
    const read = other.waitForResponse((r) => r.url() === `${gateway.origin}/graphql` && (r.request().postData() ?? '').includes('CatalogueDisputes'));
    await other.getByLabel('Development identity').selectOption('tax|analyst');
    await expect.poll(() => signedIn(other)).toBe('tax · analyst');
    expect(((await (await read).json()) as { data: { disputes: { nodes: unknown[] } } }).data.disputes.nodes).toEqual([]);
    await other.locator('tr[data-item="Person.maritalStatus"]').waitFor();
    expect(await other.locator('[data-testid="disputes"]').count()).toBe(0);
    await other.context().close();
  });

  it('loads nothing from another origin', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
  });
});
