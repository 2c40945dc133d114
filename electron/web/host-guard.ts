// DNS-rebinding and cross-site defences. A page on evil.example can make its name resolve to 127.0.0.1
// and then talk to us as "same origin"; the Host header still says evil.example, so we check it. Pages on
// other origins that post to us directly are recognised by their Origin header.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** isLoopbackHost says whether an address to listen on stays on this computer. */
export function isLoopbackHost(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host.toLowerCase());
}

/** urlHostname writes a listen address as it appears in a URL: IPv6 in brackets. */
export function urlHostname(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** isAllowedHost accepts only a loopback name with our port, as browsers send it when they really talk to us. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return LOOPBACK_NAMES.some(
    // Browsers leave out the port only when it is the scheme's default.
    (name) => host === `${name}:${port}` || (port === 80 && host === name),
  );
}

/** isOwnOrigin accepts a missing Origin (same-origin GETs, non-browser clients) or exactly the origin we serve. */
export function isOwnOrigin(origin: string | undefined, hostHeader: string): boolean {
  if (origin === undefined) return true;
  return origin.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}
