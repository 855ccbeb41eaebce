/**
 * GET /sandbox/api/hours: the simulator shows whether the business is open now by the active flows'
 * calendar (flows/office-hours.yaml: Bangkok, Mon-Fri 09-12 and 13-18, Sat 10-14, Thai holidays) and when
 * it opens next, so a newcomer trying the sandbox at night knows why the bot says "we're away".
 * The engine's clock is set to known instants. SQLite and Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SandboxHoursResponse } from '../../engine/contracts/sandbox.ts';
import { startTestEngine, TestClock, type TestEngine } from '../support/engine-harness.ts';
import { OperatorClient } from '../support/operator-client.ts';

const clock = new TestClock();
let engine: TestEngine | undefined;

test.before(async () => {
  engine = await startTestEngine({ sandbox: true, now: clock.now });
});

test.after(async () => {
  await engine?.stop();
});

/** the office calendar's answer with the engine's clock at `iso` (a fresh sign-in: tokens follow the clock) */
async function officeAt(iso: string): Promise<SandboxHoursResponse['calendars'][number] & { now: number }> {
  if (!engine) throw new Error('the engine starts in test.before');
  clock.advance(Date.parse(iso) - clock.now());
  const admin = await OperatorClient.signIn(engine.baseUrl, engine.admin.email, engine.admin.password);
  const { status, body } = await admin.request<SandboxHoursResponse>('GET', '/sandbox/api/hours');
  assert.is(status, 200);
  const office = body.calendars.find((calendar) => calendar.id === 'office');
  if (!office) throw new Error(`no office calendar in ${JSON.stringify(body)}`);
  return { ...office, now: body.now };
}

test('on a weekday morning the office is open and no next opening is given', async () => {
  const office = await officeAt('2026-01-05T10:00:00+07:00');
  assert.ok(Math.abs(office.now - Date.parse('2026-01-05T10:00:00+07:00')) < 5_000, "the answer is for the engine's clock");
  assert.equal(
    { open: office.open, holiday: office.holiday, nextOpen: office.nextOpen, nextOpenText: office.nextOpenText, timezone: office.timezone },
    { open: true, holiday: false, nextOpen: null, nextOpenText: '', timezone: 'Asia/Bangkok' },
  );
});

test('at night it is closed and opens the next morning at 09:00 Bangkok time', async () => {
  const office = await officeAt('2026-01-05T23:30:00+07:00');
  assert.is(office.open, false);
  assert.is(office.holiday, false);
  assert.is(office.nextOpen, Date.parse('2026-01-06T09:00:00+07:00'));
  assert.is(office.nextOpenText, 'Tuesday 09:00');
});

test('on a Sunday it opens on Monday', async () => {
  const office = await officeAt('2026-01-11T11:00:00+07:00');
  assert.is(office.open, false);
  assert.is(office.nextOpenText, 'Monday 09:00');
});

test('on a holiday it says which, and opens on the first working day after', async () => {
  const office = await officeAt('2026-04-13T10:00:00+07:00');
  assert.equal({ open: office.open, holiday: office.holiday, holidayName: office.holidayName }, { open: false, holiday: true, holidayName: 'Songkran' });
  assert.is(office.nextOpen, Date.parse('2026-04-16T09:00:00+07:00'));
  assert.is(office.nextOpenText, 'Thursday 09:00');
});

test('without a session the hours are refused', async () => {
  if (!engine) throw new Error('the engine starts in test.before');
  const response = await fetch(`${engine.baseUrl}/sandbox/api/hours`);
  assert.is(response.status, 401);
});

test.run();
