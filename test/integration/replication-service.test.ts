// The replication.* calls of BerthService, as the Replication screen makes them, over real parts: rules
// saved in the settings file beside the registries they name, the app's own listener running them, two
// real registries (the target under htpasswd, its password in the app's secrets), and each rule's status:
// last copy, lag, a failure with its reason in words, disabled, removed.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/core/api/dispatch';
import { dataFiles } from '../../electron/core/data-paths';
import type { BerthService } from '../../electron/core/service/berth-service';
import { JsonSettingsStore } from '../../electron/core/service/stores';
import type { CallName, RegistrySummary } from '../../shared/api';
import type { ReplicationRule, ReplicationStatus, RuleStatus } from '../../shared/replication-api';
import { findFreePort } from '../harness/free-port';
import { memoryService } from '../harness/memory-service';
import { deleteManifest, pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { registryRequest, responseHeader } from '../harness/registry-http';
import { until } from '../harness/until';

const SECRET = 'replication-service-secret-0123456789abcdef';
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json';

let dir: string;
let port: number;
let service: BerthService;
let source: RunningRegistry;
let target: RunningRegistry;
let src: RegistrySummary;
let dst: RegistrySummary;
let wrongLogin: RegistrySummary;
let good: ReplicationRule;
let bad: ReplicationRule;

async function ok<T>(name: CallName, args: unknown = {}): Promise<T> {
  const r = await dispatchCall(service, name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function ruleStatus(id: string): Promise<RuleStatus> {
  const status = await ok<ReplicationStatus>('replication.status');
  return status.rules.find((r) => r.ruleId === id)!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-replication-service-'));
  await writeFile(dataFiles(dir).listenerSecret, `${SECRET}\n`, { mode: 0o600 });
  port = await findFreePort();
  source = await startRegistry({
    notifications: listenerEndpoint(`http://127.0.0.1:${port}/events`, SECRET),
  });
  target = await startRegistry({ auth: 'htpasswd' });
  service = memoryService({
    settings: new JsonSettingsStore(join(dir, 'settings.json')),
    eventsDir: dir,
  });
  src = await ok('registries.add', { name: 'build', url: source.url });
  dst = await ok('registries.add', {
    name: 'prod',
    url: target.url,
    username: 'alice',
    secret: 'wonderland',
  });
  wrongLogin = await ok('registries.add', {
    name: 'prod (old password)',
    url: target.url,
    username: 'alice',
    secret: 'nope',
  });
}, 60_000);

afterAll(async () => {
  await service?.close();
  await Promise.all([source?.stop(), target?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('replication rules and status', () => {
  it('saves rules in the settings file, deletes off unless asked', async () => {
    good = await ok('replication.saveRule', {
      source: { registryId: src.id, repository: 'app' },
      target: { registryId: dst.id, repository: 'copies/app' },
    });
    expect(good).toMatchObject({
      enabled: true,
      replicateDeletes: false,
      target: { repository: 'copies/app' },
    });
    expect(good.id).toMatch(/^rp-/);
    bad = await ok('replication.saveRule', {
      source: { registryId: src.id, repository: 'app' },
      target: { registryId: wrongLogin.id, repository: 'copies/other' },
    });
    expect(await ok('replication.rules')).toEqual([good, bad]);
    const saved = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(saved.replicationRules).toEqual([good, bad]);
    // The file holds no password, only registry ids.
    expect(JSON.stringify(saved)).not.toContain('wonderland');
  });

  it('refuses a rule onto its own source, or naming a registry that is not saved', async () => {
    const same = await dispatchCall(service, 'replication.saveRule', {
      source: { registryId: src.id, repository: 'app' },
      target: { registryId: src.id, repository: 'app' },
    });
    expect(same).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(same)).toContain('the target is the same repository as the source');
    const gone = await dispatchCall(service, 'replication.saveRule', {
      source: { registryId: 'r-gone', repository: 'app' },
      target: { registryId: dst.id, repository: 'app' },
    });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('says rules wait while the listener is off', async () => {
    const status = await ok<ReplicationStatus>('replication.status');
    expect(status.active).toBe(false);
    expect(status.rules.map((r) => r.state)).toEqual(['idle', 'idle']);
  });

  it('copies a push once the listener runs, and tells each rule how it went', async () => {
    await ok('listener.start', { port });
    expect((await ok<ReplicationStatus>('replication.status')).active).toBe(true);
    const image = await pushImage(source.url, 'app', {
      tags: ['2.0'],
      config: { created: '2026-04-01T00:00:00Z' },
    });
    const copied = await until('the copy', async () => {
      const s = await ruleStatus(good.id);
      return s.lastCopy ? s : undefined;
    });
    expect(copied).toMatchObject({
      state: 'idle',
      lastCopy: { tag: '2.0', digest: image.digest },
      lag: { pending: 0, oldestPendingSince: null },
      lastFailure: null,
      progress: null,
    });
    const head = await registryRequest('HEAD', `${target.url}/v2/copies/app/manifests/2.0`, {
      auth: { username: 'alice', password: 'wonderland' },
      headers: { accept: MANIFEST_TYPES },
    });
    expect(responseHeader(head, 'docker-content-digest')).toBe(image.digest);
    const failing = await until('the refused copy', async () => {
      const s = await ruleStatus(bad.id);
      return s.lastFailure ? s : undefined;
    });
    expect(failing).toMatchObject({
      state: 'failing',
      lastCopy: null,
      lastFailure: { tag: '2.0', code: 'UNAUTHORIZED', willRetry: false, nextAttemptAt: null },
    });
    expect(failing.lastFailure?.message).toMatch(/password|sign in|login/i);
    expect(failing.lastFailure?.message).not.toContain('nope');
  });

  it('repeats a delete at the target only for the rule that asks for it', async () => {
    const mirror = await ok<ReplicationRule>('replication.saveRule', {
      source: { registryId: src.id, repository: 'app' },
      target: { registryId: dst.id, repository: 'copies/mirror' },
      replicateDeletes: true,
    });
    const image = await pushImage(source.url, 'app', {
      tags: ['short-lived'],
      config: { created: '2026-04-02T00:00:00Z' },
    });
    const at = async (repo: string) =>
      (
        await registryRequest('HEAD', `${target.url}/v2/${repo}/manifests/${image.digest}`, {
          auth: { username: 'alice', password: 'wonderland' },
          headers: { accept: MANIFEST_TYPES },
        })
      ).status;
    await until('both copies', async () =>
      (await at('copies/mirror')) === 200 && (await at('copies/app')) === 200 ? true : undefined,
    );
    await deleteManifest(source.url, 'app', image.digest);
    await until('the delete at the target', async () =>
      (await at('copies/mirror')) === 404 ? true : undefined,
    );
    // The rule without replicateDeletes keeps its copy.
    expect(await at('copies/app')).toBe(200);
    await ok('replication.removeRule', { id: mirror.id });
  });

  it('shows a disabled rule as disabled and forgets a removed one', async () => {
    await ok('replication.saveRule', { ...bad, enabled: false });
    expect((await ruleStatus(bad.id)).state).toBe('disabled');
    await ok('replication.removeRule', { id: bad.id });
    expect(await ok('replication.rules')).toEqual([good]);
    const again = await dispatchCall(service, 'replication.removeRule', { id: bad.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok('listener.stop');
    expect((await ok<ReplicationStatus>('replication.status')).active).toBe(false);
  });
});
