import { css } from 'lit';

/**
 * Three columns on a wide screen; on a phone (700px and narrower) one view at a time, chosen by the host's
 * data-view (list | thread | info, from the URL), with the phone bar's Back and Info above the thread or info.
 */
export const inboxStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(260px, 340px) minmax(360px, 1fr) minmax(240px, 300px);
    min-height: 0;
    height: 100%;
    background: var(--baton-surface);
  }
  baton-inbox-list,
  baton-chat-thread,
  baton-customer-info,
  .link-notice {
    min-height: 0;
    min-width: 0;
  }
  baton-inbox-list {
    border-right: 1px solid var(--baton-border);
  }
  baton-customer-info {
    border-left: 1px solid var(--baton-border);
  }
  baton-inbox-shortcuts {
    display: contents;
  }
  .link-notice {
    margin: 0;
    padding: 32px 24px;
    color: var(--baton-danger);
    background: var(--baton-surface-alt);
  }
  .phone-bar {
    display: none;
  }
  @media (max-width: 700px) {
    :host {
      display: flex;
      flex-direction: column;
    }
    baton-inbox-list,
    baton-chat-thread,
    baton-customer-info,
    .link-notice {
      display: none;
      flex: 1;
      border: none;
    }
    :host([data-view='list']) baton-inbox-list,
    :host([data-view='thread']) baton-chat-thread,
    :host([data-view='thread']) .link-notice,
    :host([data-view='info']) baton-customer-info {
      display: flex;
      flex-direction: column;
    }
    :host([data-view='info']) baton-customer-info {
      display: block;
    }
    :host(:not([data-view='list'])) .phone-bar {
      display: flex;
      align-items: center;
      gap: 8px;
      flex: none;
      padding: 6px 8px;
      border-bottom: 1px solid var(--baton-border);
      background: var(--baton-surface);
    }
    .phone-bar .title {
      flex: 1;
      min-width: 0;
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .phone-bar button {
      font: inherit;
      padding: 6px 10px;
      border-radius: 6px;
      border: 1px solid var(--baton-border);
      background: var(--baton-surface);
      color: var(--baton-text);
      cursor: pointer;
    }
  }
`;
