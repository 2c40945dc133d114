// Guards for every web contents the app creates: no navigating away from the app's page, no new windows,
// no <webview>. Links meant for a browser open there, and only when they are plain http(s).

import type { WebContents } from 'electron';
import { externalUrl } from './external-links';

/** guardContents applies the navigation and window rules to one web contents. */
export function guardContents(
  contents: WebContents,
  isAppPage: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = externalUrl(url);
    if (safe) openExternal(safe);
    return { action: 'deny' };
  });
}
