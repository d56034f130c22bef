/**
 * GraphiQL and the catalogue in Debian's Chromium, against the real federation: every request the pages make
 * stays on the gateway's origin (no CDN, no font service, workers bundled), an analyst signs in with a
 * development identity and a purpose, runs OneStop and sees both data and the UNAUTHORIZED_FIELD_OR_TYPE error
 * of an item its department holds no agreement for, reads the sharing notes in the docs, searches the
 * catalogue and follows its application link back into GraphiQL. Screenshots go to test-artifacts/browser/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/index.ts';
import { ensureExplorerBuild } from '../../gateway/explorer/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';
import { startExplorerGateway } from '../harness/explorer.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';
import { launchChromium, runBrowserSuites, type LaunchedChromium } from './chromium.ts';

const ARTIFACTS = 'test-artifacts/browser';
const population = createPopulation(TEST_POPULATION);
// A legal representative: public-security, human-resources and market-regulation all know them.
const resident = population.person(population.enterprise(0).legalRepresentativeIndex);

/** Visible text with Monaco's non-breaking spaces and wrapped lines made plain. */
const textOf = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');

interface ApplicationResult {
  data: { applyForSharing: { application: Record<string, unknown> } } | null;
  errors?: { message: string; extensions: { code: string } }[];
}

/** Runs the active tab (the application) and returns the gateway's answer. */
async function runApplication(page: Page, gateway: RunningGateway): Promise<ApplicationResult> {
  const answered = page.waitForResponse((r) => r.url() === `${gateway.origin}/graphql` && (r.request().postData() ?? '').includes('"operationName":"ApplyForSharing"'));
  await page.getByRole('button', { name: /Execute query/ }).click();
  return (await (await answered).json()) as ApplicationResult;
}

