/**
 * GraphiQL in Debian's Chromium, against the real federation: every request the page makes stays on the gateway's
 * origin (no CDN, no font service, workers bundled); an analyst signs in with a development identity and a
 * purpose, runs OneStop and sees both data and the UNAUTHORIZED_FIELD_OR_TYPE error of an item its department holds
 * no agreement for; the response bar gives status, time, request id, headers, a cURL command, a share link and the
 * query plan; History is there; an X-Purpose typed in the Headers tab is sent alone (no more merged, refused
 * header); levels are visible in the docs' field lists, the Explorer tree and the editor, for the chosen purpose;
 * examples never open a duplicate tab; Chinese text takes Chinese glyph forms; the bar stays on one row at 1440
 * and 1024 px; a refused pasted token is not a sign-in. Screenshots go to test-artifacts/browser/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/index.ts';
import { ensureExplorerBuild } from '../../gateway/explorer/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { startExplorerGateway } from '../harness/explorer.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { barRows, platformFonts, selectedText, signedIn, textOf } from './pageHelpers.ts';
import { chineseFontInstalled, INSTALL_CHINESE_FONT, launchChromium, runBrowserSuites, runChineseGlyphChecks, type LaunchedChromium } from './chromium.ts';

const ARTIFACTS = 'test-artifacts/browser';
const population = createPopulation(TEST_POPULATION);
// A legal representative: public-security, human-resources and market-regulation all know them.
const resident = population.person(population.enterprise(0).legalRepresentativeIndex);

describe.skipIf(!runBrowserSuites)('GraphiQL in Chromium', () => {
  let federation: TestFederation;
  let gateway: RunningGateway;
  let chromium: LaunchedChromium;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const consoleErrors: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    chromium = await launchChromium();
    await ensureExplorerBuild();
    federation = await startFederation();
    gateway = await startExplorerGateway(federation, {
      developmentIdentities: { key: federation.callerKey },
      exampleVariables: { OneStop: { id: resident.idNumber } },
    });
    // Recorded on the context: pages and their workers alike.
    context = await chromium.browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.on('request', (request) => requested.push(request.url()));
    context.on('requestfailed', (request) => {
      // Leaving a page cancels what it was still loading (e.g. a Monaco worker): that is not a failure.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    context.on('response', (response) => {
      // The application run with the template's placeholders is refused on purpose (400 BAD_USER_INPUT, asserted below).
      const refusedOnPurpose = response.status() === 400 && (response.request().postData() ?? '').includes('"operationName":"ApplyForSharing"');
      if (response.status() >= 400 && !refusedOnPurpose) failed.push(`${response.url()}: HTTP ${response.status()}`);
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await gateway?.stop();
    await federation?.stop();
  });

  const tabs = () => page.getByRole('tab').allInnerTexts();
  const activeTab = () => page.locator('[role="tab"][aria-selected="true"]').innerText();
  const run = async (operationName: string) => {
    const answered = page.waitForResponse((r) => r.url() === `${gateway.origin}/graphql` && (r.request().postData() ?? '').includes(`"operationName":"${operationName}"`));
    await page.getByRole('button', { name: /Execute query/ }).click();
    return answered;
  };

  it('loads GraphiQL with History, the examples as tabs, and nothing from another origin', async () => {
    await page.goto(`${gateway.origin}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await expect.poll(() => textOf(page, '.result-window')).toContain('Not signed in: pick a development identity');
    await expect.poll(tabs).toEqual(['LegalRepresentatives', 'OneStop']);
    const sidebar = await page.locator('.graphiql-sidebar button[aria-label]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    expect(sidebar.slice(0, 5)).toEqual(['Show Documentation Explorer', 'Show History', 'Show GraphiQL Explorer', 'Show Examples', 'Show Query plan']);
    await page.screenshot({ path: `${ARTIFACTS}/1-graphiql-signed-out.png` });
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
  });

  it('signs in as a department, shows that identity in the bar, picks a purpose, and runs OneStop', async () => {
    await page.getByLabel('Development identity').selectOption('civil-affairs|analyst');
    await expect.poll(() => signedIn(page)).toBe('civil-affairs · analyst');
    expect(await page.getByTestId('signed-in').getAttribute('title')).toBe('Signed in as civil-affairs-explorer (civil-affairs · analyst)');
    await expect.poll(() => textOf(page, '.result-window')).not.toContain('Not signed in');
    await page.getByLabel('Purpose').selectOption('marriage-registration');
    // From the Examples pane: the tab that already holds OneStop, not a duplicate (twice).
    await page.getByRole('button', { name: 'Show Examples' }).click();
    for (let i = 0; i < 2; i++) await page.locator('.gg-examples').getByRole('button', { name: 'OneStop' }).click();
    expect(await tabs()).toEqual(['LegalRepresentatives', 'OneStop']);
    expect(await activeTab()).toBe('OneStop');
    await expect.poll(() => textOf(page, '.graphiql-editor-tool')).toContain(`"id": "${resident.idNumber}"`);
    const response = await run('OneStop');
    expect(response.request().headers()['x-purpose']).toBe('marriage-registration');
    expect(response.request().headers().authorization).toMatch(/^Bearer ey/);
    const body = (await response.json()) as { data: { person: Record<string, unknown> }; errors: { path: string[]; extensions: { code: string; item: string } }[]; extensions?: unknown };
    expect(body.data.person).toMatchObject({ name: resident.name, household: { address: expect.any(String), regionCode: expect.any(String) } });
    // civil-affairs' agreement with human-resources (AGR-2024-0007) has expired; natural-resources it never had.
    expect(body.errors.map((e) => [e.path.join('.'), e.extensions.code, e.extensions.item])).toEqual([
      ['person.socialInsurance', 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.socialInsurance'],
      ['person.realEstates', 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.realEstates'],
    ]);
    await expect.poll(() => textOf(page, '.result-window')).toContain('"code": "UNAUTHORIZED_FIELD_OR_TYPE"');
    // The plan goes to its pane, not into the result.
    expect(await textOf(page, '.result-window')).not.toContain('queryPlan');
    await page.screenshot({ path: `${ARTIFACTS}/2-onestop-result.png` });
  });

  it('shows the response\'s status, time, request id and headers, a cURL command and a share link', async () => {
    const bar = page.getByTestId('response-bar');
    await expect.poll(() => page.getByTestId('response-status').innerText()).toBe('HTTP 200');
    expect(await page.getByTestId('response-time').innerText()).toMatch(/^\d+ ms$/);
    expect(await page.getByTestId('purpose-used').innerText()).toBe('X-Purpose: marriage-registration');
    const requestId = await page.getByTestId('request-id').innerText();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await bar.getByRole('button', { name: 'Headers' }).click();
    const headers = Object.fromEntries((await bar.locator('.gg-headers tr').allInnerTexts()).map((row) => row.split('\t') as [string, string]));
    expect(headers['x-request-id']).toBe(requestId);
    expect(headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
    await page.screenshot({ path: `${ARTIFACTS}/3-response-headers.png` });

    await bar.getByRole('button', { name: 'Copy as cURL' }).click();
    const curl = await bar.getByLabel('Copy as cURL').innerText();
    expect(curl.split(' \\\n  ')).toEqual([
      `curl '${gateway.origin}/graphql'`,
      `-H 'accept: application/graphql-response+json, application/json'`,
      '-H "authorization: Bearer $GOVGRAPH_TOKEN"',
      `-H 'content-type: application/json'`,
      `-H 'x-purpose: marriage-registration'`,
      expect.stringMatching(/^--data-raw '\{"query":"# One applicant.*"operationName":"OneStop"\}'$/s),
    ]);
    expect(curl).not.toContain('eyJ');

    await bar.getByRole('button', { name: 'Share link' }).click();
    const link = new URL(await bar.getByLabel('Share link').innerText());
    expect([link.origin, link.pathname, JSON.parse(link.searchParams.get('variables')!)]).toEqual([gateway.origin, '/graphiql', { id: resident.idNumber }]);
    expect(link.searchParams.get('query')).toContain('query OneStop($id: ResidentId!)');
    const shared = await context.newPage();
    await shared.goto(link.toString());
    await expect.poll(() => shared.locator('[role="tab"][aria-selected="true"]').innerText()).toBe('OneStop');
    expect(await shared.getByRole('tab').allInnerTexts()).toEqual(['LegalRepresentatives', 'OneStop']);
    await shared.close();
  });

  it('shows the query plan of the operation as decided for the caller', async () => {
    await page.getByTestId('response-bar').getByRole('button', { name: 'Query plan' }).click();
    const plan = page.getByTestId('query-plan');
    await expect.poll(() => plan.innerText()).toMatch(/^QueryPlan \{/);
    expect(await page.locator('.gg-plan').innerText()).toContain('OneStop fetched from: public-security → market-regulation → tax → civil-affairs');
    // Withheld from civil-affairs: never fetched, so not in the plan.
    expect(await plan.innerText()).not.toContain('socialInsurance');
    expect(await plan.innerText()).not.toContain('realEstates');
    expect(await plan.innerText()).toContain('Fetch(service: "public-security")');
    await page.screenshot({ path: `${ARTIFACTS}/4-query-plan.png` });
  });

  it('keeps a History of what was run', async () => {
    await page.getByRole('button', { name: 'Show History' }).click();
    await expect.poll(() => page.locator('.graphiql-history').innerText()).toContain('OneStop');
  });

  it('sends an X-Purpose typed in the Headers tab instead of the selector\'s, and says so', async () => {
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await page.locator('.graphiql-editor-tool .monaco-editor[data-uri$="request-headers.json"]').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{"X-Purpose": "AGR-2025-0001"}');
    await page.keyboard.press('Shift+ControlOrMeta+End');
    await page.keyboard.press('Delete');
    const response = await run('OneStop');
    expect(response.status()).toBe(200);
    expect(response.request().headers()['x-purpose']).toBe('AGR-2025-0001');
    await expect.poll(() => page.getByTestId('purpose-used').innerText()).toBe(
      'X-Purpose: AGR-2025-0001 (from the Headers tab; the selector’s marriage-registration was not sent)',
    );
    await page.screenshot({ path: `${ARTIFACTS}/5-headers-tab-purpose.png` });
    // Back to the selector's purpose.
    await page.locator('.graphiql-editor-tool .monaco-editor[data-uri$="request-headers.json"]').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
  });

  it('marks levels for the chosen purpose in the docs\' field lists, the Explorer tree and the editor', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByRole('combobox').fill('Person');
    await page.getByRole('option', { name: /^Person/ }).first().click();
    const docs = page.locator('.graphiql-doc-explorer');
    const field = (name: string) => docs.locator('.graphiql-doc-explorer-item', { has: page.locator(`a.graphiql-doc-explorer-field-name:text-is("${name}")`) }).innerText();
    // The type's field list, not only each field's page, shows level, owner and what this purpose gets.
    await expect.poll(() => field('household')).toContain('CONDITIONAL · owner public-security · ✓ granted for this purpose by AGR-2025-0001');
    expect(await field('maritalStatus')).toContain('CONDITIONAL · owner civil-affairs · ✓ your department provides it');
    expect(await field('socialInsurance')).toContain('⊘ withheld: no agreement held; apply to human-resources for Person.socialInsurance');
    expect(await field('idNumber')).toContain('UNCONDITIONAL (sensitive) · owner public-security · ◐ shown masked');
    await page.screenshot({ path: `${ARTIFACTS}/6-docs-levels-in-field-list.png` });

    // Without a purpose the docs say so.
    await page.getByLabel('Purpose').selectOption('');
    await page.locator('.graphiql-doc-explorer').getByRole('combobox').fill('Person');
    await page.getByRole('option', { name: /^Person/ }).first().click();
    await expect.poll(() => field('household')).toContain('⊘ withheld: no purpose named; your agreements cover marriage-registration');
    await page.getByLabel('Purpose').selectOption('marriage-registration');

    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    const mark = (name: string, attribute: string) => page.locator(`.graphiql-plugin span[data-field-name="${name}"] > .graphiql-explorer-field-view`).first().getAttribute(attribute);
    await expect.poll(() => mark('socialInsurance', 'data-gg-status')).toBe('withheld');
    expect(await mark('socialInsurance', 'data-gg-badge')).toBe('C · withheld');
    expect(await mark('household', 'data-gg-status')).toBe('served');
    expect(await mark('person', 'data-gg-badge')).toBe('U');
    expect(await mark('birthDate', 'title')).toBe('Person.birthDate · UNCONDITIONAL · ✓ shared with every department');

    // In the editor: withheld fields struck through with a badge, masked ones noted.
    const badges = () => page.locator('.graphiql-query-editor [class*="gg-editor-badge-"]').evaluateAll((spans) => spans.map((s) => s.textContent?.replace(/\s+/g, ' ').trim()));
    await expect.poll(badges).toEqual(['◐ masked', '⊘ withheld', '⊘ withheld']);
    await page.screenshot({ path: `${ARTIFACTS}/7-explorer-and-editor-marks.png` });
  });

  it.skipIf(!runChineseGlyphChecks)('draws Chinese text with Chinese (not Japanese) glyph forms, in the result pane and the docs', async () => {
    expect(chineseFontInstalled, `a Simplified Chinese font is needed: ${INSTALL_CHINESE_FONT}`).toBe(true);
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.insertText(`query Name { person(idNumber: "${resident.idNumber}") { name } }`);
    await page.keyboard.press('Shift+ControlOrMeta+End');
    await page.keyboard.press('Delete');
    await expect.poll(() => activeTab()).toBe('Name');
    await run('Name');
    await expect.poll(() => textOf(page, '.result-window')).toContain(resident.name);
    expect(await platformFonts(page, '.result-window .view-line span', resident.name)).toEqual(['Noto Sans Mono CJK SC']);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByRole('combobox').fill('Household');
    await page.getByRole('option', { name: /^Household/ }).first().click();
    expect(await platformFonts(page, '.graphiql-doc-explorer p', '户籍')).toEqual(['Noto Sans CJK SC']);
    await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();
  });

  it('signs in with a pasted token, and does not show a refused one as signed in', async () => {
    // With development identities, the identity list's first choice signs out.
    await page.getByLabel('Development identity').selectOption({ label: 'Sign out' });
    await expect.poll(() => selectedText(page, 'Development identity')).toBe('Sign in as…');
    await page.getByRole('button', { name: 'Token…' }).click();
    await page.getByLabel('Bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.locator('.gg-bar [role="alert"]').innerText()).toBe('Token refused, not signed in: The token is malformed: it is not a signed JWT.');
    expect(await page.getByTestId('signed-in').count()).toBe(0);
    expect(await selectedText(page, 'Development identity')).toBe('Sign in as…');
    await page.screenshot({ path: `${ARTIFACTS}/8-refused-token.png` });

    // The token field stays open with the refusal, to paste another.
    const { authorization } = await federation.as({ department: 'tax', application: 'tax-assessment' });
    await page.getByLabel('Bearer token').fill(authorization!);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => signedIn(page)).toBe('tax-assessment (tax · app)');
    expect(await page.locator('.gg-bar [role="alert"]').count()).toBe(0);
    await expect.poll(() => page.getByLabel('Purpose').locator('option').allInnerTexts()).toEqual([
      'No purpose (conditional items withheld)', 'individual-income-tax-deduction', 'property-tax-assessment',
      'AGR-2025-0002 · civil-affairs', 'AGR-2025-0003 · natural-resources', 'AGR-2025-0004 · public-security', 'AGR-2025-0005 · human-resources',
    ]);
  });

  it('keeps the bar on one row at 1440 and 1024 px, the longest purpose chosen', async () => {
    await page.getByLabel('Purpose').selectOption('individual-income-tax-deduction');
    expect(await barRows(page)).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/9-bar-1440.png`, clip: { x: 0, y: 0, width: 1440, height: 120 } });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: `${ARTIFACTS}/9-bar-1024.png` });
    expect(await barRows(page)).toBe(1);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('reads in Chinese', async () => {
    await page.getByLabel('Language / 语言').selectOption('zh-CN');
    await expect.poll(() => page.locator('.gg-nav').innerText()).toBe('GraphiQL\n资源目录\n部门工作台');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await barRows(page)).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/10-graphiql-chinese.png` });
    await page.getByLabel('Language / 语言').selectOption('en');
  });

  it('made no request outside the gateway\'s origin, none that failed unexpectedly, and broke no content security policy', () => {
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    // The one refusal was the pasted non-token.
    expect(failed).toEqual([`${gateway.origin}/explorer/agreements: HTTP 401`]);
  });
});
