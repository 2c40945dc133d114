// Which links may leave the app for the user's browser: plain http(s) addresses only. Anything else a page
// could ask for (file:, javascript:, custom schemes that start other programs) is refused.

const MAX_URL_LENGTH = 2048;

/** externalUrl returns the normalized http(s) URL to open in the browser, or null when it must not be opened. */
export function externalUrl(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // `https://registry.example@evil.example` reads like one site and opens another: refuse credentials in links.
  if (url.username || url.password) return null;
  return url.href;
}
