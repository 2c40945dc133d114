/**
 * nextLink reads the `rel="next"` target of a Link header and resolves it against the request URL.
 * Distribution sends it relative (`</v2/_catalog?last=a%2Fb&n=100>; rel="next"`); others send absolute URLs.
 */
export function nextLink(header: string | undefined, base: URL): URL | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m) continue;
    const rel = /\brel\s*=\s*"?([^";]+)"?/i.exec(m[2]!)?.[1] ?? '';
    if (!rel.split(/\s+/).includes('next')) continue;
    try {
      return new URL(m[1]!, base);
    } catch {
      return null;
    }
  }
  return null;
}
