/**
 * When to tell a queued customer their position again: always when first queued, then only when
 * the position changed and the last notice is at least `minIntervalSeconds` old, so a busy queue
 * does not send a message for every step forward.
 */
export interface PositionNotice {
  /** epoch ms of the last position message, null when none was sent yet */
  lastAnnouncedAt: number | null;
  lastPosition: number | null;
  position: number;
  now: number;
  minIntervalSeconds: number;
}

export function shouldAnnouncePosition(notice: PositionNotice): boolean {
  if (notice.lastAnnouncedAt === null || notice.lastPosition === null) return true;
  if (notice.position === notice.lastPosition) return false;
  return notice.now - notice.lastAnnouncedAt >= notice.minIntervalSeconds * 1000;
}
