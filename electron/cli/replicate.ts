// `berth listen --replicate SRC=DST`: rules given on the command line, run by the listener's replicator,
// with one log line per copy made or failed. Each side's login comes from the environment or Docker's
// config for that side's host alone, so one registry's credentials never reach the other.

import { createHash } from 'node:crypto';
import { RegistryError } from '../../shared/errors';
import { shortDigest } from '../../shared/format';
import { parseReference, type Reference } from '../../shared/reference';
import { visibleText } from '../../shared/safe-text';
import type { ActivityStore } from '../core/activity/store';
import { resolveCredentials } from '../core/credentials/resolve';
import { RegistryClient } from '../core/registry/client';
import type { ReplicationSides } from '../core/transfer/replication-copy';
import { REPLICATOR_AGENT, type ReplicationRoute } from '../core/transfer/replication-rules';
import { type ReplicationOutcome, Replicator } from '../core/transfer/replicator';
import { note, out } from './table';

/** CliRoute is a `--replicate` rule with the parsed references of its sides. */
export interface CliRoute extends ReplicationRoute {
  sourceRef: Reference;
  targetRef: Reference;
}

const EXAMPLE = 'build.example:5000/app=prod.example/app';

function side(value: string, which: string, whole: string): Reference {
  let ref: Reference;
  try {
    ref = parseReference(value);
  } catch (err) {
    throw new RegistryError(
      'INVALID_INPUT',
      `--replicate "${whole}": the ${which} ${(err as Error).message}`,
    );
  }
  if (ref.tag || ref.digest) {
    throw new RegistryError(
      'INVALID_INPUT',
      `--replicate "${whole}": the ${which} names a repository, without a tag or digest (every pushed tag is copied).`,
    );
  }
  return ref;
}

/** parseReplicate reads one `--replicate SRC=DST` value; each side is a full HOST[:PORT]/REPO. */
export function parseReplicate(value: string): CliRoute {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new RegistryError(
      'INVALID_INPUT',
      `--replicate takes SOURCE=TARGET, each a registry and repository, e.g. ${EXAMPLE} (got "${value}").`,
    );
  }
  const sourceRef = side(value.slice(0, at).trim(), 'source', value);
  const targetRef = side(value.slice(at + 1).trim(), 'target', value);
  const source = { host: sourceRef.registry.host, repository: sourceRef.repository };
  const target = { host: targetRef.registry.host, repository: targetRef.repository };
  if (source.host === target.host && source.repository === target.repository) {
    throw new RegistryError('INVALID_INPUT', `--replicate "${value}": the target is the source itself.`);
  }
  // The id depends only on the pair, so a restarted listener with the same flag resumes the same queue.
  const ruleId = `cli-${createHash('sha256').update(`${source.host}/${source.repository}=${target.host}/${target.repository}`).digest('hex').slice(0, 16)}`;
  return { ruleId, source, target, replicateDeletes: false, sourceRef, targetRef };
}

async function clientFor(ref: Reference, version: string): Promise<RegistryClient> {
  // BERTH_USERNAME/BERTH_PASSWORD cannot say which side they are for: only Docker's config, per host.
  const env = { ...process.env };
  delete env['BERTH_USERNAME'];
  delete env['BERTH_PASSWORD'];
  const resolved = await resolveCredentials(ref.registry.host, {
    env,
    onWarning: (m) => note(`berth: warning: ${m}`),
  });
  return new RegistryClient({
    registry: ref.registry,
    credentials: resolved.credentials,
    userAgent: `${REPLICATOR_AGENT}/${version}`,
  });
}

/** describeOutcome is `berth listen`'s line for one copy: made (with time and bytes) or failed (with why). */
export function describeOutcome(o: ReplicationOutcome): string {
  const e = o.entry;
  const what =
    e.action === 'delete'
      ? `delete ${e.targetRegistry}/${e.targetRepository}@${shortDigest(e.digest)}`
      : `copy ${e.sourceRegistry}/${e.sourceRepository}:${e.tag} (${shortDigest(e.digest)}) → ${e.targetRegistry}/${e.targetRepository}`;
  if (o.ok) {
    const sent = o.progress.counts?.bytes.copied ?? 0;
    return visibleText(`replicated  ${what} in ${(o.ms / 1000).toFixed(1)} s, ${sent} bytes sent`);
  }
  const next =
    o.retryAt === null ? 'given up' : `retrying at ${new Date(o.retryAt).toISOString().slice(11, 19)} UTC`;
  return visibleText(`replication failed  ${what}: ${o.message} (${next})`);
}

/** CliReplication runs the `--replicate` rules beside a listener. */
export class CliReplication {
  private replicator: Replicator | null = null;
  private readonly clients = new Map<string, Promise<RegistryClient>>();
  private early: Parameters<Replicator['onStored']>[] = [];

  constructor(
    readonly routes: readonly CliRoute[],
    private readonly version: string,
  ) {}

  private client(ref: Reference): Promise<RegistryClient> {
    const key = `${ref.registry.scheme}://${ref.registry.host}`;
    let c = this.clients.get(key);
    if (!c) {
      c = clientFor(ref, this.version);
      this.clients.set(key, c);
    }
    return c;
  }

  private async sides(route: ReplicationRoute): Promise<ReplicationSides> {
    const r = this.routes.find((x) => x.ruleId === route.ruleId)!;
    return { source: await this.client(r.sourceRef), target: await this.client(r.targetRef) };
  }

  /** onStored forwards events the listener stored; those before start() are kept for it. */
  onStored(...args: Parameters<Replicator['onStored']>): void {
    if (this.replicator) this.replicator.onStored(...args);
    else if (this.routes.length > 0) this.early.push(args);
  }

  /** start runs the replicator over the listener's store. */
  start(store: ActivityStore): void {
    if (this.routes.length === 0) return;
    this.replicator = new Replicator({
      store,
      routes: () => this.routes,
      sides: (route) => this.sides(route),
      onOutcome: (o) => out(describeOutcome(o)),
      onError: (err) =>
        note(`berth: replication: ${visibleText(err instanceof Error ? err.message : String(err))}`),
    });
    this.replicator.start();
    for (const args of this.early) this.replicator.onStored(...args);
    this.early = [];
    for (const r of this.routes) {
      out(`Replicate: ${r.source.host}/${r.source.repository} → ${r.target.host}/${r.target.repository}`);
    }
  }

  /** stop lets running copies finish (briefly) and closes the clients. */
  async stop(): Promise<void> {
    await this.replicator?.stop();
    const clients = await Promise.allSettled(this.clients.values());
    await Promise.all(clients.map((c) => (c.status === 'fulfilled' ? c.value.close() : undefined)));
  }
}
