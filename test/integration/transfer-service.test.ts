// The app's "Copy to…" calls against two real docker-registries: a preview that writes nothing, a run
// whose progress ends at its totals and whose digests read back equal, problems pinned on the side they
// are on, and a cancelled run that stops.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import { FileSecretStore, JsonSettingsStore } from '../../electron/core/service/stores';
import type { StreamMessage } from '../../shared/api';
import type { TransferEvent } from '../../shared/transfer-api';
import { findFreePort } from '../harness/free-port';
import { memoryService } from '../harness/memory-service';
import { pushImage, pushIndex } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { skopeoTags } from '../harness/skopeo';

let dir: string;
let service: BerthService;
let build: RunningRegistry;
let prod: RunningRegistry;
let ids: { build: string; prod: string; locked: string; gone: string };
let indexDigest: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-transfer-service-'));
  [build, prod] = await Promise.all([startRegistry(), startRegistry({ auth: 'htpasswd' })]);
  indexDigest = (
    await pushIndex(build.url, 'team/app', {
      tags: ['2.1'],
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    })
  ).digest;
  service = memoryService({
    settings: new JsonSettingsStore(join(dir, 'settings.json')),
    secrets: new FileSecretStore(join(dir, 'secrets.json')),
    env: { DOCKER_CONFIG: join(dir, 'docker') },
  });
  const add = async (url: string, name: string, username?: string, secret?: string) =>
    (await service['registries.add']({ url, name, ...(username ? { username, secret } : {}) })).id;
  ids = {
    build: await add(build.host, 'Build'),
    prod: await add(prod.host, 'Prod', 'alice', 'wonderland'),
    locked: await add(prod.host, 'Locked', 'alice', 'not-the-password'),
    gone: await add(`127.0.0.1:${await findFreePort()}`, 'Gone'),
  };
}, 60_000);

afterAll(async () => {
  await service?.close();
  await Promise.all([build?.stop(), prod?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const tagCopy = (target: string) => ({
  sourceRegistryId: ids.build,
  sourceRepository: 'team/app',
  reference: '2.1',
  targetRegistryId: target,
  targetRepository: 'team/app',
});

async function run(args: unknown, signal = new AbortController().signal): Promise<StreamMessage[]> {
  const messages: StreamMessage[] = [];
  await dispatchStream(service, 'transfer.run', args, (m) => messages.push(m), signal);
  return messages;
}

it('previews a tag copy without writing, then copies it with progress and identical digests', async () => {
  const preview = await service['transfer.preview'](tagCopy(ids.prod));
  expect(preview.problem).toBeNull();
  expect(preview.platforms).toBe(2);
  expect(preview.counts.blobs).toEqual({ copied: 4, mounted: 0, skipped: 0 });
  expect(await skopeoTags(`${prod.host}/team/app`, 'alice:wonderland').catch(() => [])).toEqual([]);

  const messages = await run(tagCopy(ids.prod));
  expect(messages.at(-1)).toEqual({ kind: 'end' });
  const events = messages.flatMap((m) => (m.kind === 'event' ? [m.event as TransferEvent] : []));
  const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
  expect(progress.at(-1)).toMatchObject({ blobsDone: 4, blobsTotal: 4, imagesDone: 1, imagesTotal: 1 });
  expect(progress.at(-1)?.bytesDone).toBe(progress.at(-1)?.bytesTotal);
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error('no done event');
  expect(done.outcome.problem).toBeNull();
  expect(done.outcome.verified).toEqual([
    { tag: '2.1', sourceDigest: indexDigest, targetDigest: indexDigest },
  ]);
  expect(await skopeoTags(`${prod.host}/team/app`, 'alice:wonderland')).toEqual(['2.1']);
});

it('pins a refused login and an unreachable target on the target, in words without flags', async () => {
  const locked = await service['transfer.preview'](tagCopy(ids.locked));
  expect(locked.problem?.side).toBe('target');
  expect(locked.problem?.error.code).toBe('UNAUTHORIZED');
  expect(locked.problem?.error.message).not.toContain('--');
  const gone = await service['transfer.preview'](tagCopy(ids.gone));
  expect(gone.problem).toMatchObject({ side: 'target', error: { code: 'CONNECTION' } });
  const missing = await service['transfer.preview']({ ...tagCopy(ids.prod), reference: 'nope' });
  expect(missing.problem).toMatchObject({ side: 'source', error: { code: 'NOT_FOUND' } });
});

it('stops a run mid-copy when its stream is cancelled: no done, no tag written', async () => {
  const big = new Uint8Array(96 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
  await pushImage(build.url, 'team/big', { tags: ['1.0'], layers: [big] });
  const controller = new AbortController();
  const messages: StreamMessage[] = [];
  const args = {
    ...tagCopy(ids.prod),
    sourceRepository: 'team/big',
    reference: '1.0',
    targetRepository: 'team/big',
  };
  await dispatchStream(
    service,
    'transfer.run',
    args,
    (m) => {
      messages.push(m);
      const e = m.kind === 'event' ? (m.event as TransferEvent) : null;
      if (e?.type === 'progress' && e.progress.bytesDone > 0) controller.abort();
    },
    controller.signal,
  );
  expect(controller.signal.aborted).toBe(true);
  const events = messages.flatMap((m) => (m.kind === 'event' ? [m.event as TransferEvent] : []));
  expect(events.some((e) => e.type === 'done')).toBe(false);
  expect(messages.some((m) => m.kind === 'end' || m.kind === 'error')).toBe(false);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await skopeoTags(`${prod.host}/team/big`, 'alice:wonderland').catch(() => [])).toEqual([]);
}, 120_000);

it('previews and copies a repository by tag pattern into another repository', async () => {
  const args = {
    sourceRegistryId: ids.build,
    sourceRepository: 'team/app',
    tags: ['2.*'],
    targetRegistryId: ids.prod,
    targetRepository: 'mirror/app',
  };
  for (const target of [ids.locked, ids.gone]) {
    const blocked = await service['transfer.preview']({ ...args, targetRegistryId: target });
    expect(blocked.problem?.side).toBe('target');
  }
  const preview = await service['transfer.preview'](args);
  expect(preview.problem).toBeNull();
  expect(preview.copy.map((c) => c.tag)).toEqual(['2.1']);
  const messages = await run(args);
  expect(messages.at(-1)).toEqual({ kind: 'end' });
  expect(await skopeoTags(`${prod.host}/mirror/app`, 'alice:wonderland')).toEqual(['2.1']);
});
