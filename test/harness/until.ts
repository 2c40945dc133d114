// Waiting for what a real process does in its own time (a registry's notification, a listener's copy):
// ask again every few milliseconds until there is an answer, or fail naming what never came.

/** UntilOptions: the time allowed in all, and a `detail` (e.g. a registry's log) for the timeout message. */
export interface UntilOptions {
  timeoutMs?: number;
  detail?: () => string;
}

/** until calls `probe` every 50 ms until it answers something other than undefined, and returns that answer. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: UntilOptions | number = {},
): Promise<T> {
  const { timeoutMs = 30_000, detail } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${detail ? `\n${detail()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
