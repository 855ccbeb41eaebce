/** In development an edited flow file is re-validated: errors never take the running version down. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000000c01';
let engine: TestEngine;
let dir: string;
let source: string;
type LogEntry = { level: number; msg?: unknown };
const logged: LogEntry[] = [];

const lastText = () => engine.fakeLine.chat(USER).filter((e) => e.from === 'account').at(-1)?.message.text;
async function answerTo(text: string): Promise<string | undefined> {
  const before = engine.fakeLine.chat(USER).length;
  await engine.postWebhook(engine.fakeLine.webhookBody([engine.fakeLine.textEvent(USER, text)]));
  await waitFor(() => engine.fakeLine.chat(USER).length >= before + 2, 'an answer');
  return lastText();
}

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-flows-'));
  source = fs.readFileSync(`${repoRoot}/test/fixtures/flow-sets/versions/flow.yaml`, 'utf8');
  fs.writeFileSync(path.join(dir, 'flow.yaml'), source);
  // the watcher's report goes to the log: keep what the engine logs at warn and above
  const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line) as LogEntry) });
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: dir, BATON_WATCH_FLOWS: 'on' }, logger });
});
test.after(async () => {
  await engine.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a broken edit is reported as file:line:col lines and the active version keeps answering', async () => {
  fs.writeFileSync(path.join(dir, 'flow.yaml'), source.replace('goto: answer', 'goto: nowhere'));
  const report = await waitFor(() => logged.find((entry) => entry.level === 40 && String(entry.msg).includes('nowhere')), 'the report of the broken edit');
  // the line an editor jumps to: the file as the engine was given it, line and column of the bad id
  const file = path.relative(process.cwd(), path.join(dir, 'flow.yaml'));
  assert.is(report.msg, `flows folder is invalid, still serving the active version:\n${file}:5:40: no step "nowhere" in flow "versions-test" [unknown-step] (at /triggers/1/goto)`);
  assert.is((await engine.baton.store.flowVersions.list()).length, 1);
  assert.is(await answerTo('hello'), 'Answer from version one.');
});

test('a valid edit becomes the active version without a restart', async () => {
  fs.writeFileSync(path.join(dir, 'flow.yaml'), source.replace('Answer from version one.', 'Edited answer.'));
  await waitFor(async () => (await engine.baton.store.flowVersions.active())?.version === 2, 'version 2');
  assert.is(await answerTo('hello'), 'Edited answer.');
});

test.run();
