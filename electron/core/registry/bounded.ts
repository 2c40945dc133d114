/**
 * mapBounded runs `fn` over `items` with at most `limit` calls in flight and yields results as they finish,
 * so a UI can show the first answers at once. `fn` should not reject: return errors as values. Once `signal`
 * aborts, no further call starts and nothing more is yielded: the calls in flight get the signal too.
 */
export async function* mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  signal?: AbortSignal,
): AsyncGenerator<R> {
  const running = new Map<number, Promise<[number, R]>>();
  let next = 0;
  const start = () => {
    const i = next++;
    running.set(
      i,
      fn(items[i]!).then((r) => [i, r] as [number, R]),
    );
  };
  while (next < items.length && running.size < Math.max(1, limit) && !signal?.aborted) start();
  while (running.size > 0) {
    const [i, result] = await Promise.race(running.values());
    running.delete(i);
    if (signal?.aborted) return;
    if (next < items.length) start();
    yield result;
  }
}
