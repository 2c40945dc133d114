// BerthService implements the contract (shared/api.ts) over the engine. Electron's main process and the
// `berth ui` web host both serve this one object; only their stores differ.

import { readFile } from 'node:fs/promises';
import type {
  AppInfo,
  CatalogEvent,
  ConnectionCheck,
  ConnectionReport,
  DockerLogin,
  LastSeen,
  ParsedCallArgs,
  ParsedStreamArgs,
  RegistrySummary,
  TagDigestHistory,
} from '../../../shared/api';
import { isRegistryError, RegistryError } from '../../../shared/errors';
import type { InspectResult, TagEvent } from '../../../shared/model';
import { parseRegistry, type RegistryLocation } from '../../../shared/reference';
import { ActivityService } from '../activity/service';
import type { Api } from '../api/dispatch';
import { openTagCache, type SeenTag, type TagCache } from '../cache/tag-cache';
import { dockerConfigPath, readDockerConfig } from '../credentials/docker-config';
import { resolveCredentials } from '../credentials/resolve';
import type { Credentials } from '../credentials/types';
import { DEFAULT_CONCURRENCY, RegistryClient } from '../registry/client';
import { rawImage } from '../registry/raw-image';
import { secretWarning } from './secret-warning';
import type { SecretStore, Settings, SettingsStore, StoredRegistry } from './stores';

/** ServiceOptions wire the service to its host. */
export interface ServiceOptions {
  host: 'electron' | 'web';
  version: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /** secretsLocation names where secrets live, for the warning shown to people. */
  secretsLocation?: string;
  /** env is where BERTH_USERNAME/BERTH_PASSWORD and DOCKER_CONFIG come from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** eventsDir holds the activity database, the listener secret and its settings; without it Activity is off. */
  eventsDir?: string;
  /** tagCachePath is the SQLite file remembering past looks and manifest bodies; none when absent. */
  tagCachePath?: string;
}

type RegistryInput = ParsedCallArgs<'registries.add'>;

