/** `npm start` with a broken flows folder: the engine refuses to start and says where, file:line:col. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { brokenDir, expectedLines } from '../support/flow-fixture-files.ts';

const root = path.resolve(import.meta.dirname, '../..');

function startEngine(cwd: string): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_FLOWS_DIR: './flows', DATABASE_URL: `sqlite:${path.join(cwd, 'baton.sqlite')}`, PORT: '0', LOG_LEVEL: 'silent' };
  for (const key of ['REDIS_URL', 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN']) delete env[key];
  const args = ['--import', import.meta.resolve('tsx'), path.join(root, 'engine/main.ts')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('the engine refuses an invalid flows folder and prints each problem as file:line:col', async () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-start-'));
  fs.mkdirSync(path.join(cwd, 'flows'));
  fs.copyFileSync(path.join(brokenDir, 'unknown-canned.yaml'), path.join(cwd, 'flows/support.yaml'));
  const { code, stderr } = await startEngine(cwd);
  assert.is(code, 1);
  const expected = expectedLines(brokenDir, 'unknown-canned.yaml').map((line) => line.replace(/^unknown-canned\.yaml:/, 'flows/support.yaml:'));
  assert.equal(stderr.trim().split('\n'), ['Baton cannot start: flows are invalid:', ...expected]);
});

test.run();
