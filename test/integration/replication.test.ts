// Replicate on push, end to end with real parts: `berth listen --replicate SRC=DST` as a user runs it, a
// source registry notifying it, a target registry under htpasswd auth (its login in Docker's config.json,
// for its host only) behind a gate that can take it down and bring it back on the same address. Pushes
// are made with skopeo and over the registry API; results are read with skopeo. The target notifies the
// listener too, and a second rule points back at the source: Berth's own copies must not loop.

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationStatusJson } from '../../electron/cli/replication-status';
import { openSqliteStore, type SqliteActivityStore } from '../../electron/core/activity/sqlite/store';
import { computeDigest } from '../../electron/core/registry/digest';
import { isRunning, type ListenerProcess, startBerthListener } from '../harness/berth-listener';
import { runBerth } from '../harness/cli';
import { findFreePort } from '../harness/free-port';
import { type GateProxy, startGateProxy } from '../harness/gate-proxy';
import { type PushedImage, pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { skopeoCopy, skopeoRawManifest, writeOciLayout } from '../harness/skopeo';
import { until } from '../harness/until';

const SECRET = 'replication-test-secret-0123456789abcdef';
const ALICE = 'alice:wonderland';

let dir: string;
let port: number;
let source: RunningRegistry;
let target: RunningRegistry;
let gate: GateProxy;
let listener: ListenerProcess | null = null;

/**
 * waitFor is until() as this file needs it: a probe that throws (skopeo, while the tag is not there yet)
 * means "not yet", and a timeout shows what the listener printed.
 */
function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const detail = () => `${listener?.stdout()}\n${listener?.stderr()}`;
  return until(what, () => probe().catch(() => undefined), { timeoutMs, detail });
}

/** targetDigest is the digest of a tag on the target as skopeo reads it, or undefined while it is missing. */
async function targetDigest(tag: string): Promise<string | undefined> {
  return computeDigest(await skopeoRawManifest(`${gate.host}/mirror/app:${tag}`, ALICE));
}

async function sourceDigest(tag: string): Promise<string> {
  return computeDigest(await skopeoRawManifest(`${source.host}/app:${tag}`));
}

async function startListener(): Promise<ListenerProcess> {
  const started = await startBerthListener(
    [
      '--port',
      String(port),
      '--db',
      join(dir, 'events.db'),
      '--secret-file',
      join(dir, 'secret'),
      '--replicate',
      `${source.host}/app=${gate.host}/mirror/app`,
      '--replicate',
      `${gate.host}/mirror/app=${source.host}/app`,
    ],
    { env: { DOCKER_CONFIG: dir, BERTH_DATA_DIR: dir } },
  );
  if (!isRunning(started)) throw new Error(`berth listen did not start: ${started.stderr}`);
  return started;
}

async function stopListener(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  listener?.child.kill(signal);
  await listener?.exit;
  listener = null;
}

const lines = (pattern: RegExp) => (listener?.stdout() ?? '').split('\n').filter((l) => pattern.test(l));

function readQueue<T>(read: (store: SqliteActivityStore) => Promise<T>): Promise<T> {
  const store = openSqliteStore(join(dir, 'events.db'), { create: false });
  return read(store).finally(() => store.close());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-replication-'));
  await writeFile(join(dir, 'secret'), `${SECRET}\n`, { mode: 0o600 });
  port = await findFreePort();
  const notifications = listenerEndpoint(`http://127.0.0.1:${port}/events`, SECRET);
  source = await startRegistry({ notifications });
  target = await startRegistry({ auth: 'htpasswd', notifications });
  gate = await startGateProxy(target.host);
  // The target's login, for its address only: the source is open and must get no Authorization.
  const config = { auths: { [gate.host]: { auth: Buffer.from(ALICE).toString('base64') } } };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  listener = await startListener();
}, 60_000);

