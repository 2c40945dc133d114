// When the person last pressed a key, for work that can wait until they pause: a keystroke in the filter
// must not queue behind a redraw that changes nothing they are looking for (digests of rows off screen,
// image details arriving). One listener for the whole window.

/** TYPING_QUIET_MS: work that waits for typing waits until the keyboard has been quiet this long. */
export const TYPING_QUIET_MS = 400;

let lastKeyAt = Number.NEGATIVE_INFINITY;

// From the moment the screen loads (the renderer has a window; the Node tests that import this do not):
// a key pressed before anything first asks must still count. Capture, so a key a field stops from
// bubbling counts too.
if (typeof window !== 'undefined') {
  window.addEventListener(
    'keydown',
    () => {
      lastKeyAt = performance.now();
    },
    true,
  );
}

/** quietIn is how long until the keyboard has been quiet TYPING_QUIET_MS (0: it already has). */
export function quietIn(now = performance.now()): number {
  return Math.max(0, lastKeyAt + TYPING_QUIET_MS - now);
}
