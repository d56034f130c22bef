/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
/** What the browser tests read off the explorer's pages. */
import type { Page } from 'playwright-core';

/** Visible text with Monaco's non-breaking spaces and wrapped lines made plain. */
export const textOf = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');

/** The text of the option a labelled select shows. */
export function selectedText(page: Page, label: string): Promise<string> {
  return page.getByLabel(label).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text ?? '');
}

/** Who the bar says is signed in: the identity select's shown option, or the signed-in text. */
export async function signedIn(page: Page): Promise<string | null> {
  const who = page.getByTestId('signed-in');
  if ((await who.count()) === 0) return null;
  return who.evaluate((element) => (element instanceof HTMLSelectElement ? (element.selectedOptions[0]?.text ?? '') : (element as HTMLElement).innerText));
}

/** How many rows the bar's visible items take (items whose vertical centres differ by more than 6 px). */
export function barRows(page: Page): Promise<number> {
  return page.locator('.gg-bar').evaluate((bar) => {
    const centres = [...bar.children].map((child) => child.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map((r) => r.top + r.height / 2);
    const rows: number[] = [];
    for (const centre of centres) if (!rows.some((row) => Math.abs(row - centre) <= 6)) rows.push(centre);
    return rows.length;
  });
}

/**
 * The font faces Chromium drew the first element matching `selector` whose text includes `text` with, as the
 * DevTools protocol reports them (`CSS.getPlatformFontsForNode`), for the characters of that text only.
 */
export async function platformFonts(page: Page, selector: string, text: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    // An editor may render its lines again between two calls: mark the element and ask at once, a few times.
    for (let attempt = 0; attempt < 5; attempt++) {
      const marked = await page.evaluate(([css, wanted]) => {
        const element = [...document.querySelectorAll(css)].find((e) => e.textContent?.includes(wanted) && e.children.length === 0);
        element?.setAttribute('data-font-probe', '1');
        return element !== undefined;
      }, [selector, text] as const);
      if (!marked) throw new Error(`No ${selector} holds "${text}".`);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-font-probe="1"]' });
      if (nodeId === 0) continue;
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      // Faces that drew CJK characters (Latin quotes and spaces may come from another face).
      return [...new Set(fonts.filter((font) => /CJK|Han|PingFang|YaHei|WenQuanYi/i.test(font.familyName)).map((font) => font.familyName))];
    }
    throw new Error(`The element of ${selector} holding "${text}" kept being rendered again.`);
  } finally {
    await page.evaluate(() => document.querySelectorAll('[data-font-probe]').forEach((e) => e.removeAttribute('data-font-probe')));
    await cdp.detach();
  }
}
