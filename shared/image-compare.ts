// compareImages: what differs between two images (two tags' InspectResults), in the terms people ask
// about: layers added and removed, size, env, labels, entrypoint and cmd, created, platforms.

import type { ImageConfig, InspectResult, LayerInfo, Platform } from './model';

/** KeyedChange is one key whose value differs; null on a side means the key is absent there. */
export interface KeyedChange {
  key: string;
  before: string | null;
  after: string | null;
}

/** ValueChange is a value that differs between the two images. */
export interface ValueChange<T> {
  before: T;
  after: T;
}

/** ImageDiff is the comparison of `a` (before) with `b` (after). */
export interface ImageDiff {
  /** same is true when both are the very same image (same digest): nothing else can differ. */
  same: boolean;
  layers: { added: LayerInfo[]; removed: LayerInfo[]; shared: number };
  size: { before: number; after: number; delta: number };
  env: KeyedChange[];
  labels: KeyedChange[];
  entrypoint: ValueChange<string[] | null> | null;
  cmd: ValueChange<string[] | null> | null;
  created: ValueChange<string | null> | null;
  platforms: { added: string[]; removed: string[] };
}

/** platformLabel writes a platform as `linux/arm64/v8`. */
export function platformLabel(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** imageLayers lists an image's layers; for an index, every platform's layers once each, in order. */
export function imageLayers(r: Pick<InspectResult, 'layers' | 'manifests'>): LayerInfo[] {
  if (r.manifests.length === 0) return r.layers;
  const seen = new Set<string>();
  const out: LayerInfo[] = [];
  for (const m of r.manifests) {
    for (const l of m.layers) {
      if (seen.has(l.digest)) continue;
      seen.add(l.digest);
      out.push(l);
    }
  }
  return out;
}

/**
 * primaryConfig is the config to compare: the image's own, or for an index the linux/amd64 platform's,
 * else the first platform that has one.
 */
export function primaryConfig(r: Pick<InspectResult, 'config' | 'manifests'>): ImageConfig | null {
  if (r.config) return r.config;
  const amd64 = r.manifests.find(
    (m) => m.config && m.platform?.os === 'linux' && m.platform.architecture === 'amd64',
  );
  return (amd64 ?? r.manifests.find((m) => m.config))?.config ?? null;
}

/** envMap reads `KEY=value` lines; a line without `=` is a key with an empty value; the last one wins. */
function envMap(env: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of env) {
    const eq = line.indexOf('=');
    if (eq < 0) map.set(line, '');
    else map.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return map;
}

/** diffKeyed lists keys added, removed or changed, sorted by key. */
export function diffKeyed(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): KeyedChange[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const out: KeyedChange[] = [];
  for (const key of [...keys].sort()) {
    const b = before.get(key) ?? null;
    const a = after.get(key) ?? null;
    if (a !== b) out.push({ key, before: b, after: a });
  }
  return out;
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function changed<T>(before: T, after: T, same: (x: T, y: T) => boolean): ValueChange<T> | null {
  return same(before, after) ? null : { before, after };
}

/** compareImages compares `a` (before) with `b` (after). */
export function compareImages(a: InspectResult, b: InspectResult): ImageDiff {
  const la = imageLayers(a);
  const lb = imageLayers(b);
  const inA = new Set(la.map((l) => l.digest));
  const inB = new Set(lb.map((l) => l.digest));
  const ca = primaryConfig(a);
  const cb = primaryConfig(b);
  const pa = new Set(a.platforms.map(platformLabel));
  const pb = new Set(b.platforms.map(platformLabel));
  return {
    same: a.digest === b.digest,
    layers: {
      added: lb.filter((l) => !inA.has(l.digest)),
      removed: la.filter((l) => !inB.has(l.digest)),
      shared: lb.filter((l) => inA.has(l.digest)).length,
    },
    size: { before: a.totalSize, after: b.totalSize, delta: b.totalSize - a.totalSize },
    env: diffKeyed(envMap(ca?.env ?? []), envMap(cb?.env ?? [])),
    labels: diffKeyed(new Map(Object.entries(ca?.labels ?? {})), new Map(Object.entries(cb?.labels ?? {}))),
    entrypoint: changed(ca?.entrypoint ?? null, cb?.entrypoint ?? null, sameList),
    cmd: changed(ca?.cmd ?? null, cb?.cmd ?? null, sameList),
    created: changed(ca?.created ?? null, cb?.created ?? null, (x, y) => x === y),
    platforms: {
      added: [...pb].filter((p) => !pa.has(p)).sort(),
      removed: [...pa].filter((p) => !pb.has(p)).sort(),
    },
  };
}

/** diffIsEmpty says whether two different digests still differ in nothing this comparison shows. */
export function diffIsEmpty(d: ImageDiff): boolean {
  return (
    d.layers.added.length === 0 &&
    d.layers.removed.length === 0 &&
    d.size.delta === 0 &&
    d.env.length === 0 &&
    d.labels.length === 0 &&
    d.entrypoint === null &&
    d.cmd === null &&
    d.created === null &&
    d.platforms.added.length === 0 &&
    d.platforms.removed.length === 0
  );
}
