// The saved registries: settings and secrets, the add/edit/remove calls, Docker's logins offered for import,
// and repository names typed by hand. Everything the other domains know about a saved registry, they ask here.

import type { DockerLogin, ParsedCallArgs, RegistrySummary } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import { DEFAULT_CONCURRENCY } from '../registry/client';
import { dockerLogins } from './docker-logins';
import { locationOf, type RegistryInput, validateInput } from './registry-input';
import type { SecretStore, Settings, SettingsStore, StoredRegistry } from './stores';

function newId(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function notFound(): RegistryError {
  return new RegistryError(
    'NOT_FOUND',
    'That registry is no longer saved. It may have been removed in another window.',
  );
}

/** RegistriesOptions wire the saved registries to their stores. */
export interface RegistriesOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  /** env is where DOCKER_CONFIG comes from. */
  env: NodeJS.ProcessEnv;
  /** forget is told when a registry's settings changed or it was removed, so its client can go. */
  forget: (id: string) => void;
}

/** Registries implements the calls over saved registries and answers the other domains' questions. */
export class Registries {
  private settingsCache: Settings | null = null;
  private loading: Promise<Settings> | null = null;
  /** updates run one after another: two saves at once must not each start from the same old settings. */
  private updates: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: RegistriesOptions) {}

  /** settings returns the saved settings, read once and then kept; a failed read is tried again next time. */
  settings(): Promise<Settings> {
    if (this.settingsCache) return Promise.resolve(this.settingsCache);
    this.loading ??= this.opts.settings.load().then(
      (s) => {
        this.settingsCache ??= s;
        return this.settingsCache;
      },
      (err: unknown) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  }

  /** changeSettings saves a change to settings other domains own (the Activity source), in the same queue. */
  changeSettings(change: (s: Settings) => void): Promise<Settings> {
    return this.update(change);
  }

  private update(change: (s: Settings) => void): Promise<Settings> {
    const run = this.updates.then(async () => {
      const next = structuredClone(await this.settings());
      change(next);
      await this.opts.settings.save(next);
      this.settingsCache = next;
      return next;
    });
    this.updates = run.catch(() => {});
    return run;
  }

  /** storageWarnings lists saved files that could not be used and were kept aside, in sentences for people. */
  async storageWarnings(): Promise<string[]> {
    const [settings, secrets] = await Promise.all([
      this.settings().then(
        () => this.opts.settings.warnings?.() ?? [],
        (err: unknown) => [(err as Error).message],
      ),
      this.opts.secrets.warnings?.() ?? [],
    ]);
    return [...settings, ...secrets];
  }

  /** stored returns a saved registry, or fails with NOT_FOUND in words for people. */
  async stored(id: string): Promise<StoredRegistry> {
    const r = (await this.settings()).registries.find((x) => x.id === id);
    if (!r) throw notFound();
    return r;
  }

  /** secret returns a saved registry's password or token, or null. */
  secret(id: string): Promise<string | null> {
    return this.opts.secrets.get(id);
  }

  private async summary(r: StoredRegistry): Promise<RegistrySummary> {
    const loc = locationOf(r);
    const settings = await this.settings();
    return {
      id: r.id,
      name: r.name,
      url: r.url,
      host: loc.host,
      scheme: loc.scheme,
      username: r.username,
      hasSecret: (await this.opts.secrets.get(r.id)) !== null,
      insecure: r.insecure,
      skipTlsVerify: r.skipTlsVerify,
      caFile: r.caFile,
      concurrency: r.concurrency,
      manualRepositories: settings.manualRepositories[r.id] ?? [],
    };
  }

  async 'registries.list'(): Promise<RegistrySummary[]> {
    return Promise.all((await this.settings()).registries.map((r) => this.summary(r)));
  }

  async 'registries.add'(input: RegistryInput): Promise<RegistrySummary> {
    const loc = await validateInput(input);
    const r: StoredRegistry = {
      id: newId(),
      name: input.name || loc.name,
      url: input.url,
      username: input.username || null,
      insecure: input.insecure ?? false,
      skipTlsVerify: input.skipTlsVerify ?? false,
      caFile: input.caFile || null,
      concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
      createdAt: new Date().toISOString(),
    };
    if (input.secret) await this.opts.secrets.set(r.id, input.secret);
    try {
      await this.update((s) => {
        s.registries.push(r);
      });
    } catch (err) {
      // The registry was not saved: its password must not stay behind, unreachable.
      if (input.secret) await this.opts.secrets.delete(r.id).catch(() => {});
      throw err;
    }
    return this.summary(r);
  }

  async 'registries.update'(input: ParsedCallArgs<'registries.update'>): Promise<RegistrySummary> {
    const old = await this.stored(input.id);
    const loc = await validateInput(input);
    const next: StoredRegistry = {
      ...old,
      name: input.name || loc.name,
      url: input.url,
      username: input.username === undefined ? old.username : input.username || null,
      insecure: input.insecure ?? old.insecure,
      skipTlsVerify: input.skipTlsVerify ?? old.skipTlsVerify,
      caFile: input.caFile === undefined ? old.caFile : input.caFile || null,
      concurrency: input.concurrency ?? old.concurrency,
    };
    if (input.secret) await this.opts.secrets.set(old.id, input.secret);
    else if (input.secret === null) await this.opts.secrets.delete(old.id);
    await this.update((s) => {
      s.registries = s.registries.map((r) => (r.id === old.id ? next : r));
    });
    this.opts.forget(old.id);
    return this.summary(next);
  }

  async 'registries.remove'({ id }: ParsedCallArgs<'registries.remove'>): Promise<null> {
    await this.stored(id);
    await this.opts.secrets.delete(id);
    await this.update((s) => {
      s.registries = s.registries.filter((r) => r.id !== id);
      delete s.manualRepositories[id];
    });
    this.opts.forget(id);
    return null;
  }

  async 'registries.dockerLogins'(): Promise<DockerLogin[]> {
    const added = new Set((await this.settings()).registries.map((r) => locationOf(r).host));
    return dockerLogins(this.opts.env, added);
  }

  async 'registries.importDocker'({
    host,
  }: ParsedCallArgs<'registries.importDocker'>): Promise<RegistrySummary> {
    const logins = await this['registries.dockerLogins']();
    const login = logins.find((l) => l.host === host);
    if (!login) throw new RegistryError('NOT_FOUND', `Docker has no saved login for ${host}.`);
    // The password stays with Docker: it is read from Docker's config (or helper) each time it is needed.
    return this['registries.add']({ url: host, name: host, username: null });
  }

  async 'repositories.addManual'({
    registryId,
    names,
  }: ParsedCallArgs<'repositories.addManual'>): Promise<string[]> {
    return this.editManual(registryId, (list) => [...new Set([...list, ...names])].sort());
  }

  async 'repositories.removeManual'({
    registryId,
    name,
  }: ParsedCallArgs<'repositories.removeManual'>): Promise<string[]> {
    return this.editManual(registryId, (list) => list.filter((n) => n !== name));
  }

  /** editManual changes a saved registry's hand-typed repository names and returns the list as saved. */
  private async editManual(registryId: string, edit: (list: string[]) => string[]): Promise<string[]> {
    await this.stored(registryId);
    const s = await this.update((s) => {
      s.manualRepositories[registryId] = edit(s.manualRepositories[registryId] ?? []);
    });
    return s.manualRepositories[registryId] ?? [];
  }
}