afterAll(async () => {
  await stopListener();
  await gate?.stop();
  await Promise.all([source?.stop(), target?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('berth listen --replicate', () => {
  it('copies a skopeo push to the target within seconds, with the same digest', async () => {
    const layout = join(dir, 'layout');
    await writeOciLayout(layout);
    await skopeoCopy(`oci:${layout}:latest`, `docker://${source.host}/app:1.0`);
    const pushed = Date.now();
    // The listener logs the copy once the tag is on the target: polling its log is finer than spawning skopeo.
    const [line] = await waitFor('the copy', async () => {
      const found = lines(/^replicated {2}copy .*app:1\.0/);
      return found.length > 0 ? found : undefined;
    });
    const lagMs = Date.now() - pushed;
    console.log(`replication lag (skopeo push done → tag on the target, logged): ${lagMs} ms; ${line}`);
    expect(lagMs).toBeLessThan(10_000);
    expect(await targetDigest('1.0')).toBe(await sourceDigest('1.0'));
  });

  it("does not copy Berth's own copies back (loop guard), nor queue them", async () => {
    // The target's push events (by berth-replicator) match the second rule's source: they must not queue.
    await new Promise((r) => setTimeout(r, 1500));
    const entries = await readQueue((s) => s.replication.entries());
    expect(entries.filter((e) => e.sourceRepository === 'mirror/app')).toEqual([]);
    expect(entries.filter((e) => e.tag === '1.0').map((e) => e.state)).toEqual(['done']);
  });

  it('copies an event delivered twice once', async () => {
    const image = await pushImage(source.url, 'app', {
      tags: ['twice'],
      config: { created: '2026-03-01T00:00:00Z' },
    });
    await waitFor('twice on the target', () => targetDigest('twice'));
    // The registry's own delivery came first; now the same event again, as a retry after a slow answer.
    const [stored] = await readQueue((s) => s.replication.entries()).then((all) =>
      all.filter((e) => e.tag === 'twice'),
    );
    const again = {
      events: [
        {
          id: stored!.eventId,
          timestamp: new Date().toISOString(),
          action: 'push',
          target: {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            repository: 'app',
            tag: 'twice',
            digest: image.digest,
          },
          request: { method: 'PUT', host: source.host, useragent: 'skopeo/1.9.3' },
        },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(again),
      });
      expect(await res.json()).toEqual({ stored: 0, duplicates: 1 });
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(lines(/^replicated {2}copy .*app:twice/)).toHaveLength(1);
    const queued = (await readQueue((s) => s.replication.entries())).filter((e) => e.tag === 'twice');
    expect(queued.map((e) => e.state)).toEqual(['done']);
  });

  /** pushWhileDown shuts the target, pushes app:tag to the source, and waits for the listener's `failed` line. */
  async function pushWhileDown(tag: string, created: string, failed: RegExp): Promise<PushedImage> {
    gate.shut();
    const image = await pushImage(source.url, 'app', { tags: [tag], config: { created } });
    await waitFor('a failed try', async () => (lines(failed).length > 0 ? true : undefined));
    return image;
  }

  it('catches up once a target that was down is back', async () => {
    const image = await pushWhileDown(
      '1.1',
      '2026-03-02T00:00:00Z',
      /^replication failed .*app:1\.1.*retrying/,
    );
    const downFor = Date.now();
    gate.open();
    expect(await waitFor('1.1 on the target', () => targetDigest('1.1'), 60_000)).toBe(image.digest);
    console.log(`queue caught up ${Date.now() - downFor} ms after the target came back`);
  }, 90_000);

  it('resumes pending copies after the listener restarts', async () => {
    const image = await pushWhileDown('1.2', '2026-03-03T00:00:00Z', /^replication failed .*app:1\.2/);
    await stopListener('SIGKILL');
    gate.open();
    listener = await startListener();
    expect(await waitFor('1.2 on the target', () => targetDigest('1.2'), 60_000)).toBe(image.digest);
    const queued = (await readQueue((s) => s.replication.entries())).filter((e) => e.tag === '1.2');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ state: 'done', attempts: 2 });
  }, 90_000);

  it('reports each rule with berth replication status', async () => {
    const json = await runBerth(['replication', 'status', '--json', '--db', join(dir, 'events.db')]);
    expect(json.code).toBe(0);
    const { rules } = JSON.parse(json.stdout) as ReplicationStatusJson;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      source: `${source.host}/app`,
      target: `${gate.host}/mirror/app`,
      pending: 0,
      oldestPendingAt: null,
      lastCopy: { tag: '1.2' },
      // The failures while the target was down were retried and the copies made: nothing is failing.
      lastFailure: null,
      running: null,
    });
    const text = await runBerth(['replication', 'status', '--db', join(dir, 'events.db')]);
    expect(text.stdout).toMatch(/SOURCE +TARGET +WAITING +LAST COPY +LAST FAILURE/);
    expect(text.stdout).toContain(`${gate.host}/mirror/app`);
  });

  it('refuses a --replicate value it cannot read, in words', async () => {
    const started = await startBerthListener(
      ['--port', '0', '--db', join(dir, `x-${randomUUID()}.db`), '--replicate', 'app'],
      {
        env: { BERTH_DATA_DIR: dir },
      },
    );
    expect(isRunning(started)).toBe(false);
    if (!isRunning(started)) {
      expect(started.code).not.toBe(0);
      expect(started.stderr).toContain('--replicate takes SOURCE=TARGET');
    }
  });
});
