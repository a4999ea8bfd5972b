import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

/** Every demo account's password (README). */
export const DEMO_PASSWORD = 'Shequ@2026';

/** Debian's Chromium; Playwright's own browser download does not work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const screenshotDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../screenshots',
);

/** A screenshot of a rendered page is tens of kilobytes; a blank or failed one is a few. */
const MIN_SCREENSHOT_BYTES = 15_000;

/** Families that carry CJK glyphs on a Debian machine (fonts-wqy-microhei, fonts-noto-cjk, …). */
const CJK_FAMILIES =
  /wenquanyi|wqy|noto (sans|serif) cjk|source han|droid sans fallback|ar pl|hiragino|pingfang|yahei|simsun|simhei/i;

export const baseURL = (): string => inject('baseURL');

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page, checked after each test. */
  pageErrors: Error[];
}

/**
 * Launches Chromium once for a test file and gives each test a fresh browser context (own cookies),
 * so one account's session never leaks into the next test.
 */
export function useBrowser(): { session: () => Promise<Session> } {
  let browser: Browser | undefined;
  const open: Session[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
  });

  afterEach(async ({ task }) => {
    const sessions = open.splice(0);
    if (task.result?.state === 'fail') {
      // A failing test leaves a picture of where it stopped: screenshots/failed-<test name>.png
      const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      for (const [i, s] of sessions.entries()) {
        const file = path.join(screenshotDir, `failed-${name}${i > 0 ? `-${i}` : ''}.png`);
        await s.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      }
    }
    for (const s of sessions) await s.context.close();
    for (const s of sessions)
      expect(
        s.pageErrors.map((e) => e.message),
        'uncaught errors in the page',
      ).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    session: async () => {
      if (!browser)
        throw new Error(
          'the browser is not running (useBrowser must be called at the top of the file)',
        );
      const context = await browser.newContext({
        baseURL: baseURL(),
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1440, height: 900 },
      });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const s: Session = { context, page, pageErrors: [] };
      page.on('pageerror', (error) => s.pageErrors.push(error));
      open.push(s);
      return s;
    },
  };
}

/** Signs in through the login form and waits for the signed-in frame (the header's title line). */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('title-line').waitFor({ state: 'visible' });
}

/** Opens a page from the side menu by its Chinese label. */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: label }).click();
}

/** Waits until antd has no spinner or loading table left, and the web fonts are ready. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), {
      timeout: 20_000,
    })
    .toBe(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** The visible text of an element, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Checks with Chromium's own record (DevTools `CSS.getPlatformFontsForNode`) that the Chinese text
 * in the element was drawn with a font that has CJK glyphs; without one the text is drawn as boxes.
 * Returns the families used, for the log.
 */
export async function expectCjkGlyphs(page: Page, selector: string): Promise<string[]> {
  const text = await page.locator(selector).first().innerText();
  expect(text, `${selector} should contain Chinese text`).toMatch(/\p{Script=Han}/u);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    expect(nodeId, `no element matches ${selector}`).toBeGreaterThan(0);
    // The fonts used for the element's own text nodes; walk down to the first element that has some.
    const fonts = await platformFonts(cdp, nodeId);
    const cjk = fonts.filter((f) => CJK_FAMILIES.test(f.familyName) && f.glyphCount > 0);
    expect(
      cjk,
      `Chinese in ${selector} was drawn with ${JSON.stringify(fonts)}: no CJK font`,
    ).not.toEqual([]);
    return fonts.map((f) => `${f.familyName}×${f.glyphCount}`);
  } finally {
    await cdp.detach();
  }
}

type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>;
type PlatformFont = { familyName: string; glyphCount: number };

async function platformFonts(cdp: Cdp, nodeId: number): Promise<PlatformFont[]> {
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  if (fonts.length > 0) return fonts;
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId, selector: '*' });
  for (const child of nodeIds) {
    const found = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: child });
    if (found.fonts.some((f) => f.glyphCount > 0)) return found.fonts;
  }
  return [];
}

/**
 * Checks in a canvas that distinct Chinese characters draw distinct shapes: with no CJK font every
 * character is the same "missing glyph" box, so their bitmaps would be identical.
 */
export async function expectDistinctCjkGlyphs(page: Page): Promise<void> {
  const distinct = await page.evaluate(() => {
    const family = getComputedStyle(document.body).fontFamily;
    const shapes = ['网', '上', '社', '区', '街', '道'].map((ch) => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 48, 48);
      g.fillStyle = '#000';
      g.font = `32px ${family}`;
      g.textBaseline = 'top';
      g.fillText(ch, 8, 8);
      const data = g.getImageData(0, 0, 48, 48).data;
      let ink = 0;
      let signature = '';
      for (let i = 0; i < data.length; i += 4) {
        const dark = data[i]! < 128;
        if (dark) ink++;
        signature += dark ? '1' : '0';
      }
      return { ink, signature };
    });
    return {
      inked: shapes.every((s) => s.ink > 20),
      unique: new Set(shapes.map((s) => s.signature)).size,
    };
  });
  expect(distinct.inked, 'every Chinese character should leave ink').toBe(true);
  expect(
    distinct.unique,
    'six different characters should draw six different shapes (not boxes)',
  ).toBe(6);
}

/**
 * Saves a screenshot to packages/e2e/screenshots/<name>.png after the page settles, and checks it
 * is a real picture (non-trivial size). Full page by default; `fullPage: false` for a drawer or
 * dialog over a long page (the full-page capture scrolls the page under it and moves the sticky
 * header to the middle of the picture). Returns the path.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  await settle(page);
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({
    path: file,
    fullPage: options.fullPage ?? true,
    animations: 'disabled',
    caret: 'hide',
  });
  const bytes = statSync(file).size;
  expect(bytes, `${file} is suspiciously small`).toBeGreaterThan(MIN_SCREENSHOT_BYTES);
  return file;
}

/** The open antd dropdown (select or tree-select popup). */
export function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
}
