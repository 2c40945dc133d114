// Opening a repository right after its row's count was read starts from the list that count read: the
// registry is asked for the tag list once, not twice; a later listing (Refresh) asks again.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import type { StreamMessage } from '../../shared/api';
import type { TagsListEvent } from '../../shared/model';
import { parseAccessLog } from '../harness/access-log';
import { memoryService } from '../harness/memory-service';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';

const REPO = 'team/app';
let reg: RunningRegistry;
let service: BerthService;

beforeAll(async () => {
  reg = await startRegistry({ accessLog: true });
  await pushImage(reg.url, REPO, { tags: ['1.0', '1.1', 'latest'] });
  service = memoryService();
});

afterAll(async () => {
  await service?.close();
  await reg?.stop();
});

/** listing runs tags.list to its end and returns the names it sent and how many digests came. */
async function listing(registryId: string): Promise<{ names: string[]; digests: number }> {
  let names: string[] = [];
  let digests = 0;
  await dispatchStream(
    service,
    'tags.list',
    { registryId, repository: REPO },
    (m: StreamMessage) => {
      if (m.kind !== 'event') return;
      const e = m.event as TagsListEvent;
      if (e.type === 'tags') names = e.tags;
      if (e.type === 'digests') digests += e.tags.filter((t) => t.digest !== null).length;
    },
    new AbortController().signal,
  );
  return { names, digests };
}

let marks = 0;

/**
 * listRequests counts the registry's tag-list requests so far. The access log is written after each answer:
 * a request of our own is sent and awaited in the log first, so every earlier request is counted.
 */
async function listRequests(): Promise<number> {
  const mark = `mark=${++marks}`;
  await (await fetch(`${reg.url}/v2/?${mark}`)).arrayBuffer();
  for (let i = 0; i < 100; i++) {
    const log = parseAccessLog(reg.logs());
    if (log.some((e) => e.query === mark))
      return log.filter((e) => e.method === 'GET' && e.path === `/v2/${REPO}/tags/list`).length;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the registry did not log our own request');
}

it('lists from the list the count just read, once, then from the registry again', async () => {
  const { id: registryId } = await service['registries.add']({ url: reg.host });
  const before = await listRequests();
  expect(await service['repositories.tagCount']({ registryId, repository: REPO })).toEqual({ count: 3 });
  expect(await listRequests()).toBe(before + 1);

  const first = await listing(registryId);
  expect(first.names.sort()).toEqual(['1.0', '1.1', 'latest']);
  expect(first.digests).toBe(3);
  expect(await listRequests()).toBe(before + 1);

  const again = await listing(registryId);
  expect(again.names.sort()).toEqual(['1.0', '1.1', 'latest']);
  expect(await listRequests()).toBe(before + 2);
});

it('waits for a count still under way instead of asking a second time', async () => {
  const { id: registryId } = await service['registries.add']({ url: reg.host, name: 'second' });
  const before = await listRequests();
  const count = service['repositories.tagCount']({ registryId, repository: REPO });
  const first = await listing(registryId);
  expect((await count).count).toBe(3);
  expect(first.names).toHaveLength(3);
  expect(await listRequests()).toBe(before + 1);
});
