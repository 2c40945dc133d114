// The client pool: one RegistryClient (one connection pool, one sign-in state, one digest cache) per saved
// registry, rebuilt when the registry's settings or secret change, closed with the service.

import type { RegistryLocation } from '../../../shared/reference';
import { resolveCredentials } from '../credentials/resolve';
import type { Credentials } from '../credentials/types';
import type { CredentialOrigin } from '../registry/auth-failure';
import { RegistryClient } from '../registry/client';
import type { Registries } from './registries';
import { locationOf, readCa } from './registry-input';
import type { StoredRegistry } from './stores';
import type { TagCacheHandle } from './tag-cache-handle';

/** ClientSettings are the parts of a saved registry a client is built from. */
export type ClientSettings = Pick<
  StoredRegistry,
  'url' | 'insecure' | 'skipTlsVerify' | 'caFile' | 'concurrency' | 'username'
>;

/** PooledClient is a registry's client, or its build still under way, and the settings it was built from. */
interface PooledClient {
  key: string;
  client: Promise<RegistryClient>;
}

/** closeWhenBuilt closes a client once its build ends; a build that failed has nothing to close. */
function closeWhenBuilt(client: Promise<RegistryClient>, opts: { abort?: boolean } = {}): Promise<void> {
  return client.then(
    (c) => c.close(opts),
    () => {},
  );
}

/**
 * ClientPool builds clients and keeps one per saved registry. Calls that arrive together share one build:
 * the build is kept as a promise, so twenty tabs opening at once share one pool of connections instead of
 * building twenty (each with its own sockets, sign-in and cache).
 */
export class ClientPool {
  private readonly clients = new Map<string, PooledClient>();

  constructor(
    private readonly registries: Registries,
    private readonly env: NodeJS.ProcessEnv,
    private readonly tagCache: TagCacheHandle,
    /** userAgent names the clients' requests (the replicator's pool uses its own, see replication-rules.ts). */
    private readonly userAgent?: string,
  ) {}

  /** credentialsFor picks the login for a registry, and says where it came from so a refusal can name it. */
  private async credentialsFor(
    loc: RegistryLocation,
    username: string | null,
    secret: string | null,
  ): Promise<{ credentials: Credentials | null; credentialOrigin: CredentialOrigin }> {
    if (secret) {
      const credentials: Credentials = username
        ? { kind: 'basic', username, password: secret }
        : { kind: 'bearer', token: secret };
      return { credentials, credentialOrigin: { source: 'explicit' } };
    }
    const resolved = await resolveCredentials(loc.host, { env: this.env });
    return {
      credentials: resolved.credentials,
      credentialOrigin: { source: resolved.source, ...(resolved.detail ? { detail: resolved.detail } : {}) },
    };
  }

  /**
   * build makes a client that nothing keeps: Test connection's, for settings not saved yet, or a copy's,
   * whose `signal` cuts off every request when the copy is cancelled.
   */
  async build(
    r: ClientSettings,
    secret: string | null,
    opts: { signal?: AbortSignal } = {},
  ): Promise<RegistryClient> {
    const registry = locationOf(r);
    const caPem = await readCa(r.caFile);
    const bodyStore = this.tagCache.get();
    return new RegistryClient({
      registry,
      ...(await this.credentialsFor(registry, r.username, secret)),
      concurrency: r.concurrency,
      ...(caPem ? { caPem } : {}),
      ...(r.skipTlsVerify ? { skipTlsVerify: true } : {}),
      ...(bodyStore ? { bodyStore } : {}),
      ...(this.userAgent ? { userAgent: this.userAgent } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }

  /** client returns the kept client of a saved registry, rebuilt when its settings or secret change. */
  async client(id: string): Promise<RegistryClient> {
    const r = await this.registries.stored(id);
    const secret = await this.registries.secret(id);
    const key = JSON.stringify([
      r.url,
      r.insecure,
      r.skipTlsVerify,
      r.caFile,
      r.concurrency,
      r.username,
      secret,
    ]);
    // Nothing below awaits before the entry is set: a call resuming after this one finds it.
    const cached = this.clients.get(id);
    if (cached?.key === key) return cached.client;
    if (cached) void closeWhenBuilt(cached.client);
    const entry: PooledClient = { key, client: this.build(r, secret) };
    this.clients.set(id, entry);
    // A failed build (a CA file gone, say) is not kept: the next call tries again.
    entry.client.catch(() => {
      if (this.clients.get(id) === entry) this.clients.delete(id);
    });
    return entry.client;
  }

  /** forget closes a registry's client once its requests finish; the next call builds a new one. */
  forget(id: string): void {
    const cached = this.clients.get(id);
    if (cached) void closeWhenBuilt(cached.client);
    this.clients.delete(id);
  }

  /** close releases every connection pool, cutting off requests still in flight: the app is going away. */
  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => closeWhenBuilt(c.client, { abort: true })));
  }
}
