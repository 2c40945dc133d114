// Headers sent on every answer of the web host. The renderer is built to run under exactly this policy,
// the same one the Electron window uses, so a bug that injects markup cannot load or send anything.

import type { ServerResponse } from 'node:http';

/** CONTENT_SECURITY_POLICY allows only our own scripts and connections; inline styles are React's `style=`. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** applySecurityHeaders sets the headers every response carries, before anything else is written. */
export function applySecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // Other sites may not embed or read our files even by <script src> or <img src> (no-cors loads).
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}
