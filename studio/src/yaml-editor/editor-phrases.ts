/**
 * CodeMirror's own words (the search panel's "Find" and "Replace", the problems list, folding, what a
 * screen reader hears) in the studio's language, through EditorState.phrases. The keys are CodeMirror's
 * English texts; `$` in them is CodeMirror's placeholder for a number and stays in the translation.
 */
import { msg } from '@lit/localize';
import { EditorState, type Extension } from '@codemirror/state';

/** asked again when the language changes: msg() answers in the language of the moment */
export function editorPhrases(): Extension {
  const phrases: Record<string, string> = {
    // @codemirror/search: the panel (Ctrl/Cmd+F) and Go to line (Ctrl/Cmd+Alt+G)
    Find: msg('Find', { desc: "the YAML editor's search field" }),
    Replace: msg('Replace', { desc: "the YAML editor's replace field" }),
    next: msg('next', { desc: "the YAML editor's search: go to the next match" }),
    previous: msg('previous', { desc: "the YAML editor's search: go to the previous match" }),
    all: msg('all', { desc: "the YAML editor's search: select every match" }),
    'match case': msg('match case', { desc: "the YAML editor's search: tell upper from lower case" }),
    'by word': msg('by word', { desc: "the YAML editor's search: whole words only" }),
    regexp: msg('regexp', { desc: "the YAML editor's search: the text is a regular expression" }),
    replace: msg('replace', { desc: "the YAML editor's search: replace this match" }),
    'replace all': msg('replace all', { desc: "the YAML editor's search: replace every match" }),
    close: msg('close', { desc: "the YAML editor: closes its search panel or problems list" }),
    'current match': msg('current match', { desc: "the YAML editor's search, read aloud: the match the cursor is on" }),
    'replaced $ matches': msg('replaced $ matches', { desc: "the YAML editor's search, read aloud; keep $, the number" }),
    'replaced match on line $': msg('replaced match on line $', { desc: "the YAML editor's search, read aloud; keep $, the line number" }),
    'on line': msg('on line', { desc: "the YAML editor's search, read aloud: a match on line 12" }),
    'Go to line': msg('Go to line', { desc: "the YAML editor's go to line field" }),
    go: msg('go', { desc: "the YAML editor's go to line button" }),
    // @codemirror/lint: the problems list (Ctrl/Cmd+Shift+M)
    Diagnostics: msg('Diagnostics', { desc: "the YAML editor's list of problems" }),
    'No diagnostics': msg('No diagnostics', { desc: "the YAML editor's list of problems, empty" }),
    // @codemirror/language: folding
    'Fold line': msg('Fold line', { desc: "the YAML editor's gutter: hide the lines of this block" }),
    'Unfold line': msg('Unfold line', { desc: "the YAML editor's gutter: show the hidden lines of this block" }),
    'Folded lines': msg('Folded lines', { desc: 'read aloud: Folded lines 3 to 8' }),
    'Unfolded lines': msg('Unfolded lines', { desc: 'read aloud: Unfolded lines 3 to 8' }),
    to: msg('to', { desc: 'between two line numbers: lines 3 to 8' }),
    'folded code': msg('folded code', { desc: 'read aloud: the marker of hidden lines' }),
    unfold: msg('unfold', { desc: 'the marker of hidden lines: show them' }),
    // @codemirror/autocomplete, @codemirror/view, @codemirror/commands: read aloud
    Completions: msg('Completions', { desc: "the YAML editor's list of suggestions" }),
    'Control character': msg('Control character', { desc: 'an invisible character shown as a dot in the YAML editor' }),
    'Selection deleted': msg('Selection deleted', { desc: 'read aloud after deleting the selected text' }),
  };
  return EditorState.phrases.of(phrases);
}
