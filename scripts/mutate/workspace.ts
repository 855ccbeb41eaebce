/**
 * The private copy of the repository mutants are applied in. Others edit /work/main (or your own
 * checkout) while the run goes on, so nothing is ever written there: a detached `git worktree` of
 * HEAD (or, with `--working-tree`, of the files as they are now, uncommitted changes included)
 * under the system's temporary folder, with node_modules and the built studio linked, not copied.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Workspace {
  dir: string;
  /** removes the copy and its worktree entry */
  dispose(): void;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Tracked and untracked-but-not-ignored files of the checkout, as they are on disk now. */
function copyWorkingTree(root: string, dir: string): void {
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(root, file);
    // deleted in the working tree, or a link (node_modules and dist are linked below)
    if (!fs.existsSync(from) || !fs.lstatSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
}

export function createWorkspace(root: string, options: { workingTree: boolean }): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-mutate-'));
  git(root, 'worktree', 'add', '--detach', '--force', dir, 'HEAD');
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    try {
      git(root, 'worktree', 'remove', '--force', dir);
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
      git(root, 'worktree', 'prune');
    }
  };
  try {
    if (options.workingTree) copyWorkingTree(root, dir);
    // read-only use: the suites resolve packages and serve the studio from the checkout's own
    for (const shared of ['node_modules', 'dist']) {
      if (!fs.existsSync(path.join(root, shared))) continue;
      const from = fs.realpathSync(path.join(root, shared), { encoding: 'utf8' });
      if (!fs.existsSync(path.join(dir, shared))) fs.symlinkSync(from, path.join(dir, shared));
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { dir, dispose };
}