function newId(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function notFound(): RegistryError {
  return new RegistryError(
    'NOT_FOUND',
    'That registry is no longer saved. It may have been removed in another window.',
  );
}

/** BerthService is the application's one implementation of the contract. */
export class BerthService implements Api {
  private readonly clients = new Map<string, { key: string; client: RegistryClient }>();
  private settingsCache: Settings | null = null;
  private readonly env: NodeJS.ProcessEnv;
  private tagCacheOpened: TagCache | null | undefined;

  constructor(private readonly opts: ServiceOptions) {
    this.env = opts.env ?? process.env;
  }

  /** tagCache opens the cache on first use; if it cannot be opened at all, Berth works without it. */
  private tagCache(): TagCache | null {
    if (this.tagCacheOpened !== undefined) return this.tagCacheOpened;
    const path = this.opts.tagCachePath;
    try {
      this.tagCacheOpened = path ? openTagCache(path) : null;
    } catch (err) {
      console.warn(
        `berth: the tag cache ${path} cannot be used (${(err as Error).message}); going on without it.`,
      );
      this.tagCacheOpened = null;
    }
    return this.tagCacheOpened;
  }

  /** cacheKey names a saved registry in the cache by what it talks to, never by who signs in. */
  private async cacheKey(registryId: string): Promise<string> {
    const loc = this.location(await this.stored(registryId));
    return `${loc.scheme}://${loc.host}`;
  }

  private async settings(): Promise<Settings> {
    this.settingsCache ??= await this.opts.settings.load();
    return this.settingsCache;
  }

  private async update(change: (s: Settings) => void): Promise<Settings> {
    const next = structuredClone(await this.settings());
    change(next);
    await this.opts.settings.save(next);
    this.settingsCache = next;
    return next;
  }

  private async stored(id: string): Promise<StoredRegistry> {
    const r = (await this.settings()).registries.find((x) => x.id === id);
    if (!r) throw notFound();
    return r;
  }

  private location(r: Pick<StoredRegistry, 'url' | 'insecure'>): RegistryLocation {
    return parseRegistry(r.url, { insecure: r.insecure });
  }

  private async summary(r: StoredRegistry): Promise<RegistrySummary> {
    const loc = this.location(r);
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
      caFile: r.caFile,
      concurrency: r.concurrency,
      manualRepositories: settings.manualRepositories[r.id] ?? [],
    };
  }

  private async credentialsFor(
    loc: RegistryLocation,
    username: string | null,
    secret: string | null,
  ): Promise<Credentials | null> {
    if (secret)
      return username ? { kind: 'basic', username, password: secret } : { kind: 'bearer', token: secret };
    const resolved = await resolveCredentials(loc.host, { env: this.env });
    return resolved.credentials;
  }

  private async readCa(caFile: string | null): Promise<string | undefined> {
    if (!caFile) return undefined;
    try {
      return await readFile(caFile, 'utf8');
    } catch {
      throw new RegistryError(
        'INVALID_INPUT',
        `Could not read the CA certificate file "${caFile}". Check the path.`,
      );
    }
  }

  private async makeClient(
    r: Pick<StoredRegistry, 'url' | 'insecure' | 'caFile' | 'concurrency' | 'username'>,
    secret: string | null,
  ): Promise<RegistryClient> {
    const registry = this.location(r);
    const caPem = await this.readCa(r.caFile);
    const bodyStore = this.tagCache();
    return new RegistryClient({
      registry,
      credentials: await this.credentialsFor(registry, r.username, secret),
      concurrency: r.concurrency,
      ...(caPem ? { caPem } : {}),
      ...(bodyStore ? { bodyStore } : {}),
    });
  }

  /** client returns the cached client of a saved registry, rebuilt when its settings or secret change. */
  private async client(id: string): Promise<RegistryClient> {
    const r = await this.stored(id);
    const secret = await this.opts.secrets.get(id);
    const key = JSON.stringify([r.url, r.insecure, r.caFile, r.concurrency, r.username, secret]);
    const cached = this.clients.get(id);
    if (cached?.key === key) return cached.client;
    if (cached) void cached.client.close();
    const client = await this.makeClient(r, secret);
    this.clients.set(id, { key, client });
    return client;
  }

  private dropClient(id: string): void {
    const cached = this.clients.get(id);
    if (cached) void cached.client.close();
    this.clients.delete(id);
  }

  /** validateInput checks an add/edit form beyond its schema: a parseable address, a readable CA file. */
  private async validateInput(input: RegistryInput): Promise<RegistryLocation> {
    const loc = parseRegistry(input.url, { insecure: input.insecure ?? false });
    await this.readCa(input.caFile ?? null);
    return loc;
  }

  // ── calls ────────────────────────────────────────────────────────────────────────────────────

  async 'app.info'(): Promise<AppInfo> {
    const protection = this.opts.secrets.protection;
    return {
      version: this.opts.version,
      host: this.opts.host,
      secretProtection: protection,
      secretWarning: secretWarning(protection, this.opts.secretsLocation),
    };
  }

  async 'registries.list'(): Promise<RegistrySummary[]> {
    return Promise.all((await this.settings()).registries.map((r) => this.summary(r)));
  }

  async 'registries.add'(input: RegistryInput): Promise<RegistrySummary> {
    const loc = await this.validateInput(input);
    const r: StoredRegistry = {
      id: newId(),
      name: input.name || loc.name,
      url: input.url,
      username: input.username || null,
      insecure: input.insecure ?? false,
      caFile: input.caFile || null,
      concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
      createdAt: new Date().toISOString(),
    };
    if (input.secret) await this.opts.secrets.set(r.id, input.secret);
    await this.update((s) => {
      s.registries.push(r);
    });
    return this.summary(r);
  }

  async 'registries.update'(input: ParsedCallArgs<'registries.update'>): Promise<RegistrySummary> {
    const old = await this.stored(input.id);
    const loc = await this.validateInput(input);
    const next: StoredRegistry = {
      ...old,
      name: input.name || loc.name,
      url: input.url,
      username: input.username === undefined ? old.username : input.username || null,
      insecure: input.insecure ?? old.insecure,
      caFile: input.caFile === undefined ? old.caFile : input.caFile || null,
      concurrency: input.concurrency ?? old.concurrency,
    };
    if (input.secret) await this.opts.secrets.set(old.id, input.secret);
    else if (input.secret === null) await this.opts.secrets.delete(old.id);
    await this.update((s) => {
      s.registries = s.registries.map((r) => (r.id === old.id ? next : r));
    });
    this.dropClient(old.id);
    return this.summary(next);
  }

  async 'registries.remove'({ id }: ParsedCallArgs<'registries.remove'>): Promise<null> {
    await this.stored(id);
    await this.opts.secrets.delete(id);
    await this.update((s) => {
      s.registries = s.registries.filter((r) => r.id !== id);
      delete s.manualRepositories[id];
    });
    this.dropClient(id);
    return null;
  }

  async 'registries.test'(input: ParsedCallArgs<'registries.test'>): Promise<ConnectionReport> {
    const skipped: ConnectionCheck = {
      status: 'skipped',
      message: 'Not checked, because the step before failed.',
    };
    let loc: RegistryLocation;
    try {
      loc = await this.validateInput(input);
    } catch (err) {
      const message = isRegistryError(err) ? err.message : String(err);
      return {
        reachable: { status: 'failed', message, code: 'INVALID_INPUT' },
        auth: skipped,
        catalog: skipped,
      };
    }
    const old = input.id ? await this.stored(input.id) : null;
    const secret =
      input.secret === undefined && old ? await this.opts.secrets.get(old.id) : (input.secret ?? null);
    const username = input.username === undefined ? (old?.username ?? null) : input.username || null;
    const client = await this.makeClient(
      {
        url: input.url,
        insecure: input.insecure ?? false,
        caFile: input.caFile ?? null,
        concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
        username,
      },
      secret,
    );
    try {
      return await connectionReport(client, loc, username, secret !== null);
    } finally {
      await client.close();
    }
  }

  async 'registries.dockerLogins'(): Promise<DockerLogin[]> {
    const path = dockerConfigPath(this.env);
    const { config } = await readDockerConfig(path);
    const hosts = new Map<string, DockerLogin>();
    const added = new Set((await this.settings()).registries.map((r) => this.location(r).host));
    const add = (key: string, username: string | null, source: string) => {
      let loc: RegistryLocation;
      try {
        loc = parseRegistry(key.replace(/\/v[12]\/?$/, ''));
      } catch {
        return; // a key we cannot read as a registry address is not offered
      }
      if (!hosts.has(loc.host)) {
        hosts.set(loc.host, { host: loc.name, username, source, alreadyAdded: added.has(loc.host) });
      }
    };
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
      let username = entry.username ?? null;
      if (entry.auth) username = Buffer.from(entry.auth, 'base64').toString('utf8').split(':')[0] || username;
      if (entry.auth || entry.identitytoken || entry.registrytoken || config.credsStore)
        add(key, username, path);
    }
    for (const [key, helper] of Object.entries(config.credHelpers ?? {}))
      add(key, null, `docker-credential-${helper}`);
    return [...hosts.values()].sort((a, b) => a.host.localeCompare(b.host));
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
    await this.stored(registryId);
    const s = await this.update((s) => {
      const list = new Set(s.manualRepositories[registryId] ?? []);
      for (const n of names) list.add(n);
      s.manualRepositories[registryId] = [...list].sort();
    });
    return s.manualRepositories[registryId] ?? [];
  }

  async 'repositories.removeManual'({
    registryId,
    name,
  }: ParsedCallArgs<'repositories.removeManual'>): Promise<string[]> {
    await this.stored(registryId);
    const s = await this.update((s) => {
      s.manualRepositories[registryId] = (s.manualRepositories[registryId] ?? []).filter((n) => n !== name);
    });
    return s.manualRepositories[registryId] ?? [];
  }

  async 'repositories.tagCount'({ registryId, repository }: ParsedCallArgs<'repositories.tagCount'>) {
    const client = await this.client(registryId);
    return { count: (await client.tags(repository)).length };
  }

  async 'images.inspect'({
    registryId,
    repository,
    reference,
  }: ParsedCallArgs<'images.inspect'>): Promise<InspectResult> {
    return (await this.client(registryId)).inspect(repository, reference);
  }

  // ── Tags view (issue 5): its calls below this line ──

  async 'tags.lastSeen'({ registryId, repository }: ParsedCallArgs<'tags.lastSeen'>): Promise<LastSeen> {
    const key = await this.cacheKey(registryId);
    return this.tagCache()?.lastSeen(key, repository) ?? { seenAt: null, tags: [] };
  }

  async 'tags.history'({
    registryId,
    repository,
    tag,
  }: ParsedCallArgs<'tags.history'>): Promise<TagDigestHistory[]> {
    const key = await this.cacheKey(registryId);
    return this.tagCache()?.history(key, repository, tag) ?? [];
  }

  async 'images.raw'({
    registryId,
    repository,
    digest,
  }: ParsedCallArgs<'images.raw'>): ReturnType<typeof rawImage> {
    return rawImage(await this.client(registryId), repository, digest);
  }

  // ── Activity (issue 6): its calls below this line ──

  private activityService: ActivityService | undefined;
  private get activity(): ActivityService {
    this.activityService ??= new ActivityService(this.opts.eventsDir, this.opts.version);
    return this.activityService;
  }

  async 'events.query'(a: ParsedCallArgs<'events.query'>) {
    return this.activity.query(a);
  }

  async 'events.histogram'(a: ParsedCallArgs<'events.histogram'>) {
    return this.activity.histogram(a);
  }

  async 'events.tagHistory'(a: ParsedCallArgs<'events.tagHistory'>) {
    return this.activity.tagHistory(a);
  }

  async 'listener.status'() {
    return this.activity.status();
  }

  async 'listener.start'(a: ParsedCallArgs<'listener.start'>) {
    return this.activity.start(a);
  }

  async 'listener.stop'() {
    return this.activity.stop();
  }

  async 'listener.configure'(a: ParsedCallArgs<'listener.configure'>) {
    return this.activity.configure(a);
  }

  async 'listener.rotateSecret'() {
    return this.activity.rotateSecret();
  }

  async 'listener.sendTestEvent'() {
    return this.activity.sendTestEvent();
  }

  // ── streams ──────────────────────────────────────────────────────────────────────────────────

  async *'catalog.list'(
    { registryId }: ParsedStreamArgs<'catalog.list'>,
    signal: AbortSignal,
  ): AsyncGenerator<CatalogEvent> {
    const client = await this.client(registryId);
    let total = 0;
    for await (const repositories of client.catalog()) {
      if (signal.aborted) return;
      total += repositories.length;
      yield { type: 'page', repositories, total };
    }
  }

  async *'tags.list'(
    { registryId, repository }: ParsedStreamArgs<'tags.list'>,
    signal: AbortSignal,
  ): AsyncGenerator<TagEvent> {
    const client = await this.client(registryId);
    const seen: SeenTag[] = [];
    for await (const event of client.tagEvents(repository)) {
      if (signal.aborted) return;
      if (event.type === 'tag')
        seen.push({ tag: event.tag, digest: event.digest, mediaType: event.mediaType });
      yield event;
    }
    // Only a complete look is remembered: a cancelled one would make every tag it missed look gone.
    this.recordLook(await this.cacheKey(registryId), repository, seen);
  }

  private recordLook(key: string, repository: string, seen: SeenTag[]): void {
    try {
      this.tagCache()?.record(key, repository, seen);
    } catch (err) {
      console.warn(`berth: could not remember the tags of ${repository}: ${(err as Error).message}`);
    }
  }

  // ── Tags view (issue 5): its streams below this line ──

  // ── Activity (issue 6): its streams below this line ──

  'events.live'(_: ParsedStreamArgs<'events.live'>, signal: AbortSignal) {
    return this.activity.live(signal);
  }

  /** close releases every connection pool, cutting off requests still in flight: the app is going away. */
  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.client.close({ abort: true })));
    this.clients.clear();
    await this.activityService?.close();
    this.tagCacheOpened?.close();
    this.tagCacheOpened = null;
  }
}

