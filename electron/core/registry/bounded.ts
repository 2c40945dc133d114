/**
 * mapBounded runs `fn` over `items` with at most `limit` calls in flight and yields results as they finish,
 * so a UI can show the first answers at once. `fn` should not reject: return errors as values.
 */
export async function* mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
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
  while (next < items.length && running.size < Math.max(1, limit)) start();
  while (running.size > 0) {
    const [i, result] = await Promise.race(running.values());
    running.delete(i);
    if (next < items.length) start();
    yield result;
  }
}
