import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
  }
  .row {
    position: relative;
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 40px;
    max-height: 160px;
    line-height: 1.4;
  }
  .row > button {
    height: 40px;
  }
  .canned-button {
    font-size: 13px;
    color: var(--baton-muted);
    padding: 6px 10px;
  }
  .canned-button[aria-expanded='true'] {
    background: var(--baton-accent-soft);
    border-color: var(--baton-accent);
    color: var(--baton-accent);
  }
  .hint {
    font-size: 11px;
    color: var(--baton-muted);
    margin-top: 4px;
  }
  .picker {
    position: absolute;
    left: 0;
    right: 0;
    bottom: calc(100% + 6px);
    z-index: 10;
    display: flex;
    flex-direction: column;
    max-height: 300px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: var(--baton-radius);
    box-shadow: 0 8px 24px rgb(15 23 42 / 14%);
    overflow: hidden;
  }
  .picker input {
    margin: 8px 8px 0;
  }
  .picker [role='listbox'] {
    flex: 1;
    overflow-y: auto;
    padding: 4px;
    margin: 0;
  }
  .picker [role='option'] {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 8px;
    row-gap: 2px;
    padding: 6px 8px;
    border-radius: 6px;
    cursor: pointer;
  }
  .picker [role='option'][aria-selected='true'] {
    background: var(--baton-accent-soft);
  }
  .picker code {
    font-family: var(--baton-mono);
    font-size: 12px;
    color: var(--baton-accent);
    min-width: 5ch;
  }
  .picker .title {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .picker .text {
    grid-column: 2;
    font-size: 12px;
    color: var(--baton-muted);
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .picker .empty,
  .picker .keys {
    padding: 8px 12px;
    font-size: 12px;
    color: var(--baton-muted);
  }
  .picker .keys {
    border-top: 1px solid var(--baton-border);
    background: var(--baton-surface-alt);
    padding: 5px 12px;
  }
  .picker .error {
    margin: 8px;
    font-size: 12px;
  }
  .modes {
    display: flex;
    align-items: center;
    gap: 4px;
    margin-bottom: 6px;
    font-size: 12px;
  }
  .modes button {
    padding: 2px 10px;
    font-size: 12px;
    border-radius: 999px;
  }
  .modes button.on {
    background: var(--baton-accent-fill);
    color: var(--baton-on-fill);
    border-color: transparent;
  }
  /* notes are amber everywhere: the box, the button and the note in the thread */
  .modes button.on.note {
    background: var(--baton-warning-fill);
  }
  .mode-hint {
    color: var(--baton-warning-text);
    margin-left: 6px;
  }
  .row.note textarea {
    background: var(--baton-warning-soft);
    border-color: var(--baton-dot-away);
  }
  .icon-button {
    height: 40px;
    padding: 6px 8px;
    font-size: 16px;
    display: inline-flex;
    align-items: center;
    cursor: pointer;
    border: 1px solid var(--baton-border, #ccc);
    border-radius: 6px;
    background: transparent;
  }
  .icon-button input[type='file'] {
    display: none;
  }
  .attachment {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    margin-bottom: 6px;
  }
  .attachment img {
    max-width: 160px;
    max-height: 120px;
    border-radius: 6px;
    border: 1px solid var(--baton-border, #ccc);
  }
  .rich-canned {
    margin-bottom: 6px;
    max-width: 420px;
  }
  .rich-canned-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    font-size: 12px;
    color: var(--baton-muted);
    margin-bottom: 4px;
  }
  .picker [role='option'] .kind {
    font-size: 11px;
    color: var(--baton-muted);
    border: 1px solid var(--baton-border, #ccc);
    border-radius: 4px;
    padding: 0 4px;
    margin-left: 6px;
  }
  .sticker-picker {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(56px, 1fr));
    gap: 4px;
    max-height: 180px;
    overflow-y: auto;
    margin-bottom: 6px;
    padding: 4px;
    border: 1px solid var(--baton-border, #ccc);
    border-radius: 6px;
  }
  .sticker-choice {
    padding: 2px;
    background: transparent;
    border: none;
    cursor: pointer;
  }
  .sticker-choice img {
    width: 48px;
    height: 48px;
    object-fit: contain;
  }
`;
