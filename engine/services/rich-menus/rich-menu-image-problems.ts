/**
 * The checks of a rich menu's image that need its file, for the engine (on validate and publish) and
 * `baton validate`: it exists inside the flows folder, is a PNG or JPEG of at most 1 MB (LINE's limit)
 * and is exactly the menu's size. The studio's editor cannot read files: it shows these problems when
 * the engine validates the draft.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FlowProblem } from '../../domain/flow/validation/flow-problem.ts';
import type { SetIndex } from '../../domain/flow/validation/index-documents.ts';
import { problemAt } from '../../domain/flow/validation/located-document.ts';
import { imageFacts } from './image-dimensions.ts';

/** LINE: "Max file size: 1 MB". */
export const MAX_RICH_MENU_IMAGE_BYTES = 1024 * 1024;

/** The image's path, or null when it would leave the flows folder (the schema refuses `..` and absolute paths already). */
export function richMenuImagePath(flowsDir: string, image: string): string | null {
  const root = path.resolve(flowsDir);
  const file = path.resolve(root, image);
  return file.startsWith(root + path.sep) ? file : null;
}

function imageProblem(flowsDir: string, image: string, size: { width: number; height: number }): string | null {
  const file = richMenuImagePath(flowsDir, image);
  if (!file) return `the image "${image}" is outside the flows folder`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `no image file "${image}" in the flows folder`;
  }
  if (!stat.isFile()) return `"${image}" is not a file`;
  if (stat.size > MAX_RICH_MENU_IMAGE_BYTES) return `the image "${image}" is ${stat.size} bytes; LINE takes at most ${MAX_RICH_MENU_IMAGE_BYTES} (1 MB)`;
  const facts = imageFacts(fs.readFileSync(file));
  if (!facts) return `the image "${image}" is not a PNG or JPEG file`;
  if (facts.width !== size.width || facts.height !== size.height) {
    return `the image "${image}" is ${facts.width}x${facts.height}; the menu's size is ${size.width}x${size.height}, and LINE wants them equal`;
  }
  return null;
}

/**
 * @example
 * validateFlowSources(sources, { fileProblems: richMenuImageProblems('flows') });
 */
export function richMenuImageProblems(flowsDir: string): (index: SetIndex) => FlowProblem[] {
  return (index) => {
    const problems: FlowProblem[] = [];
    for (const menu of index.richMenus.values()) {
      const message = imageProblem(flowsDir, menu.document.image, menu.document.size);
      if (message) problems.push(problemAt(menu, '/image', 'rich-menu-image', message));
    }
    return problems;
  };
}
