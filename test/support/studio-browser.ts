/** The studio in headless Chromium against a sandbox engine, for the browser tests. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot, startTestEngine, type TestEngine } from './engine-harness.ts';

/** Screenshots go here (gitignored) for a person to look at. */
export const SHOTS = path.join(repoRoot, '.tmp');
export const STEP_TIMEOUT_MS = 20_000;
const CHROMIUM = '/usr/bin/chromium';

export async function launchStudio(): Promise<{ engine: TestEngine; browser: Browser }> {
  if (!fs.existsSync(path.join(repoRoot, 'dist/studio/index.html'))) throw new Error('the studio is not built: run `npm run build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-thai-tlwg`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const engine = await startTestEngine({ sandbox: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return { engine, browser };
}