/** connectionReport runs "Test connection": reach the registry, sign in, list repositories. */
async function connectionReport(
  client: RegistryClient,
  loc: RegistryLocation,
  username: string | null,
  hasSecret: boolean,
): Promise<ConnectionReport> {
  const skipped: ConnectionCheck = {
    status: 'skipped',
    message: 'Not checked, because the step before failed.',
  };
  const failed = (err: unknown): ConnectionCheck => {
    if (!isRegistryError(err)) throw err;
    return { status: 'failed', message: err.message, code: err.code };
  };
  let auth: ConnectionCheck;
  try {
    const ping = await client.ping();
    auth =
      ping.auth === 'none'
        ? { status: 'ok', message: 'This registry does not ask anyone to sign in.' }
        : hasSecret || client.transport.auth.scheme
          ? {
              status: 'ok',
              message: username ? `Signed in as ${username}.` : 'Signed in.',
            }
          : { status: 'ok', message: 'Anonymous access works.' };
  } catch (err) {
    if (isRegistryError(err) && (err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN')) {
      return {
        reachable: { status: 'ok', message: `${loc.name} answered.` },
        auth: failed(err),
        catalog: skipped,
      };
    }
    return { reachable: failed(err), auth: skipped, catalog: skipped };
  }
  const reachable: ConnectionCheck = {
    status: 'ok',
    message: `${loc.name} answered as a container registry.`,
  };
  let catalog: ConnectionCheck;
  try {
    let count = 0;
    for await (const page of client.catalog({ pageSize: 100 })) {
      count = page.length;
      break;
    }
    catalog = {
      status: 'ok',
      message:
        count === 0
          ? 'It can list repositories, but has none yet.'
          : count >= 100
            ? 'It lists its repositories (100 or more).'
            : `It lists its repositories (${count}).`,
    };
  } catch (err) {
    if (!isRegistryError(err)) throw err;
    catalog =
      err.code === 'CATALOG_UNSUPPORTED' || err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN'
        ? {
            status: 'warning',
            message:
              err.code === 'CATALOG_UNSUPPORTED'
                ? 'It does not list its repositories. You can still browse them by typing their names.'
                : 'Your account may not list repositories here. You can still browse them by typing their names.',
            code: err.code,
          }
        : failed(err);
  }
  return { reachable, auth, catalog };
}
