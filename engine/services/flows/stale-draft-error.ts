/**
 * A draft published over a version it never saw: someone else published (or rolled back) after the draft was
 * started. Refused with 409 so that nobody's work is overwritten silently; the studio keeps the draft and
 * offers the diff against the version that is active now.
 */
import { UserError } from '../../errors.ts';

export interface ActiveSince {
  /** the version active now */
  version: number;
  /** 'publish' or 'activate' (a rollback) */
  action: 'publish' | 'activate';
  /** operator:<id> or folder:<dir> */
  actor: string;
  /** the actor's display name where it is an operator, else the actor */
  actorName: string;
  at: number;
}

/** "2026-01-05 10:04 UTC": one unambiguous time for every reader of the message. */
const utcMinute = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class StaleDraftError extends UserError {
  constructor(baseVersion: number, since: ActiveSince) {
    const verb = since.action === 'publish' ? 'published' : 'made active again';
    super(
      409,
      'stale_draft',
      `Version ${since.version} was ${verb} by ${since.actorName} at ${utcMinute(since.at)} since you started this draft from version ${baseVersion}; ` +
        `nothing was published. Review the changes against version ${since.version}, then publish again from it.`,
      { baseVersion, active: since },
    );
    this.name = 'StaleDraftError';
  }
}
