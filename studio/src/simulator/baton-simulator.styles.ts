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
    background: var(--baton-line-green);
    border-color: var(--baton-line-green);
    color: #fff;
  }
  button.follow:hover:not(:disabled) {
    background: #05b34c;
    border-color: #05b34c;
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
    border: 10px solid #111827;
    border-radius: 36px;
    overflow: hidden;
    background: #8cabd9;
    box-shadow: 0 12px 32px rgb(0 0 0 / 18%);
  }
  .phone-header {
    background: #24344d;
    color: #fff;
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
    background: var(--baton-line-green);
    color: #fff;
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
    background: #fff;
  }
  .user .bubble {
    background: #a6e97e;
  }
  .bubble.sticker {
    background: rgb(255 255 255 / 55%);
    font-style: italic;
  }
  .meta {
    display: flex;
    flex-direction: column;
    font-size: 10px;
    color: #1f2d44;
    white-space: nowrap;
  }
  .via {
    text-transform: uppercase;
    font-weight: 700;
    letter-spacing: 0.04em;
  }
  .via.push {
    color: #9a3412;
  }
  .empty {
    margin: auto;
    color: #1f2d44;
    text-align: center;
    padding: 24px;
  }
  .quick-replies {
    display: flex;
    gap: 6px;
    overflow-x: auto;
    padding: 8px 10px;
    background: rgb(255 255 255 / 35%);
  }
  .quick-replies button {
    flex: none;
    border-radius: 999px;
    border-color: var(--baton-line-green);
    color: #047a35;
    background: #fff;
    padding: 6px 14px;
  }
  form {
    display: flex;
    gap: 6px;
    padding: 8px;
    background: #fff;
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
    color: #047a35;
  }
  .hours.closed strong {
    color: var(--baton-warning);
  }
  code {
    font-family: var(--baton-mono);
  }
`;
