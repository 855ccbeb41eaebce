import { css } from 'lit';

/** A centred card with a form (login, invite) and the form rows the account and team pages share. */
export const cardStyles = css`
  .card {
    width: min(380px, 100%);
    display: flex;
    flex-direction: column;
    gap: 14px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 12px;
    padding: 28px;
    box-shadow: 0 8px 24px rgb(0 0 0 / 6%);
  }
  h1 {
    margin: 0 0 4px;
    font-size: 20px;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 500;
  }
  .hint {
    font-size: 12.5px;
    font-weight: 400;
    color: var(--baton-muted);
  }
  .notice {
    border-radius: 6px;
    padding: 8px 10px;
    background: var(--baton-warning-soft);
    border: 1px solid var(--baton-warning-border);
    color: var(--baton-warning-text);
  }
  .ok {
    border-radius: 6px;
    padding: 8px 10px;
    background: var(--baton-ok-soft);
    border: 1px solid var(--baton-ok-border);
    color: var(--baton-ok);
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--baton-accent);
    text-decoration: underline;
    align-self: flex-start;
  }
  button.link:hover:not(:disabled) {
    background: none;
  }
  .code {
    font-family: var(--baton-mono);
    letter-spacing: 0.12em;
    font-size: 16px;
  }
`;
