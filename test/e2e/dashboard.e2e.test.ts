/**
 * Studio › Dashboard and Jobs in headless Chromium: a supervisor watches the live cards while a customer
 * asks for a human (a signed LINE webhook) and the "waiting" card goes up without a reload; the charts
 * draw, their tables show the numbers and the CSV export has them; the filters stay in the address over a reload. An operator
 * can neither see nor open the dashboard or Jobs. An admin's "Run now" adds a run to a job's runs.
 *
 * Needs a built studio (`npm run build`) and Debian's chromium at /usr/bin/chromium.
 * Screenshots land in .tmp/ for a human look.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Locator, Page } from 'playwright-core';
import { addOperator } from '../support/test-operators.ts';
import { DESKTOP, openPage, signIn, signInHere, SHOTS, studioForSuite } from '../support/studio-browser.ts';

/** the business time zone of the shipped flows' calendar, so "today" is the same day in the browser and the engine */
const BUSINESS_ZONE = 'Asia/Bangkok';

const supervisor = { email: `supervisor-${randomUUID().slice(0, 8)}@example.com`, password: 'supervisor-password-1', name: 'หัวหน้า สมชาย' };
const operator = { email: `operator-${randomUUID().slice(0, 8)}@example.com`, password: 'operator-password-1', name: 'Operator Ann' };

const started = studioForSuite(test);

test.before(async () => {
  const { engine } = started();
  await addOperator(engine.baton.store, { ...supervisor, role: 'supervisor' });
  await addOperator(engine.baton.store, { ...operator, role: 'operator' });
});

async function signInInBusinessZone(who: { email: string; password: string }): Promise<Page> {
  const { browser, engine } = started();
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'th-TH', timezoneId: BUSINESS_ZONE });
  return signIn(browser, engine, who, { context });
}

const card = (page: Page, name: string): Locator => page.getByTestId(`live-${name}`);
const chart = (page: Page, name: string): Locator => page.locator(`[data-testid="chart"][data-chart="${name}"]`);
/** a cell of a chart's table: the row of a day (or hour), the column of a series */
const chartCell = (page: Page, name: string, label: string, series: string): Locator =>
  chart(page, name).locator(`[data-testid="chart-row"][data-label="${label}"] td[data-series="${series}"]`);

async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.innerText()).trim();
  const value = Number(text.replace(/[^\d.]/g, ''));
  assert.ok(text !== '' && Number.isFinite(value), `a number: "${text}"`);
  return value;
}

