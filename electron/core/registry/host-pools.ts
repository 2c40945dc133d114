// HostPools keeps one keep-alive undici pool per origin a transport talks to: the registry (with the
// connections people chose) and the hosts it names (token realms, blob storage), with two each.

import { Pool } from 'undici';
import { lookup } from './http-io';
import type { TlsTrust } from './tls-trust';

/** HostPoolsOptions: the registry's origin, its connection count, the timeout and the TLS trust. */
export interface HostPoolsOptions {
  registryOrigin: string;
  connections: number;
  timeoutMs: number;
  trust: TlsTrust;
}

/** HostPools hands out the pool of an origin, made on first use, and closes them all. */
export class HostPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly opts: HostPoolsOptions) {}

  /** pool is the origin's pool; other hosts than the registry get two connections. */
  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      const { timeoutMs } = this.opts;
      pool = new Pool(origin, {
        connections: origin === this.opts.registryOrigin ? this.opts.connections : 2,
        pipelining: 1,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        connect: {
          timeout: Math.min(timeoutMs, 10_000),
          lookup,
          ...this.opts.trust.connectOptions(new URL(origin)),
        },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** close ends every pooled connection once its requests finish; `abort` cuts requests in flight instead. */
  async close(opts: { abort?: boolean } = {}): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => (opts.abort ? p.destroy() : p.close())));
  }
}
