// A registry's "Don't verify this registry's certificate" setting, through the service the app calls,
// against a real docker-registry serving https with a self-signed certificate: refused with a sentence
// that names the app's settings (no command-line flag) until the setting is on, then read; saved in
// settings.json and read back; plain http stays a separate choice.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthService } from '../../electron/core/service/berth-service';
import { JsonSettingsStore } from '../../electron/core/service/stores';
import { isRegistryError } from '../../shared/errors';
import { memoryService } from '../harness/memory-service';
import type { RunningRegistry } from '../harness/registry';
import { startSelfSignedRegistry } from '../harness/self-signed-cert';

let dir: string;
let plain: RunningRegistry;
let tls: RunningRegistry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-skip-tls-'));
  ({ tls, plain } = await startSelfSignedRegistry(dir));
}, 60_000);

afterAll(async () => {
  await tls?.stop();
  await plain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function service(settingsPath: string): BerthService {
  return memoryService({
    settings: new JsonSettingsStore(settingsPath),
  });
}

async function tagCount(s: BerthService, registryId: string): Promise<unknown> {
  try {
    return await s['repositories.tagCount']({ registryId, repository: 'app' });
  } catch (err) {
    return err;
  }
}

describe("Don't verify this registry's certificate", () => {
  it('is off by default: refused with a sentence about the settings, never a flag', async () => {
    const s = service(join(dir, 'off.json'));
    try {
      const r = await s['registries.add']({ url: tls.url });
      expect(r.skipTlsVerify).toBe(false);
      const report = await s['registries.test']({ url: tls.url });
      expect(report.reachable.status).toBe('failed');
      expect(report.reachable.code).toBe('TLS');
      expect(report.reachable.reason).toBe('untrusted-certificate');
      expect(report.reachable.message).toContain("choose not to verify this registry's certificate");
      expect(report.reachable.message).not.toMatch(/--[a-z]/);
      const err = await tagCount(s, r.id);
      expect(isRegistryError(err) && err.reason).toBe('untrusted-certificate');
    } finally {
      await s.close();
    }
  });

  it('when turned on, reads the registry, is saved, and survives a restart', async () => {
    const path = join(dir, 'on.json');
    const s = service(path);
    let id: string;
    try {
      const report = await s['registries.test']({ url: tls.url, skipTlsVerify: true });
      expect(report.reachable.status).toBe('ok');
      const r = await s['registries.add']({ url: tls.url });
      id = r.id;
      // The kept client was built without the setting: changing it must rebuild it.
      expect(isRegistryError(await tagCount(s, id))).toBe(true);
      const updated = await s['registries.update']({ id, url: tls.url, skipTlsVerify: true });
      expect(updated).toMatchObject({ skipTlsVerify: true, insecure: false, scheme: 'https' });
      expect(await tagCount(s, id)).toEqual({ count: 1 });
    } finally {
      await s.close();
    }
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.registries[0]).toMatchObject({ skipTlsVerify: true, insecure: false });
    const again = service(path);
    try {
      expect((await again['registries.list']())[0]?.skipTlsVerify).toBe(true);
      expect(await tagCount(again, id)).toEqual({ count: 1 });
      // An edit that does not mention it keeps it.
      expect((await again['registries.update']({ id, url: tls.url, name: 'Lab' })).skipTlsVerify).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('a settings file without the field reads it as off; one of the wrong type is kept aside', async () => {
    const { settingsFrom } = await import('../../electron/core/service/settings-shape');
    const base = { id: 'r-1', url: tls.host, createdAt: '' };
    const read = settingsFrom({ version: 1, registries: [base], manualRepositories: {} });
    expect('settings' in read && read.settings.registries[0]?.skipTlsVerify).toBe(false);
    const wrong = settingsFrom({
      version: 1,
      registries: [{ ...base, skipTlsVerify: 'yes' }],
      manualRepositories: {},
    });
    // As for `insecure`: a field of the wrong type makes the file one Berth keeps aside, not guesses at.
    expect('problem' in wrong).toBe(true);
  });
});
