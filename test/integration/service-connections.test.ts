// What the service costs a registry, seen from the registry's side: a TCP proxy in front of the fixture
// registry counts the sockets and requests that reach it. One client (one pool of connections) per saved
// registry however many calls arrive at once, and no request sent for a stream nobody listens to any more.

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import type { StreamMessage } from '../../shared/api';
import type { TagsListEvent } from '../../shared/model';
import { type CountingProxy, startCountingProxy } from '../harness/counting-proxy';
import { memoryService } from '../harness/memory-service';

const REPO = 'bench/many-tags'; // 1,000 tags in the standard fixture
const TAGS = 1000;
const CONCURRENCY = 8;

let proxy: CountingProxy | undefined;
let service: BerthService | undefined;

function fixtureHost(): string {
  return new URL(inject('fixtureRegistryUrl')).host;
}

async function serviceVia(p: CountingProxy): Promise<{ service: BerthService; registryId: string }> {
  const s = memoryService();
  const r = await s['registries.add']({ url: p.host, concurrency: CONCURRENCY });
  return { service: s, registryId: r.id };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  expect(fixtureHost()).toMatch(/^127\.0\.0\.1:\d+$/);
});

afterEach(async () => {
  await service?.close();
  await proxy?.stop();
  service = undefined;
  proxy = undefined;
});

afterAll(async () => {
  await service?.close();
  await proxy?.stop();
});

describe('one client per registry', () => {
  it('shares one pool among 20 calls that arrive together', async () => {
    proxy = await startCountingProxy(fixtureHost());
    const made = await serviceVia(proxy);
    service = made.service;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        made.service['repositories.tagCount']({ registryId: made.registryId, repository: REPO }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ count: TAGS })));
    console.log(`20 calls at once: ${proxy.connections} sockets, ${proxy.requests.length} requests`);
    expect(proxy.requests.filter((l) => l.startsWith('GET /v2/bench/many-tags/tags/list'))).toHaveLength(20);
    // One pool holds at most `concurrency` sockets; twenty clients would have opened one each at least.
    expect(proxy.connections).toBeGreaterThan(0);
    expect(proxy.connections).toBeLessThanOrEqual(CONCURRENCY);
  });
});

describe('abandoned streams', () => {
  it('stop asking the registry as soon as nobody listens, and leave the way free for a fresh call', async () => {
    // Each request waits 100 ms at the proxy: a slow registry, where leftover work hurts most.
    proxy = await startCountingProxy(fixtureHost(), { delayMs: 100 });
    const made = await serviceVia(proxy);
    service = made.service;
    // Ten repositories views open at once on the same registry; the window closes at the first digest any
    // of them shows. By then one view's lookups are in flight and the others' wait in the pool's queue.
    const streams = 10;
    const controllers = Array.from({ length: streams }, () => new AbortController());
    const closeWindow = () => {
      for (const c of controllers) c.abort();
    };
    let digests = 0;
    const done = controllers.map((ctl) =>
      dispatchStream(
        made.service,
        'tags.list',
        { registryId: made.registryId, repository: REPO },
        (m: StreamMessage) => {
          if (m.kind === 'event' && (m.event as TagsListEvent).type === 'digests') {
            digests++;
            closeWindow();
          }
        },
        ctl.signal,
      ),
    );
    await Promise.all(done);
    const atEnd = proxy.requests.length;
    const lists = proxy.requests.filter((l) => l.startsWith('GET ')).length;
    // A fresh call right away: it must not queue behind lookups nobody wants any more.
    const started = performance.now();
    const fresh = await made.service['repositories.tagCount']({
      registryId: made.registryId,
      repository: REPO,
    });
    const freshMs = performance.now() - started;
    await sleep(1500);
    const after = proxy.requests.length - atEnd - 1; // less the fresh call's own request
    console.log(
      `abandoned streams: ${atEnd} requests until the ${streams} streams ended, ${after} after; fresh call ${Math.round(freshMs)} ms`,
    );

    expect(digests).toBe(1);
    expect(lists).toBe(streams);
    // Ten tag lists and the one round of lookups in flight when the window closed; the ~70 queued behind
    // them never went out, and nothing (no queued lookup, no retry) goes out once the streams have ended.
    expect(atEnd).toBeLessThanOrEqual(streams + 2 * CONCURRENCY);
    expect(after).toBe(0);
    expect(fresh).toEqual({ count: TAGS });
    // One request through the 100 ms proxy, not a wait behind abandoned lookups.
    expect(freshMs).toBeLessThan(1000);
  });
});
