import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../engine/config.ts';

test('analytics settings default to the calendar, a 24 h FCR window and a rollup at 00:20', () => {
  assert.equal(loadConfig({}).analytics, { timezone: null, calendar: null, fcrWindowHours: 24, rollupSchedule: '20 0 * * *' });
  assert.equal(
    loadConfig({ BATON_ANALYTICS_TIMEZONE: 'Asia/Bangkok', BATON_ANALYTICS_CALENDAR: 'office', BATON_FCR_WINDOW_HOURS: '72', BATON_ANALYTICS_ROLLUP_CRON: '5 1 * * *' }).analytics,
    { timezone: 'Asia/Bangkok', calendar: 'office', fcrWindowHours: 72, rollupSchedule: '5 1 * * *' },
  );
});

test('a wrong analytics setting stops start-up naming the variable', () => {
  for (const [name, value] of [['BATON_ANALYTICS_TIMEZONE', 'Mars/Olympus'], ['BATON_FCR_WINDOW_HOURS', '0'], ['BATON_FCR_WINDOW_HOURS', '1.5'], ['BATON_ANALYTICS_ROLLUP_CRON', 'nightly']] as const) {
    try {
      loadConfig({ [name]: value });
      assert.unreachable(`${name}=${value} was accepted`);
    } catch (error) {
      assert.instance(error, ConfigError);
      assert.is((error as ConfigError).variable, name);
    }
  }
});

test.run();
