import { css } from 'lit';

export const inboxListStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    background: var(--baton-surface);
  }
  .top {
    padding: 12px 12px 0;
    display: flex;
    flex-direction: column;
    gap: 10px;
    border-bottom: 1px solid var(--baton-border);
  }
  .title {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  .live {
    font-size: 12px;
    color: var(--baton-muted);
    display: flex;
    align-items: center;
    gap: 5px;
  }
  .live::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--baton-dot-off);
  }
  .live.live-on::before {
    background: var(--baton-line-green);
  }
  .live.live-warn::before {
    background: var(--baton-dot-away);
  }
  .live.live-off::before {
    background: var(--baton-danger);
  }
  input[type='search'] {
    width: 100%;
  }
  [role='tablist'] {
    display: flex;
  }
  [role='tab'] {
    flex: 1;
    border: none;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: none;
    padding: 8px 4px;
    color: var(--baton-muted);
    font-weight: 500;
  }
  [role='tab']:hover:not(:disabled) {
    background: var(--baton-surface-alt);
    border-color: transparent;
    border-bottom-color: var(--baton-border-strong);
  }
  [role='tab'][aria-selected='true'],
  [role='tab'][aria-selected='true']:hover {
    color: var(--baton-accent);
    border-bottom-color: var(--baton-accent);
  }
  .count {
    display: inline-block;
    min-width: 20px;
    margin-left: 4px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--baton-neutral-soft);
    font-size: 12px;
  }
  [aria-selected='true'] .count {
    background: var(--baton-accent-soft);
  }
  .unread {
    display: inline-block;
    min-width: 20px;
    margin-left: 4px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--baton-danger-fill);
    color: var(--baton-on-fill);
    font-size: 12px;
    font-weight: 600;
    text-align: center;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    flex: 1;
  }
  li button {
    width: 100%;
    text-align: left;
    display: grid;
    grid-template-columns: 40px 1fr auto;
    gap: 10px;
    align-items: center;
    border: none;
    border-bottom: 1px solid var(--baton-border);
    border-radius: 0;
    padding: 10px 12px;
    background: none;
  }
  li button:hover:not(:disabled) {
    background: var(--baton-surface-alt);
    border-color: var(--baton-border);
  }
  li button[aria-current='true'] {
    background: var(--baton-accent-soft);
  }
  .avatar {
    width: 40px;
    height: 40px;
    border-radius: 50%;
    object-fit: cover;
    background: var(--baton-tag-soft);
    color: var(--baton-tag-text);
    display: flex;
    align-items: center;
    justify-content: center;
    font-weight: 600;
  }
  .main {
    min-width: 0;
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview {
    color: var(--baton-muted);
    font-size: 13px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .channel {
    display: flex;
    margin-top: 3px;
    min-width: 0;
  }
  .badge.auto {
    background: var(--baton-accent-soft);
    color: var(--baton-accent);
  }
  .queue-position {
    font-weight: 600;
    white-space: nowrap;
  }
  .meta {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 4px;
    font-size: 12px;
    color: var(--baton-muted);
  }
  .empty {
    padding: 24px 12px;
    text-align: center;
    color: var(--baton-muted);
  }
  .error {
    margin: 12px;
  }
`;
