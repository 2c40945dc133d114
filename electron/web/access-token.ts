// The web host's access key. Loopback is reachable by every page the user opens, so API calls need a
// secret that only the person who ran `berth ui` has: it is printed once and carried in the URL fragment.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** newAccessToken makes a random key: 24 bytes, base64url, so it fits a URL fragment unescaped. */
export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

// Hashing both sides gives equal-length buffers, so the comparison takes the same time whatever the
// caller sent, and not even the token's length leaks.
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** bearerMatches checks an `Authorization: Bearer <token>` header against the token in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  const same = timingSafeEqual(digest(given), digest(token));
  return same && given.length > 0;
}
