/** In development an edited flow file is re-validated: errors never take the running version down. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

const USER = 'U00000000000000000000000000000c01';
let engine: TestEngine;
let dir: string;
let source: string;

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
  engine = await startTestEngine({ env: { BATON_FLOWS_DIR: dir, BATON_WATCH_FLOWS: 'on' } });
});
test.after(async () => {
  await engine.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a broken edit is reported and the active version keeps answering', async () => {
  fs.writeFileSync(path.join(dir, 'flow.yaml'), source.replace('goto: answer', 'goto: nowhere'));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  assert.is((await engine.baton.store.flowVersions.list()).length, 1);
  assert.is(await answerTo('hello'), 'Answer from version one.');
});

test('a valid edit becomes the active version without a restart', async () => {
  fs.writeFileSync(path.join(dir, 'flow.yaml'), source.replace('Answer from version one.', 'Edited answer.'));
  await waitFor(async () => (await engine.baton.store.flowVersions.active())?.version === 2, 'version 2');
  assert.is(await answerTo('hello'), 'Edited answer.');
});

test.run();
