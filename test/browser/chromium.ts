/**
 * Debian's Chromium for the browser tests, driven by playwright-core (no browser download, ever). Locally, a
 * machine without it skips the browser suites with the command that installs it; in CI (`CI` set) a missing
 * browser fails the run, so the browser tests cannot silently stop running there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const INSTALL_CHROMIUM = 'apt-get install -y chromium';

/** `GOVGRAPH_CHROMIUM` when set, else Debian's `/usr/bin/chromium`; null when that file does not exist. */
const wanted = process.env.GOVGRAPH_CHROMIUM || '/usr/bin/chromium';
export const chromiumPath: string | null = existsSync(wanted) ? wanted : null;

/** Whether this run has the browser suites: always in CI (where a missing browser then fails), else when Chromium is here. */
export const runBrowserSuites = chromiumPath !== null || !!process.env.CI;

if (!runBrowserSuites) {
  console.warn(`[browser tests] skipped: Chromium not found at ${wanted}. Install it with: ${INSTALL_CHROMIUM}`);
}

export const INSTALL_CHINESE_FONT = 'apt-get install -y fonts-noto-cjk';

/** Whether fontconfig knows a Simplified Chinese face of Noto Sans CJK (the glyph-form checks need one). */
export const chineseFontInstalled: boolean = (() => {
  try {
    return /Noto Sans CJK SC/.test(execFileSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();

/** Whether this run checks Chinese glyph forms: always in CI (where a missing font then fails), else when the font is here. */
export const runChineseGlyphChecks = chineseFontInstalled || !!process.env.CI;

if (runBrowserSuites && !runChineseGlyphChecks) {
  console.warn(`[browser tests] Chinese glyph checks skipped: no Noto Sans CJK SC font. Install it with: ${INSTALL_CHINESE_FONT}`);
}

export interface LaunchedChromium {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium, quiet on the network (no background, sync or update traffic). playwright-core gives every
 * launch a fresh temporary profile (it refuses a `--user-data-dir` argument) and removes it on close.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  if (!chromiumPath) throw new Error(`Chromium is required for the browser tests and was not found at ${wanted}; install it with: ${INSTALL_CHROMIUM}`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}
