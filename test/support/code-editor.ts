/**
 * The studio's YAML editor (CodeMirror in <baton-yaml-editor>) driven like a person would: the
 * keyboard into its content, the line number the gutter highlights. CodeMirror draws only the lines
 * in view, so whole-text reads go through the element's `text`.
 */
import type { Page } from 'playwright-core';

const host = (page: Page) => page.getByTestId('yaml-editor');
export const editorContent = (page: Page) => page.getByTestId('code-input');

/** The whole text in the editor. */
export function editorText(page: Page): Promise<string> {
  return host(page).evaluate((el) => ('text' in el && typeof el.text === 'string' ? el.text : ''));
}

/** Selects everything and types `text` over it (one input, as a paste: no auto-indent). */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await editorContent(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** Puts the cursor at `line:col` (1-based) the way a problem link does, and focuses the editor. */
export async function moveCursor(page: Page, line: number, col: number): Promise<void> {
  await host(page).evaluate(async (el, [l, c]) => {
    if (!('reveal' in el) || typeof el.reveal !== 'function') throw new Error('not the YAML editor');
    await el.reveal(l, c);
  }, [line, col] as const);
}

/** The 1-based line the cursor is on, as the line-number gutter highlights it. */
export async function cursorLine(page: Page): Promise<number> {
  return Number(await host(page).locator('.cm-lineNumbers .cm-activeLineGutter').innerText());
}

/** The 1-based line where `needle` first appears in the editor's text. */
export async function lineOf(page: Page, needle: string): Promise<number> {
  const text = await editorText(page);
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the editor`);
  return text.slice(0, at).split('\n').length;
}
