import { css } from 'lit';

/** a run's status badge, on the job list and in the runs table */
export const jobStatusStyles = css`
  .badge.running {
    background: #fff4e0;
    color: var(--baton-warning);
  }
  .badge.done {
    background: #e3f6ea;
    color: #137333;
  }
  .badge.failed,
  .badge.abandoned {
    background: #fdecea;
    color: var(--baton-danger);
  }
`;
