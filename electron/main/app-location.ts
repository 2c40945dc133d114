// Where the app's own pages come from: the built renderer on disk, or Vite's dev server while developing.
// Every trust decision in main (IPC sender, navigation, CSP, permissions) asks this one question.

import { pathToFileURL } from 'node:url';

/** AppLocation is where the renderer is loaded from: a file on disk, or a loopback dev server. */
export type AppLocation =
  | { kind: 'file'; indexUrl: string; rootUrl: string }
  | { kind: 'dev'; origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** fileLocation is the built renderer: `index.html` inside `rendererDir`. */
export function fileLocation(rendererDir: string): AppLocation {
  const rootUrl = pathToFileURL(rendererDir.endsWith('/') ? rendererDir : `${rendererDir}/`).href;
  return { kind: 'file', rootUrl, indexUrl: new URL('index.html', rootUrl).href };
}

/** devLocation accepts only a loopback http origin, so a stray BERTH_DEV_SERVER_URL cannot point the app's bridge at a remote site. */
export function devLocation(devServerUrl: string): AppLocation {
  const url = new URL(devServerUrl);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`BERTH_DEV_SERVER_URL must be an http URL on this computer, not "${devServerUrl}".`);
  }
  return { kind: 'dev', origin: url.origin };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** isAppPage tells whether a URL is the app's own page (hash and query ignored): the only page allowed the bridge. */
export function isAppPage(url: string, location: AppLocation): boolean {
  const u = parse(url);
  if (!u) return false;
  if (location.kind === 'dev') return u.origin === location.origin;
  const index = new URL(location.indexUrl);
  return u.protocol === 'file:' && u.host === index.host && u.pathname === index.pathname;
}

/** isAppContent tells whether a URL is any resource of the app (page, script, style, image). */
export function isAppContent(url: string, location: AppLocation): boolean {
  const u = parse(url);
  if (!u) return false;
  if (location.kind === 'dev') return u.origin === location.origin;
  // The URL parser has already resolved `..` and `%2e%2e` segments, so a prefix check cannot be climbed out of.
  return u.protocol === 'file:' && u.href.startsWith(location.rootUrl);
}

/** appEntryUrl is the URL the main window loads. */
export function appEntryUrl(location: AppLocation): string {
  return location.kind === 'dev' ? `${location.origin}/` : location.indexUrl;
}
