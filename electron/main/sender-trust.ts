// Main trusts an IPC message only when it comes from the main frame of the app's own window, showing the
// app's own page. A subframe, another window or a page the window was tricked into opening gets nothing.

import { type AppLocation, isAppPage } from './app-location';

/** FrameLike is the part of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly frameToken: string;
  readonly parent: FrameLike | null;
}

/** isTrustedFrame tells whether `frame` is `mainFrame` (the window's top frame) and shows the app's own page. */
export function isTrustedFrame(
  frame: FrameLike | null | undefined,
  mainFrame: FrameLike | null | undefined,
  location: AppLocation,
): boolean {
  if (!frame || !mainFrame) return false;
  // Frames are compared by identity fields, not object identity: Electron may hand out a fresh wrapper.
  return (
    frame.parent === null &&
    frame.processId === mainFrame.processId &&
    frame.frameToken === mainFrame.frameToken &&
    isAppPage(frame.url, location)
  );
}
