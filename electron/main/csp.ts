// The Content-Security-Policy of the app's pages: scripts only from the app itself, nothing fetched from
// anywhere else (the engine does all network work in main). Sent as a response header on app content.

import type { Session } from 'electron';
import { type AppLocation, isAppContent } from './app-location';

/** contentSecurityPolicy is the policy for the app's pages; the dev server additionally gets its origin and HMR socket. */
export function contentSecurityPolicy(location: AppLocation): string {
  const dev = location.kind === 'dev' ? location.origin : null;
  return [
    "default-src 'self'",
    // @vitejs/plugin-react injects an inline React Refresh preamble in dev; production has no inline script.
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    dev ? `connect-src 'self' ${dev} ${dev.replace(/^http/, 'ws')}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** installCsp adds the policy to every response that is app content, replacing any policy it carried. */
export function installCsp(session: Session, location: AppLocation): void {
  const policy = contentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppContent(details.url, location)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