test('a supervisor sees a customer start waiting on the live cards, and the charts and their tables', async () => {
  const { engine } = started();
  const page = await signInInBusinessZone(supervisor);
  await page.getByTestId('nav-dashboard').click();
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
  await card(page, 'waiting').filter({ hasText: /^\d+$/ }).waitFor();
  const waitingBefore = await numberIn(card(page, 'waiting'));
  await page.getByTestId('report-empty').waitFor();
  await page.evaluate(() => Object.assign(window, { loadedOnce: true })); // gone if the page reloads
  await page.screenshot({ path: `${SHOTS}/dashboard-1-empty.png`, fullPage: true });

  // a customer asks for a human through LINE's webhook, signed as LINE signs it
  const customer = `U${randomUUID().replaceAll('-', '')}`;
  const body = engine.fakeLine.webhookBody([engine.fakeLine.textEvent(customer, 'agent please')]);
  assert.is((await engine.postWebhook(body)).status, 200);

  await card(page, 'waiting').filter({ hasText: new RegExp(`^${waitingBefore + 1}$`) }).waitFor();
  assert.ok(await page.evaluate(() => 'loadedOnce' in window), 'the card changed without a reload');
  await card(page, 'longest-wait').filter({ hasText: /\d+ s|\d+ min/ }).waitFor();
  assert.is(await numberIn(card(page, 'active')), 0);

  // the report is not live: Apply asks again, and today now has the handoff
  const today = await page.getByTestId('filter-to').inputValue();
  await page.getByTestId('filter-apply').click();
  for (const name of ['volume', 'response-times', 'csat', 'delivery', 'hours']) {
    const canvas = chart(page, name).locator('canvas');
    await canvas.waitFor();
    assert.ok(await canvas.evaluate((c) => c instanceof HTMLCanvasElement && c.width > 0 && c.height > 0), `the ${name} chart is drawn`);
  }
  assert.is(await numberIn(page.getByTestId('summary-handoffs')), 1, 'one customer asked for a human');

  // the table view has the same numbers: today's row, and the hour the customer wrote in
  await chart(page, 'volume').getByText('Show as table').click();
  assert.is(await numberIn(chartCell(page, 'volume', today, 'Handoffs')), 1);
  assert.is(await numberIn(chartCell(page, 'volume', today, 'Conversations')), await numberIn(page.getByTestId('summary-conversations')));
  await chart(page, 'hours').getByText('Show as table').click();
  const hours = chart(page, 'hours').locator('td[data-series="Handoffs"]');
  assert.is(await hours.count(), 24);
  const perHour = await Promise.all((await hours.all()).map(numberIn));
  assert.is(perHour.reduce((sum, n) => sum + n, 0), 1, 'the handoff is in one hour of the day');
  await page.screenshot({ path: `${SHOTS}/dashboard-2-charts.png`, fullPage: true });

  // Export CSV downloads the same days: today's overall row has the handoff
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const [header = '', ...rows] = fs.readFileSync((await (await download).path()) ?? '', 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  assert.equal(columns.slice(0, 5), ['day', 'dimension', 'key', 'conversations', 'handoffs']);
  const todayRow = rows.map((line) => line.split(',')).find((cells) => cells[0] === today && cells[1] === 'all');
  assert.is(todayRow?.[columns.indexOf('handoffs')], '1', `today's row: ${todayRow?.join(',')}`);
  await page.context().close();
});

test('the filters stay in the address over a reload', async () => {
  const page = await signInInBusinessZone(supervisor);
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('filter-from').fill('2026-01-01');
  await page.getByTestId('filter-to').fill('2026-01-03');
  await page.getByTestId('filter-apply').click();
  await page.waitForURL(/#\/dashboard\?from=2026-01-01&to=2026-01-03/);
  await page.reload();
  await page.getByTestId('filter-from').waitFor();
  assert.is(await page.getByTestId('filter-from').inputValue(), '2026-01-01');
  assert.is(await page.getByTestId('filter-to').inputValue(), '2026-01-03');
  await page.getByTestId('report-empty').filter({ hasText: '2026-01-01' }).waitFor();
  await page.context().close();
});

test('an operator has no Dashboard and no Jobs, and the pages refuse them by address', async () => {
  const { browser, engine } = started();
  const page = await signIn(browser, engine, operator);
  for (const name of ['dashboard', 'jobs']) {
    assert.is(await page.getByTestId(`nav-${name}`).count(), 0, `no ${name} link`);
    await page.goto(`${engine.baseUrl}/#/${name}`);
    await page.getByTestId(`${name}-forbidden`).waitFor();
  }
  assert.is(await page.getByTestId('live-waiting').count(), 0);
  await page.context().close();
});

test('Jobs lists the jobs; a supervisor cannot run one, an admin\'s "Run now" adds a run', async () => {
  const { browser, engine } = started();
  const readOnly = await signIn(browser, engine, supervisor);
  await readOnly.getByTestId('nav-jobs').click();
  await readOnly.locator('[data-testid="job"][data-job="auto-close"]').waitFor();
  assert.is(await readOnly.getByTestId('job-run-now').count(), 0, 'no Run now for a supervisor');
  await readOnly.context().close();

  const page = await openPage(browser, engine, '#/jobs');
  await signInHere(page, engine.admin);
  const job = page.locator('[data-testid="job"][data-job="auto-close"]');
  await job.waitFor();
  assert.ok((await page.getByTestId('job').count()) >= 2, 'every job is listed');
  assert.match(await job.innerText(), /\*/, 'its schedule is shown');
  await job.getByTestId('job-runs-toggle').click();
  await job.locator('[data-testid="job-runs"], [data-testid="job-runs-empty"]').first().waitFor();
  const before = await job.getByTestId('job-run').count();

  await job.getByTestId('job-run-now').click();
  await job.getByTestId('job-run').nth(before).waitFor();
  // the run started here is followed until it ends, and becomes the job's last run
  await job.locator('[data-testid="job-run"][data-status="done"]').first().waitFor();
  await job.locator('[data-testid="job-last-run"][data-status="done"]').waitFor();
  // the job also runs on its schedule (every minute): a scheduled run may land beside the one started here
  assert.ok((await job.getByTestId('job-run').count()) >= before + 1);
  const adminName = (await page.getByTestId('operator-name').innerText()).split(' · ')[0] ?? '';
  assert.ok(adminName, "the admin's name is shown");
  assert.is(await job.getByTestId('job-run').filter({ hasText: adminName }).count(), 1, 'the run started here says who started it');
  await page.screenshot({ path: `${SHOTS}/jobs-1-run-now.png`, fullPage: true });
  await page.context().close();
});

test.run();