describe.skipIf(!runBrowserSuites)('the explorer in Chromium', () => {
  let federation: TestFederation;
  let gateway: RunningGateway;
  let chromium: LaunchedChromium;
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
    const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
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

  it('loads GraphiQL with nothing from another origin', async () => {
    await page.goto(`${gateway.origin}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await expect.poll(() => textOf(page, '.result-window')).toContain('Not signed in: pick a development identity');
    // The saved examples open as tabs on a first visit.
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['LegalRepresentatives', 'OneStop']);
    await page.screenshot({ path: `${ARTIFACTS}/1-graphiql-signed-out.png` });
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
  });

  it('signs in as a department, picks a purpose, and runs OneStop', async () => {
    await page.getByLabel('Development identity').selectOption('civil-affairs|analyst');
    await expect.poll(() => page.getByTestId('signed-in').innerText()).toContain('civil-affairs-explorer (civil-affairs · analyst)');
    await expect.poll(() => textOf(page, '.result-window')).not.toContain('Not signed in');
    await page.getByLabel('Purpose').selectOption('marriage-registration');
    // From the Examples pane: a new tab with the example's query and variables.
    await page.getByRole('button', { name: 'Show Examples' }).click();
    await page.locator('.gg-examples').getByRole('button', { name: 'OneStop' }).click();
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['LegalRepresentatives', 'OneStop', 'OneStop']);
    await expect.poll(() => textOf(page, '.graphiql-editor-tool')).toContain(`"id": "${resident.idNumber}"`);
    const answered = page.waitForResponse((r) => r.url() === `${gateway.origin}/graphql` && (r.request().postData() ?? '').includes('"operationName":"OneStop"'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = await answered;
    expect(response.request().headers()['x-purpose']).toBe('marriage-registration');
    expect(response.request().headers().authorization).toMatch(/^Bearer ey/);
    const body = (await response.json()) as { data: { person: Record<string, unknown> }; errors: { path: string[]; extensions: { code: string; item: string } }[] };
    expect(body.data.person).toMatchObject({ name: resident.name, household: { address: expect.any(String), regionCode: expect.any(String) } });
    // civil-affairs' agreement with human-resources (AGR-2024-0007) has expired; natural-resources it never had.
    expect(body.errors.map((e) => [e.path.join('.'), e.extensions.code, e.extensions.item])).toEqual([
      ['person.socialInsurance', 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.socialInsurance'],
      ['person.realEstates', 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.realEstates'],
    ]);
    await expect.poll(() => textOf(page, '.result-window')).toContain('"code": "UNAUTHORIZED_FIELD_OR_TYPE"');
    await page.screenshot({ path: `${ARTIFACTS}/2-onestop-result.png` });
  });

  it('shows each item\'s level, owner and agreement in the docs', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByRole('combobox').fill('socialInsurance');
    await page.getByRole('option', { name: /socialInsurance/ }).first().click();
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => docs.innerText()).toContain('No agreement held: apply to human-resources for Person.socialInsurance');
    await expect.poll(() => docs.innerText()).toContain('CONDITIONAL');
    await page.screenshot({ path: `${ARTIFACTS}/3-docs-sharing-note.png` });
  });

  it('searches the catalogue and opens a pre-filled application in GraphiQL', async () => {
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: 'Data sharing catalogue' }).waitFor();
    const rows = page.locator('tr[data-item]');
    const listed = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-item')));
    expect((await listed()).length).toBeGreaterThan(50);
    await page.screenshot({ path: `${ARTIFACTS}/4-catalogue.png` });
    await page.getByLabel('Search the catalogue').fill('household');
    await expect.poll(listed).toEqual([
      'Household.address', 'Household.regionCode', 'Household.householdNumber', 'Household.relationToHead', 'Household.registeredOn', 'Person.household',
    ]);
    await page.getByLabel('Search the catalogue').fill('Person.household');
    await expect.poll(listed).toEqual(['Person.household']);
    expect(await rows.first().innerText()).toContain('Agreement held: AGR-2025-0001 (marriage-registration');
    await page.screenshot({ path: `${ARTIFACTS}/4-catalogue-searched.png`, fullPage: true });
    // Applications are submitted by the department's dept-admin.
    await page.getByLabel('Development identity').selectOption('civil-affairs|dept-admin');
    await expect.poll(() => page.getByTestId('signed-in').innerText()).toContain('(civil-affairs · dept-admin)');
    await page.getByLabel('Search the catalogue').fill('socialInsurance');
    await page.locator('tr[data-item="Person.socialInsurance"]').getByRole('link', { name: 'Apply to human-resources' }).click();
    await page.locator('.graphiql-container').waitFor();
    await expect.poll(() => textOf(page, '.graphiql-query-editor')).toContain('applyForSharing(input: $input)');
    await expect.poll(() => textOf(page, '.graphiql-editor-tool')).toContain('"Person.socialInsurance"');
    await page.screenshot({ path: `${ARTIFACTS}/5-application-prefilled.png` });

    // As linked, the placeholders are refused: nothing is applied for by accident.
    const refused = await runApplication(page, gateway);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    await page.locator('.graphiql-editor-tool .monaco-editor[data-uri$="-variables.json"]').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify({
      input: {
        provider: 'human-resources', items: ['Person.socialInsurance'], purpose: 'subsistence-allowance-review',
        legalBasis: 'Measures for Subsistence Allowances, art. 12', scenario: 'Reviewing subsistence allowance households', validUntil: '2030-01-01',
      },
    }));
    // Monaco closes brackets and quotes as text arrives: drop what it added after the cursor.
    await page.keyboard.press('Shift+ControlOrMeta+End');
    await page.keyboard.press('Delete');
    const applied = await runApplication(page, gateway);
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyForSharing.application).toMatchObject({
      status: 'PENDING', provider: 'human-resources', items: ['Person.socialInsurance'], purpose: 'subsistence-allowance-review',
    });
    await expect.poll(() => textOf(page, '.result-window')).toContain('"status": "PENDING"');
    await page.screenshot({ path: `${ARTIFACTS}/6-application-submitted.png` });
  });

  it('signs in with a pasted token', async () => {
    const { authorization } = await federation.as({ department: 'tax', application: 'tax-assessment' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Bearer token').fill(authorization!);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.getByTestId('signed-in').innerText()).toContain('tax-assessment (tax · app)');
    await expect.poll(() => page.getByLabel('Purpose').locator('option').allInnerTexts()).toContain(
      'property-tax-assessment (AGR-2025-0003, AGR-2025-0004, AGR-2025-0005)',
    );
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    await page.screenshot({ path: `${ARTIFACTS}/7-pasted-token-explorer-plugin.png` });
  });

  it('made no request outside the gateway\'s origin, none that failed, and broke no content security policy', () => {
    expect(requested.filter((url) => !url.startsWith(`${gateway.origin}/`))).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    expect(failed).toEqual([]);
  });
});
