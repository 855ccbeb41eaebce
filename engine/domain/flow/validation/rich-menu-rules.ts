/**
 * What LINE refuses in a rich menu that JSON Schema cannot see: a size narrower than 1.45 times its
 * height, and areas reaching outside the image. The image file itself is checked where files can be
 * read (engine/services/rich-menus/rich-menu-image-problems.ts), not here: the studio runs this too.
 */
import type { RichMenuDocument } from '../flow-document.ts';
import type { FlowProblem } from './flow-problem.ts';
import { pointer } from './json-pointer.ts';
import { problemAt, type DocumentSite } from './located-document.ts';

/** LINE: "the aspect ratio (width / height) must be at least 1.45". */
export const MIN_RICH_MENU_ASPECT = 1.45;

export function richMenuProblems(menu: RichMenuDocument, site: DocumentSite): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const { width, height } = menu.size;
  if (width / height < MIN_RICH_MENU_ASPECT) {
    problems.push(problemAt(site, '/size/height', 'rich-menu-size', `a rich menu ${width} wide may be at most ${Math.floor(width / MIN_RICH_MENU_ASPECT)} high (LINE wants width / height of at least ${MIN_RICH_MENU_ASPECT}); it is ${height}`));
  }
  menu.areas.forEach((area, i) => {
    const { x, y, width: w, height: h } = area.bounds;
    if (x + w > width) {
      problems.push(problemAt(site, pointer('areas', i, 'bounds', 'width'), 'rich-menu-bounds', `the area reaches x = ${x + w}, past the menu's width ${width} (x + width must be at most ${width})`));
    }
    if (y + h > height) {
      problems.push(problemAt(site, pointer('areas', i, 'bounds', 'height'), 'rich-menu-bounds', `the area reaches y = ${y + h}, past the menu's height ${height} (y + height must be at most ${height})`));
    }
  });
  return problems;
}
