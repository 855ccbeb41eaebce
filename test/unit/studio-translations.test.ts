/**
 * The studio's translations are complete where the studio is translated: every msg() in the directories
 * listed below has a translation in each language of lit-localize.json (studio/src/i18n/xliff/<code>.xlf),
 * with the same placeholders, and the generated locale modules carry it (`npm run i18n` was run). Adding an
 * English string there without its Thai fails here. Every directory of the studio with a msg() is listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';
import { stringifyDiagnostics } from '@lit/localize-tools/lib/typescript.js';
import { repoRoot } from '../support/engine-harness.ts';

/** studio/src/<dir>: translated in full */
const TRANSLATED = [
  'app',
  'login',
  'auth',
  'account',
  'password-form',
  'mfa-settings',
  'security-settings',
  'recovery-codes',
  'one-time-secret',
  'invite',
  'idle-warning',
  'quota-warning',
  'connection-banner',
  'team',
  'operator-form',
  'audit',
  'jobs',
  'dashboard',
  'presence-toggle',
  'signals',
  'i18n',
  'shared',
  'api',
  'inbox',
  'inbox-list',
  'chat-thread',
  'chat-source',
  'composer',
  'customer-info',
  'simulator',
  'flows-page',
  'flow-versions',
  'flow-diff',
  'flow-simulator',
  'flow-problems',
  'yaml-editor',
  'flow-editor',
  'flow-graph',
  'flow-forms',
  'relay',
  'channels',
];

const config = readConfigFileAndWriteSchema(path.join(repoRoot, 'lit-localize.json'));
const output = config.output;
if (output.mode !== 'runtime') throw new Error('lit-localize.json: the studio uses runtime mode');
const localizer = new RuntimeLitLocalizer({ ...config, output });
const { messages, errors } = localizer.extractSourceMessages();
const { translations } = localizer.readTranslationsSync();
const studioSrc = path.join(repoRoot, 'studio/src');

const dirOf = (file: string): string => path.relative(studioSrc, file).split(path.sep)[0] ?? '';
const where = (m: (typeof messages)[number]): string => `${path.relative(repoRoot, m.file.fileName)}: "${m.contents.filter((c) => typeof c === 'string').join('…')}"`;

test('the extractor reads every msg() (one text per id, no computed templates)', () => {
  assert.is(errors.length, 0, stringifyDiagnostics(errors));
  assert.ok(messages.length > 200, `found ${messages.length} messages`);
});

for (const locale of config.targetLocales) {
  test(`every message of the translated directories has a ${locale} translation`, () => {
    const translated = new Set((translations.get(locale) ?? []).map((m) => m.name));
    const missing = messages.filter((m) => TRANSLATED.includes(dirOf(m.file.fileName)) && !translated.has(m.name)).map(where);
    assert.equal(missing, [], `untranslated in ${locale}.xlf (run \`npm run i18n\`, then translate the new units):\n${missing.join('\n')}`);
  });

  test(`the ${locale} locale module is generated from the current XLIFF`, () => {
    const module = fs.readFileSync(path.join(config.resolve(output.outputDir), `${locale}.ts`), 'utf8');
    const stale = messages.filter((m) => !module.includes(`'${m.name}':`)).map(where);
    assert.equal(stale, [], `not in locales/${locale}.ts (run \`npm run i18n\`):\n${stale.join('\n')}`);
  });
}

test('translations keep the placeholders of their source', () => {
  assert.equal(localizer.validateTranslations().errors, []);
});

test.run();
