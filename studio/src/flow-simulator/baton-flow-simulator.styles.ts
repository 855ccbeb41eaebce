import { css } from 'lit';

export const flowSimulatorStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-height: 0;
    font-size: 13px;
  }
  .setup {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 10px;
    margin: 0;
    padding: 8px;
    border: 1px solid var(--baton-border);
    border-radius: 6px;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 12px;
    color: var(--baton-muted);
  }
  .state {
    flex-basis: 100%;
    margin: 0;
  }
  .chat {
    flex: 1;
    min-height: 200px;
    overflow-y: auto;
    padding: 10px;
    border-radius: 8px;
    /* LINE's chat background: the bubbles read as they do on the phone */
    background: var(--baton-line-chat, var(--baton-surface-alt));
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .hint {
    margin: auto;
    text-align: center;
  }
  .turn {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .bubble {
    max-width: 80%;
    padding: 7px 11px;
    border-radius: 16px;
    white-space: pre-wrap;
    word-break: break-word;
  }
  .customer {
    align-self: flex-end;
    background: var(--baton-line-green, var(--baton-ok-soft));
    color: var(--baton-text);
  }
  .bot {
    align-self: flex-start;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
  }
  /* an image or Flex card, drawn by <baton-line-preview> */
  .card {
    align-self: flex-start;
    max-width: 100%;
  }
  .system {
    align-self: center;
    font-size: 11.5px;
    color: var(--baton-muted);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding-top: 4px;
  }
  .chip {
    border-radius: 999px;
    border: 1px solid var(--baton-accent);
    color: var(--baton-accent);
    background: var(--baton-surface);
    padding: 4px 12px;
  }
  .trace {
    font-size: 12px;
    color: var(--baton-muted);
  }
  .trace ol {
    margin: 4px 0;
    padding-left: 20px;
    font-family: var(--baton-mono);
  }
  .trace li[data-kind='event'] {
    color: var(--baton-text);
  }
  .trace li[data-kind='action'] {
    color: var(--baton-accent);
  }
  .trace li.true {
    color: var(--baton-ok);
  }
  .trace li.false {
    color: var(--baton-danger);
  }
  .composer,
  .row {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .composer input {
    flex: 1;
  }
  .spacer {
    flex: 1;
  }
  .error {
    color: var(--baton-danger);
    background: var(--baton-danger-soft);
    border: 1px solid var(--baton-danger-border);
    border-radius: 6px;
    padding: 6px 8px;
  }
  .error ul {
    margin: 4px 0 0;
    padding-left: 18px;
    font-family: var(--baton-mono);
  }
  .tests ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .tests li {
    display: flex;
    flex-direction: column;
    padding: 3px 0;
  }
  .tests .pass {
    color: var(--baton-ok);
  }
  .tests .fail {
    color: var(--baton-danger);
  }
  .failure {
    font-family: var(--baton-mono);
    font-size: 11.5px;
    color: var(--baton-muted);
  }
`;
