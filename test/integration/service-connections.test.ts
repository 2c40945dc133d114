// What the service costs a registry, seen from the registry's side: a TCP proxy in front of the fixture
// registry counts the sockets and requests that reach it. One client (one pool of connections) per saved
// registry however many calls arrive at once.

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BerthService, createBerthService } from '../../electron/core/service/berth-service';
import { MemorySecretStore } from '../../electron/core/service/stores';
import { type CountingProxy, startCountingProxy } from '../harness/counting-proxy';
import { MemorySettingsStore } from '../harness/memory-settings';

const REPO = 'bench/many-tags'; // 1,000 tags in the standard fixture
const TAGS = 1000;
const CONCURRENCY = 8;

let proxy: CountingProxy | undefined;
let service: BerthService | undefined;

function fixtureHost(): string {
  return new URL(inject('fixtureRegistryUrl')).host;
}

async function serviceVia(p: CountingProxy): Promise<{ service: BerthService; registryId: string }> {
  const s = createBerthService({
    host: 'web',
    version: '0.0.0-test',
    settings: new MemorySettingsStore(),
    secrets: new MemorySecretStore(),
    env: {},
  });
  const r = await s['registries.add']({ url: p.host, concurrency: CONCURRENCY });
  return { service: s, registryId: r.id };
}

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
