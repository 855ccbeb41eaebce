/** Desktop notifications (the Notification API), shown only once the operator allowed them. */

export type NoticePermission = NotificationPermission | 'unsupported';

export function noticePermission(): NoticePermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser; call from a click: browsers ignore (or block for good) requests made at load. */
export async function askNoticePermission(): Promise<NoticePermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

/**
 * Shows a notification; `tag` replaces an earlier one for the same conversation rather than stacking.
 * Clicking it brings the studio forward and calls `onClick`.
 */
export function showNotice(title: string, body: string, tag: string, onClick: () => void): void {
  if (noticePermission() !== 'granted') return;
  let notice: Notification;
  try {
    notice = new Notification(title, { body, tag });
  } catch {
    // some browsers (Chrome on Android) allow notifications from a service worker only: the chime remains
    return;
  }
  notice.onclick = () => {
    window.focus();
    onClick();
    notice.close();
  };
}
