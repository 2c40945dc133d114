// RecentTagLists: a list read for a count stands in for the next listing of that repository, once, while
// it is young; a failed read is dropped, and the oldest lists go first when there are too many.

import { expect, it } from 'vitest';
import { RecentTagLists } from '../../electron/core/service/recent-tag-lists';

it('hands out a young list once, and no list once it is older than its age limit', async () => {
  let now = 1_000_000;
  const lists = new RecentTagLists(30_000, 8, () => now);
  lists.put('r/a', Promise.resolve(['1.0', 'latest']), new Date(now));
  const taken = lists.take('r/a');
  expect(taken?.at.getTime()).toBe(1_000_000);
  expect(await taken?.names).toEqual(['1.0', 'latest']);
  expect(lists.take('r/a')).toBeNull();

  lists.put('r/b', Promise.resolve(['2.0']), new Date(now));
  now += 30_001;
  expect(lists.take('r/b')).toBeNull();
  expect(lists.take('r/never')).toBeNull();
});

it('drops a list whose read failed, and the oldest lists past the limit', async () => {
  const lists = new RecentTagLists(30_000, 2);
  const failed = Promise.reject(new Error('registry down'));
  lists.put('r/x', failed, new Date());
  await failed.catch(() => {});
  await Promise.resolve();
  expect(lists.take('r/x')).toBeNull();

  for (const key of ['r/1', 'r/2', 'r/3']) lists.put(key, Promise.resolve([key]), new Date());
  expect(lists.take('r/1')).toBeNull();
  expect(await lists.take('r/2')?.names).toEqual(['r/2']);
  expect(await lists.take('r/3')?.names).toEqual(['r/3']);
});

it('forgets a list nobody opened once it is too old to use', async () => {
  const lists = new RecentTagLists(20, 8);
  lists.put('r/a', Promise.resolve(['1.0']), new Date());
  expect(lists.size).toBe(1);
  await new Promise((r) => setTimeout(r, 60));
  expect(lists.size).toBe(0);
});
