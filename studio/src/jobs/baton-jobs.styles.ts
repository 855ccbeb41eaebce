import { css } from 'lit';

export const jobsStyles = css`
  .title {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .intro {
    margin: 0;
  }
  .jobs {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .job {
    display: flex;
    flex-direction: column;
    gap: 8px;
    background: var(--baton-surface);
    border: 1px solid var(--baton-border);
    border-radius: 10px;
    padding: 12px 14px;
  }
  .job-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 8px;
  }
  h2 {
    margin: 0;
    font-size: 15px;
    font-family: var(--baton-mono);
  }
  .schedule {
    font-size: 12.5px;
  }
  .actions {
    display: flex;
    gap: 8px;
    align-items: flex-start;
  }
  .last {
    margin: 0;
    font-size: 13px;
  }
  .run-error {
    color: var(--baton-danger);
  }
`;
