import { css } from 'lit';

/** a run's status badge, on the job list and in the runs table */
export const jobStatusStyles = css`
  .badge.running {
    background: var(--baton-warning-soft);
    color: var(--baton-warning);
  }
  .badge.done {
    background: var(--baton-ok-soft);
    color: var(--baton-ok);
  }
  .badge.failed,
  .badge.abandoned {
    background: var(--baton-danger-soft);
    color: var(--baton-danger);
  }
`;
