// The app's pages need no browser permissions (camera, notifications, geolocation...), except writing to the
// clipboard for "copy digest" buttons. Everything else is refused, and nothing at all for foreign pages.

import type { Session } from 'electron';

const ALLOWED = new Set<string>(['clipboard-sanitized-write']);

/** restrictPermissions refuses every permission request and check except the allowed ones from the app's own main frame. */
export function restrictPermissions(session: Session, isAppPage: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED.has(permission) && details.isMainFrame && isAppPage(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => {
    return ALLOWED.has(permission) && details.isMainFrame && isAppPage(details.requestingUrl ?? '');
  });
}
