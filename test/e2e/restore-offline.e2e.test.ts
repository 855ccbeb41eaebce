/**
 * Opening the studio while the engine cannot be reached (issue #13 item 7), in headless Chromium: the
 * session is restored from the refresh cookie on load, and an engine that does not answer has not
 * signed anyone out. The studio shows the connection banner, keeps trying, and signs the person back
 * in once the engine answers, instead of showing the login page with no explanation.
 *
 * The network to /api is cut in the page (Playwright routes), as a stopped engine behind a proxy, or
 * one restarting while the page loads, looks to the browser.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page, Route } from 'playwright-core';
import { SHOTS, signIn, studioForSuite } from '../support/studio-browser.ts';
import { waitFor } from '../support/wait-for.ts';

const started = studioForSuite(test);

/** cuts the page off from the engine's API, counting the restores (refreshes) it tries meanwhile */
async function cutOffApi(page: Page): Promise<{ refreshes: () => number; restore: () => Promise<void> }> {
  let refreshes = 0;
  const cutOff = (route: Route) => {
    if (route.request().url().endsWith('/api/auth/refresh')) refreshes += 1;
    return route.abort('connectionrefused');
  };
  await page.route('**/api/**', cutOff);
  return { refreshes: () => refreshes, restore: () => page.unroute('**/api/**', cutOff) };
}

/**
 * Clicks "Retry now". The banner keeps trying on its own rounds, and one of them may get through first
 * (the button is disabled while a round is under way): the banner is then gone with its button, which
 * is as good. What the test goes on to wait for says whether the engine was reached.
 */
async function retryNow(page: Page): Promise<void> {
  const gone = page.getByTestId('connection-banner').waitFor({ state: 'detached' }).catch(() => undefined);
  const clicked = page.getByTestId('connection-retry').click().catch(() => undefined);
  await Promise.race([gone, clicked]);
}

test('a reload while the engine cannot be reached shows the banner and keeps restoring; once it answers the session is back', async () => {
  const { browser, engine } = started();
  const page = await signIn(browser, engine, engine.admin);
  await page.getByTestId('nav-team').click();
  await page.getByTestId('team-table').waitFor();

  const network = await cutOffApi(page);
  await page.reload();
  const banner = page.locator('[data-testid="connection-banner"][data-state="unreachable"]');
  await banner.waitFor();
  assert.is(await page.getByTestId('connection-headline').innerText(), "Can't reach Baton — retrying…");
  await page.getByTestId('restoring').waitFor();
  // the restore is tried again on the banner's rounds, and the studio never takes it for a sign-out
  await waitFor(() => network.refreshes() >= 2, 'a second try at restoring the session', 15_000);
  assert.is(await page.getByTestId('login-email').count(), 0, 'no login page while the engine is away');
  assert.ok(page.url().endsWith('#/team'), `the address stays on the page asked for (${page.url()})`);
  await page.screenshot({ path: `${SHOTS}/restore-offline-1-banner.png` });

  await network.restore();
  await retryNow(page);
  await page.getByTestId('operator-name').waitFor();
  await page.getByTestId('team-table').waitFor();
  await banner.waitFor({ state: 'detached' });
  await page.screenshot({ path: `${SHOTS}/restore-offline-2-back.png` });
  await page.close();
});

test('without a session, opening the studio while the engine is away waits for it, then shows the login page', async () => {
  const { browser, engine } = started();
  const context = await browser.newContext();
  const page = await context.newPage();
  const network = await cutOffApi(page);
  await page.goto(`${engine.baseUrl}/#/team`);
  await page.locator('[data-testid="connection-banner"][data-state="unreachable"]').waitFor();
  await page.getByTestId('restoring').waitFor();

  await network.restore();
  await retryNow(page);
  // the engine answered: there is no session to restore, so this is a sign-in, and then the page asked for
  await page.getByTestId('login-email').waitFor();
  await page.getByTestId('connection-banner').waitFor({ state: 'detached' });
  await page.getByTestId('login-email').fill(engine.admin.email);
  await page.getByTestId('login-password').fill(engine.admin.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('team-table').waitFor();
  await context.close();
});

test.run();
