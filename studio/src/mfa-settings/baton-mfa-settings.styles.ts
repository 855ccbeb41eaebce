import { css } from 'lit';

export const mfaSettingsStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  p {
    margin: 0;
  }
  ol.steps {
    margin: 0;
    padding-left: 20px;
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .qr {
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
    align-items: flex-start;
    margin-top: 8px;
  }
  .qr img {
    width: 180px;
    height: 180px;
    border: 1px solid var(--baton-border);
    border-radius: 8px;
    /* white in the dark palette too: scanners read dark modules on a light ground */
    background: #ffffff;
    padding: 6px;
  }
  .secret {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
    flex: 1 1 180px;
  }
  .secret code {
    font-family: var(--baton-mono);
    font-size: 13px;
    word-break: break-all;
    background: var(--baton-surface-alt);
    border: 1px solid var(--baton-border);
    border-radius: 6px;
    padding: 6px 8px;
  }
  form {
    max-width: 360px;
    margin-top: 8px;
  }
  .buttons {
    display: flex;
    gap: 8px;
  }
  .state {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
  }
`;
