import { css } from 'lit';

export const simulatorStyles = css`
  :host {
    display: flex;
    justify-content: center;
    gap: 32px;
    padding: 24px;
    overflow: auto;
  }
  .controls {
    width: 300px;
    flex: none;
    display: flex;
    flex-direction: column;
    gap: 14px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 12px;
    padding: 20px;
    align-self: flex-start;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  p {
    margin: 0;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 500;
  }
  .row {
    display: flex;
    gap: 6px;
  }
  .row input {
    flex: 1;
    min-width: 0;
  }
  #user-id {
    font-family: var(--baton-mono);
    font-size: 12px;
  }
  .buttons {
    display: flex;
    gap: 8px;
  }
  .buttons button {
    flex: 1;
  }
  button.follow {
    background: var(--baton-line-green-fill);
    border-color: var(--baton-line-green-fill);
    color: var(--baton-on-fill);
  }
  button.follow:hover:not(:disabled) {
    background: var(--baton-line-green-fill-hover);
    border-color: var(--baton-line-green-fill-hover);
  }
  .warn {
    color: var(--baton-warning);
    font-size: 12px;
  }
  .phone {
    width: 380px;
    height: min(720px, calc(100vh - 120px));
    min-height: 480px;
    flex: none;
    display: flex;
    flex-direction: column;
    border: 10px solid var(--baton-sim-frame);
    border-radius: 36px;
    overflow: hidden;
    background: var(--baton-sim-wallpaper);
    box-shadow: 0 12px 32px rgb(0 0 0 / 18%);
  }
  .phone-header {
    background: var(--baton-sim-header);
    color: var(--baton-topbar-text);
    padding: 14px 16px 10px;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .phone-header strong {
    font-size: 15px;
  }
  .phone-header span {
    font-size: 11px;
    opacity: 0.75;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 12px;
    flex: 1;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  li {
    display: flex;
    gap: 6px;
    align-items: flex-end;
    max-width: 82%;
  }
  li.user {
    align-self: flex-end;
    flex-direction: row-reverse;
  }
  li.account {
    align-self: flex-start;
  }
  .oa {
    width: 28px;
    height: 28px;
    flex: none;
    border-radius: 50%;
    background: var(--baton-line-green-fill);
    color: var(--baton-on-fill);
    font-size: 10px;
    font-weight: 700;
    display: flex;
    align-items: center;
    justify-content: center;
    align-self: flex-start;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 16px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.45;
    background: var(--baton-sim-bubble);
    color: var(--baton-sim-bubble-text);
  }
  .user .bubble {
    background: var(--baton-sim-bubble-user);
  }
  .bubble.sticker {
    background: color-mix(in srgb, var(--baton-sim-bubble) 55%, transparent);
    font-style: italic;
  }
  .meta {
    display: flex;
    flex-direction: column;
    font-size: 10px;
    color: var(--baton-sim-meta);
    white-space: nowrap;
  }
  .via {
    text-transform: uppercase;
    font-weight: 700;
    letter-spacing: 0.04em;
  }
  .via.push {
    color: var(--baton-sim-push);
  }
  .empty {
    margin: auto;
    color: var(--baton-sim-meta);
    text-align: center;
    padding: 24px;
  }
  .quick-replies {
    display: flex;
    gap: 6px;
    overflow-x: auto;
    padding: 8px 10px;
    background: var(--baton-sim-tray);
  }
  .quick-replies button {
    flex: none;
    border-radius: 999px;
    border-color: var(--baton-line-green);
    color: var(--baton-ok);
    background: var(--baton-surface);
    padding: 6px 14px;
  }
  form {
    display: flex;
    gap: 6px;
    padding: 8px;
    background: var(--baton-surface);
    border-top: 1px solid var(--baton-border);
  }
  form input {
    flex: 1;
    min-width: 0;
    border-radius: 999px;
    padding: 8px 14px;
  }
  form button {
    border-radius: 999px;
  }
  .error {
    margin: 8px;
    font-size: 12px;
  }
  li.pending .bubble {
    opacity: 0.6;
  }
  .hours-note {
    display: flex;
    flex-direction: column;
    gap: 6px;
    font-size: 12px;
    border-top: 1px solid var(--baton-border);
    padding-top: 12px;
  }
  .hours.open strong {
    color: var(--baton-ok);
  }
  .hours.closed strong {
    color: var(--baton-warning);
  }
  code {
    font-family: var(--baton-mono);
  }
  /* the customer's rich menu: a chat bar under the input, the image with its areas as buttons over it */
  .rich-menu {
    display: flex;
    flex-direction: column;
    background: var(--baton-surface);
    border-top: 1px solid var(--baton-border);
  }
  .chat-bar {
    border: none;
    border-radius: 0;
    background: transparent;
    padding: 8px;
    font-weight: 600;
  }
  .rich-menu-image {
    position: relative;
    width: 100%;
    background: var(--baton-sim-wallpaper);
  }
  .rich-menu-image img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .rich-menu-area {
    position: absolute;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 4px;
    border: 1px dashed color-mix(in srgb, var(--baton-on-fill) 60%, transparent);
    border-radius: 0;
    background: transparent;
    color: var(--baton-on-fill);
    font-weight: 600;
    text-shadow: 0 1px 2px rgb(0 0 0 / 60%);
  }
  .rich-menu-area:hover,
  .rich-menu-area:focus-visible {
    background: rgb(255 255 255 / 15%);
  }
  .rich-menu-kind {
    padding: 2px 8px 6px;
    font-size: 0.75rem;
    color: var(--baton-sim-meta);
    text-align: center;
  }

  /*
   * A phone (390 px and the like): no room side by side, and no need to draw a phone on a phone. The
   * user's controls come first (Add friend starts a chat), then the chat, as tall as the screen below
   * the top bar so the messages, the quick replies and the input are all in view once scrolled to.
   */
  @media (max-width: 760px) {
    :host {
      flex-direction: column;
      justify-content: flex-start;
      gap: 0;
      padding: 0;
    }
    .controls {
      width: auto;
      align-self: stretch;
      gap: 10px;
      padding: 14px 12px;
      border-width: 0 0 1px;
      border-radius: 0;
    }
    .phone {
      width: auto;
      height: 100%;
      min-height: 420px;
      border: none;
      border-radius: 0;
      box-shadow: none;
    }
  }
`;
