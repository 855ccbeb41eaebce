/**
 * The editor's look, from the studio's --baton-* colours only, so the dark palette (and any theme
 * change to those variables) applies to the editor as to the rest of the page.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

const theme = EditorView.theme({
  '&': {
    color: 'var(--baton-text)',
    backgroundColor: 'var(--baton-surface)',
    border: '1px solid var(--baton-border)',
    borderRadius: 'var(--baton-radius)',
    height: '100%',
    fontSize: '13px',
  },
  '&.cm-focused': { outline: '2px solid var(--baton-accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--baton-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--baton-text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--baton-text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--baton-accent-soft)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--baton-surface-alt)',
    color: 'var(--baton-muted)',
    borderRight: '1px solid var(--baton-border)',
    borderRadius: 'var(--baton-radius) 0 0 var(--baton-radius)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--baton-accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--baton-accent-soft)', color: 'var(--baton-text)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--baton-accent-soft)', outline: '1px solid var(--baton-accent)' },
  '.cm-nonmatchingBracket': { color: 'var(--baton-danger)' },
  '.cm-searchMatch': { backgroundColor: 'var(--baton-warning-soft)', outline: '1px solid var(--baton-warning-border)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--baton-warning-border)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--baton-neutral-soft)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--baton-neutral-soft)', color: 'var(--baton-muted)', border: '1px solid var(--baton-border)' },
  '.cm-panels': { backgroundColor: 'var(--baton-surface-alt)', color: 'var(--baton-text)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--baton-border)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--baton-border)' },
  '.cm-textfield, .cm-button': { font: 'inherit', color: 'var(--baton-text)', backgroundColor: 'var(--baton-surface)', border: '1px solid var(--baton-border-strong)', borderRadius: '4px', backgroundImage: 'none' },
  '.cm-tooltip': {
    backgroundColor: 'var(--baton-surface)',
    color: 'var(--baton-text)',
    border: '1px solid var(--baton-border-strong)',
    borderRadius: '6px',
    boxShadow: '0 4px 16px rgb(0 0 0 / 15%)',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--baton-accent-fill)', color: 'var(--baton-on-fill)' },
  '.cm-completionDetail': { color: 'var(--baton-muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
  '.cm-completionInfo': { maxWidth: '360px', padding: '6px 9px', fontFamily: 'var(--baton-font)', lineHeight: '1.4' },
  '.cm-diagnostic': { fontFamily: 'var(--baton-font)', padding: '4px 8px' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--baton-danger)' },
  '.cm-diagnosticSource, .cm-problem-code': { color: 'var(--baton-muted)', fontFamily: 'var(--baton-mono)', fontSize: '12px' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--baton-danger)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-hover': { maxWidth: '420px', padding: '6px 9px', fontFamily: 'var(--baton-font)', lineHeight: '1.4' },
  '.cm-hover-title': { fontFamily: 'var(--baton-mono)', fontWeight: '600', marginBottom: '2px' },
  '.cm-hover code, .cm-completionInfo code': { fontFamily: 'var(--baton-mono)', backgroundColor: 'var(--baton-neutral-soft)', borderRadius: '3px', padding: '0 3px' },
});

const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--baton-accent)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--baton-ok)' },
  { tag: tags.content, color: 'var(--baton-text)' },
  { tag: tags.lineComment, color: 'var(--baton-muted)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.keyword], color: 'var(--baton-bot)' },
  { tag: [tags.labelName, tags.typeName], color: 'var(--baton-warning)' },
  { tag: tags.separator, color: 'var(--baton-muted)' },
]);

export const yamlEditorTheme: Extension = [theme, syntaxHighlighting(highlight)];
