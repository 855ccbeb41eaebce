/**
 * Scenario 6: the studio's download size. For each built HTML entry in dist/studio, the gzipped size
 * of the scripts and styles it loads (what a browser fetches before the first paint), with each
 * asset listed in the note; then every built chunk on its own (name without the content hash ->
 * KB gzipped), so a page's lazy chunk (the flow editor's CodeMirror, the dashboard's charts) is
 * watched as closely as the first paint. Builds the studio first when dist/studio is missing.
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

export interface ChunkSize {
  /** the file name without Vite's content hash: `baton-flows-page.js` */
  name: string;
  raw: number;
  gzip: number;
}

/** Every script and stylesheet in `dir`/assets, largest gzipped first. */
export function chunkSizes(dir: string): ChunkSize[] {
  const assets = path.join(dir, 'assets');
  return fs
    .readdirSync(assets)
    .filter((file) => /\.(m?js|css)$/.test(file))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(assets, file));
      return { name: file.replace(/-[\w-]{8}(\.(?:m?js|css))$/, '$1'), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip || a.name.localeCompare(b.name));
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
  for (const chunk of chunkSizes(studioDir)) {
    ctx.figure({ name: `studio chunk: ${chunk.name} (${(chunk.raw / 1024).toFixed(1)} KB raw), gzipped`, unit: 'KB', value: chunk.gzip / 1024 });
  }
}
