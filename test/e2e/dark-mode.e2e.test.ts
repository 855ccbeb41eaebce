/**
 * The studio follows the system's dark setting (issue #13 item 9), in headless Chromium with the
 * context's colorScheme: the page takes the dark palette's background and text, and on every page no
 * element is left with a light background (a hard-coded white, a pale tint) or with dark text that
 * would vanish on it. The MFA QR code is the one light box allowed: scanners need dark on light.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { customerSays, DESKTOP, newCustomer, openPage, SHOTS, signInHere, studioForSuite } from '../support/studio-browser.ts';

const started = studioForSuite(test);

/** the dark palette's page background and text (studio/index.html) */
const DARK_BG = 'rgb(13, 17, 23)';
const DARK_TEXT = 'rgb(230, 237, 243)';
const LIGHT_BG = 'rgb(244, 245, 247)';

async function signedIn(colorScheme: 'dark' | 'light', hash = '#/login'): Promise<Page> {
  const { browser, engine } = started();
  const context = await browser.newContext({ viewport: DESKTOP, colorScheme, locale: 'en-US' });
  const page = await openPage(browser, engine, hash, { context });
  await signInHere(page, engine.admin);
  return page;
}

const pageColours = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });

/**
 * Every element shown (shadow roots included) with a light background, or with text too dark to read
 * on the dark palette: "tag.class (colour)". A script string: the test's compiler must not rewrite it.
 */
const LIGHT_LEFTOVERS = `(() => {
  const luminance = (colour) => {
    const m = colour.match(/rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?\\)/);
    if (!m) return null;
    if (m[4] !== undefined && Number(m[4]) < 0.2) return null;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const found = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) walk(element.shadowRoot);
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // the QR code is dark on light on purpose: scanners need it
      if (element.closest('.qr')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      const name = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
      const background = luminance(style.backgroundColor);
      if (background !== null && background > 0.6) found.push(name + ' background ' + style.backgroundColor);
      const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');
      const text = luminance(style.color);
      if (hasText && text !== null && text < 0.12) found.push(name + ' text ' + style.color);
    }
  };
  walk(document);
  return found;
})()`;

async function assertNoLightLeft(page: Page, what: string): Promise<void> {
  const leftovers = (await page.evaluate(LIGHT_LEFTOVERS)) as string[];
  assert.equal(leftovers, [], `${what}: nothing light left in the dark palette`);
}

test('with the system set to dark the studio uses the dark palette, and no page keeps a light box or dark text', async () => {
  const { browser, engine } = started();
  // a waiting chat, so the inbox has a row, a thread and customer details to look at
  const customer = await newCustomer(browser, engine, 'Dark Mode');
  await customerSays(customer, 'agent');

  const page = await signedIn('dark');
  assert.equal(await pageColours(page), { background: DARK_BG, text: DARK_TEXT });
  await page.getByTestId('conversation-row').first().click();
  await page.getByTestId('claim-button').click();
  await page.getByTestId('claim-button').waitFor({ state: 'detached' });
  await assertNoLightLeft(page, 'the inbox');
  await page.screenshot({ path: `${SHOTS}/dark-1-inbox.png` });

  const pages = [
    { link: 'nav-team', loaded: 'team-table' },
    { link: 'nav-dashboard', loaded: 'dashboard-filters' },
    { link: 'nav-flows', loaded: 'flows-heading' },
    { link: 'nav-audit', loaded: 'audit-entry' },
    { link: 'nav-jobs', loaded: 'jobs' },
    { link: 'nav-simulator', loaded: 'sim-input' },
    { link: 'nav-channels', loaded: 'channel-list' },
    { link: 'nav-account', loaded: 'account-who' },
  ];
  for (const { link, loaded } of pages) {
    await page.getByTestId(link).click();
    await page.getByTestId(loaded).first().waitFor();
    // the dashboard's cards and the audit's rows arrive after the page's frame
    await page.waitForTimeout(500);
    await assertNoLightLeft(page, link);
    await page.screenshot({ path: `${SHOTS}/dark-2-${link.replace('nav-', '')}.png`, fullPage: true });
  }
  await page.context().close();
  await customer.close();
});

test('with the system set to light the studio keeps the light palette', async () => {
  const page = await signedIn('light');
  const colours = await pageColours(page);
  assert.is(colours.background, LIGHT_BG);
  await page.getByTestId('nav-team').click();
  const tableBox = await page.getByTestId('team-table').evaluate((table) => getComputedStyle(table.parentElement ?? table).backgroundColor);
  assert.is(tableBox, 'rgb(255, 255, 255)', 'the table sits on a white surface');
  // and the dark test's check does see light boxes where there are some
  const leftovers = (await page.evaluate(LIGHT_LEFTOVERS)) as string[];
  assert.ok(leftovers.some((found) => found.includes('div.table-wrap background rgb(255, 255, 255)')), leftovers.join('; '));
  await page.context().close();
});

test('in the dark palette the MFA QR code stays dark on white, to scan', async () => {
  const page = await signedIn('dark', '#/login');
  await page.getByTestId('nav-account').click();
  await page.getByTestId('mfa-start').click();
  const qr = page.getByTestId('mfa-qr');
  await qr.waitFor();
  assert.is(await qr.evaluate((img) => getComputedStyle(img).backgroundColor), 'rgb(255, 255, 255)');
  await page.screenshot({ path: `${SHOTS}/dark-3-mfa.png` });
  await page.context().close();
});

test.run();
