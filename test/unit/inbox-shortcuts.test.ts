/**
 * The inbox's shortcut table (studio/src/inbox/inbox-shortcuts.ts): each key press names its action, no two
 * actions share a key, and Ctrl / Cmd presses stay the browser's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { INBOX_SHORTCUTS, keyLabel, shortcutFor } from '../../studio/src/inbox/inbox-shortcuts.ts';

const press = (key: string, mods: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}) =>
  shortcutFor({ key, altKey: false, ctrlKey: false, metaKey: false, ...mods });

test('every key of the issue does its action', () => {
  assert.is(press('j'), 'next');
  assert.is(press('ArrowDown', { altKey: true }), 'next');
  assert.is(press('k'), 'previous');
  assert.is(press('ArrowUp', { altKey: true }), 'previous');
  assert.is(press('c'), 'claim');
  assert.is(press('e'), 'close');
  assert.is(press('r'), 'compose');
  assert.is(press('Enter'), 'compose');
  assert.is(press('/'), 'search');
  assert.is(press('?'), 'help');
  assert.is(press('J'), 'next', 'Caps Lock or Shift does not change a letter');
});

test('other keys, and Ctrl / Cmd / plain arrows, are left alone', () => {
  assert.is(press('x'), null);
  assert.is(press('ArrowDown'), null, 'a plain arrow scrolls as ever');
  assert.is(press('c', { ctrlKey: true }), null, 'Ctrl+C copies');
  assert.is(press('r', { metaKey: true }), null, 'Cmd+R reloads');
  assert.is(press('j', { altKey: true }), null);
});

test('no key belongs to two actions, and each action has a label and a key', () => {
  const keys = INBOX_SHORTCUTS.flatMap((s) => s.keys);
  assert.is(new Set(keys).size, keys.length);
  for (const shortcut of INBOX_SHORTCUTS) {
    assert.ok(shortcut.label.length > 0 && shortcut.keys.length > 0, shortcut.action);
    for (const key of shortcut.keys) assert.is(press(key.replace('Alt+', ''), { altKey: key.startsWith('Alt+') }), shortcut.action, key);
  }
  assert.is(keyLabel('Alt+ArrowDown'), 'Alt + ↓');
});

test.run();
