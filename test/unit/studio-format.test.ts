/**
 * The studio's dates and numbers in each language: English (en-GB unless the browser says en-US), and Thai
 * with the Buddhist year and Thai words for the short ages and durations (the translations of
 * studio/src/i18n/locales/th.ts, loaded as the studio loads them). Also which language a browser gets.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configureLocalization } from '@lit/localize';
import { formatCount, formatDuration, formatPercent, formatRate } from '../../studio/src/dashboard/dashboard-format.ts';
import { setFormatLocale } from '../../studio/src/i18n/format-locale.ts';
import { intlLocale, languageFromBrowser } from '../../studio/src/i18n/languages.ts';
import { formatAge, formatAgo, formatDateTime, formatDay, formatTime, formatWait } from '../../studio/src/shared/format.ts';

// @lit/localize announces a loaded language on window; Node has none
Object.assign(globalThis, { window: new EventTarget() });
const { setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['th'],
  loadLocale: () => import('../../studio/src/i18n/locales/th.ts'),
});

async function speak(language: 'en' | 'th', intl: string): Promise<void> {
  await setLocale(language);
  setFormatLocale(intl);
}

// local times: the formatters write the browser's time zone
const AFTERNOON = new Date(2026, 0, 6, 14, 5).getTime();
const MINUTE = 60_000;

test('the browser picks the first language the studio speaks; English otherwise', () => {
  assert.is(languageFromBrowser(['th-TH', 'en-US']), 'th');
  assert.is(languageFromBrowser(['fr-FR', 'th']), 'th');
  assert.is(languageFromBrowser(['en-US', 'th-TH']), 'en');
  assert.is(languageFromBrowser(['fr-FR']), 'en');
  assert.is(languageFromBrowser([]), 'en');
});

test("dates follow the browser's region when it speaks the language, else the language's default", () => {
  assert.is(intlLocale('en', ['en-US']), 'en-US');
  assert.is(intlLocale('en', ['th-TH']), 'en-GB');
  assert.is(intlLocale('th', ['en-US']), 'th-TH');
  assert.is(intlLocale('th', ['th']), 'th');
});

test('English (en-GB): 24-hour times, day before month, Gregorian year; short ages and durations', async () => {
  await speak('en', 'en-GB');
  assert.is(formatTime(AFTERNOON, AFTERNOON + 10 * MINUTE), '14:05');
  assert.match(formatTime(AFTERNOON, AFTERNOON + 2 * 24 * 60 * MINUTE), /^6 Jan,? 14:05$/);
  assert.match(formatDateTime(AFTERNOON), /^6 Jan 2026,? 14:05$/);
  assert.is(formatDateTime(null), '—');
  assert.is(formatDay('2026-01-06'), '6 Jan 2026');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 30_000), 'now');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 5 * MINUTE), '5m');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 3 * 24 * 60 * MINUTE), '3d');
  assert.match(formatAgo(AFTERNOON, AFTERNOON + 5 * MINUTE), /^5 min\.? ago$/);
  assert.is(formatWait(40), 'in 40 s');
  assert.is(formatWait(150), 'in 3 min');
  assert.is(formatDuration(185), '3 min 05 s');
  assert.is(formatCount(12345), '12,345');
  assert.is(formatRate(0.42), '42%');
  assert.is(formatPercent(42.5), '42.5%');
});

test('English in an en-US browser keeps its 12-hour clock', async () => {
  await speak('en', 'en-US');
  assert.match(formatTime(AFTERNOON, AFTERNOON), /^02:05\sPM$/);
  assert.match(formatDateTime(AFTERNOON), /^Jan 6, 2026,? 2:05\sPM$/);
});

test('Thai: Thai months and the Buddhist year (2026 is 2569), Thai words for ages, waits and durations', async () => {
  await speak('th', 'th-TH');
  assert.is(formatDay('2026-01-06'), '6 ม.ค. 2569');
  const full = formatDateTime(AFTERNOON);
  assert.ok(full.includes('6 ม.ค. 2569') && full.includes('14:05'), full);
  assert.not.ok(full.includes('2026'), full);
  assert.is(formatTime(AFTERNOON, AFTERNOON), '14:05');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 30_000), 'เมื่อสักครู่');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 5 * MINUTE), '5 นาที');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 2 * 60 * MINUTE), '2 ชม.');
  assert.match(formatAgo(AFTERNOON, AFTERNOON + 5 * MINUTE), /^5 นาที\s?ที่(แล้ว|ผ่านมา)$/);
  assert.is(formatWait(40), 'ใน 40 วินาที');
  assert.is(formatDuration(45), '45 วินาที');
  assert.is(formatDuration(185), '3 นาที 05 วินาที');
  assert.is(formatDuration(7800), '2 ชม. 10 นาที');
  assert.is(formatCount(12345), '12,345');
  assert.is(formatRate(0.42), '42%');
});

test('switching back to English gives English words again', async () => {
  await speak('en', 'en-GB');
  assert.is(formatAge(AFTERNOON, AFTERNOON + 5 * MINUTE), '5m');
  assert.is(formatDay('2026-01-06'), '6 Jan 2026');
});

test.run();
