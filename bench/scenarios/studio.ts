/**
 * Scenario 6: the studio's download size. For each built HTML entry in dist/studio, the gzipped size
 * of the scripts and styles it loads (what a browser fetches before the first paint), with each
 * asset listed in the note. Builds the studio first when dist/studio is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../lib/child-process.ts';
import type { ScenarioContext } from '../lib/scenario.ts';

const studioDir = path.join(repoRoot, 'dist/studio');

function build(): void {
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** local script and stylesheet URLs an HTML file loads */
function assetsOf(html: string): string[] {
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
  return urls.filter((url) => /\.(m?js|css)$/.test(url) && !/^[a-z]+:/i.test(url));
}

export async function studio(ctx: ScenarioContext): Promise<void> {
  if (!fs.existsSync(path.join(studioDir, 'index.html'))) {
    ctx.log('  dist/studio missing: building the studio');
    build();
  }
  const entries = fs.readdirSync(studioDir).filter((name) => name.endsWith('.html')).sort();
  if (entries.length === 0) throw new Error('dist/studio has no HTML entry');
  for (const entry of entries) {
    const sizes = assetsOf(fs.readFileSync(path.join(studioDir, entry), 'utf8')).map((url) => {
      const bytes = fs.readFileSync(path.join(studioDir, url.replace(/^\//, '')));
      return { url, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const gzip = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const raw = sizes.reduce((sum, s) => sum + s.raw, 0);
    ctx.figure({
      name: `studio: ${entry} (${sizes.length} asset${sizes.length === 1 ? '' : 's'}, ${(raw / 1024).toFixed(1)} KB raw), gzipped`,
      unit: 'KB',
      value: gzip / 1024,
      note: sizes.map((s) => `${s.url}: ${(s.gzip / 1024).toFixed(1)} KB gzip of ${(s.raw / 1024).toFixed(1)} KB`).join('; '),
    });
  }
}
