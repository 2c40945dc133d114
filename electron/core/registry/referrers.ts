// referrers: what is attached to an image (signatures, SBOMs, attestations). OCI 1.1 registries list it
// at GET /v2/<name>/referrers/<digest>; registries without that API (Distribution 2.8 answers 404) keep
// a `sha256-<hex>` tag holding an index of the same descriptors; cosign, by default, writes a
// `sha256-<hex>.sig` (`.att`, `.sbom`) tag beside the image instead. All three are read here.

import { type ArtifactKind, artifactKind, COSIGN_SUFFIXES, referrersTag } from '../../../shared/artifacts';
import { type ErrorData, isRegistryError, toErrorData } from '../../../shared/errors';
import { MediaType } from '../../../shared/media-types';
import type { Descriptor, Referrer, ReferrerList } from '../../../shared/model';
import type { DigestCache } from './digest-cache';
import { nextLink } from './link';
import { type Manifest, parseManifest } from './manifest';
import { Limits, type ManifestBody, manifestGet } from './operations';
import type { Transport } from './transport';

/** ReferrersOptions narrow or cancel a referrers lookup. */
export interface ReferrersOptions {
  /** artifactType keeps only artifacts of that type (sent to the registry, and checked here too). */
  artifactType?: string;
  cache?: DigestCache;
  signal?: AbortSignal;
}

/** MAX_REFERRERS caps how many descriptors we keep; an image with more is hostile or broken. */
const MAX_REFERRERS = 10_000;
const MAX_PAGES = 100;

// crane falls back to the tag schema on these, and on a 200 that is not an index: registries without
// the API answer 404 (distribution), 400 (some take "referrers" for a repository name) or 405/406.
const FALLBACK_STATUS = new Set([400, 404, 405, 406]);

// Config types that say "an image", or "nothing": never an artifact's type.
const NOT_ARTIFACT_TYPES = new Set<string>([
  MediaType.OCI_CONFIG,
  MediaType.DOCKER_CONFIG,
  'application/vnd.oci.empty.v1+json',
]);

/** artifactTypeOf is a manifest's artifact type: its `artifactType`, else (OCI 1.1 rule) a config type that is not an image's. */
export function artifactTypeOf(m: Manifest): string | null {
  if (m.kind !== 'image' && m.kind !== 'index') return null;
  if (m.artifactType) return m.artifactType;
  if (m.kind === 'image' && m.config.mediaType && !NOT_ARTIFACT_TYPES.has(m.config.mediaType))
    return m.config.mediaType;
  return null;
}

const refOf = (repo: string, digest: string) => `${repo}@${digest}`;

/** referrersApi reads the referrers API, every page; null when the answer is not an index (use the tag schema). */
async function referrersApi(
  t: Transport,
  repo: string,
  digest: string,
  opts: ReferrersOptions,
): Promise<Descriptor[] | null> {
  const query = opts.artifactType ? `?artifactType=${encodeURIComponent(opts.artifactType)}` : '';
  let path: string | null = `/v2/${repo}/referrers/${digest}${query}`;
  const seen = new Set<string>();
  const all: Descriptor[] = [];
  const what = `listing what is attached to ${refOf(repo, digest)}`;
  while (path !== null && seen.size < MAX_PAGES && all.length < MAX_REFERRERS) {
    seen.add(path);
    const res = await t.request({
      method: 'GET',
      path,
      accept: [MediaType.OCI_INDEX],
      scope: [`repository:${repo}:pull`],
      maxBytes: Limits.manifestBytes,
      what,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const type = res.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
    // A login page or a proxy's "OK" is not an answer from the API: fall back as crane does.
    if (type !== MediaType.OCI_INDEX && type !== 'application/json') return null;
    const index = parseManifest(res.body, type, `the referrers of ${refOf(repo, digest)}`);
    if (index.kind !== 'index') return null;
    all.push(...index.manifests);
    const next = nextLink(res.headers['link'], res.url);
    const nextPath = next && next.origin === t.registry.origin ? next.pathname + next.search : null;
    path = nextPath !== null && !seen.has(nextPath) ? nextPath : null;
  }
  return all.slice(0, MAX_REFERRERS);
}

/**
 * taggedManifest reads the manifest a tag beside the image names (the referrers tag, a cosign tag), or
 * null when there is no such tag: then nothing of that kind is attached.
 */
async function taggedManifest(
  t: Transport,
  repo: string,
  tag: string,
  opts: ReferrersOptions,
): Promise<{ got: ManifestBody; manifest: Manifest } | null> {
  try {
    const got = await manifestGet(t, repo, tag, opts.cache, opts.signal);
    return { got, manifest: parseManifest(got.bytes, got.contentType, `${repo}:${tag}`) };
  } catch (err) {
    if (isRegistryError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** fallbackIndex reads the referrers tag schema's index (`sha256-<hex>`); no such tag means nothing is attached. */
async function fallbackIndex(
  t: Transport,
  repo: string,
  digest: string,
  opts: ReferrersOptions,
): Promise<Descriptor[]> {
  const found = await taggedManifest(t, repo, referrersTag(digest), opts);
  return found?.manifest.kind === 'index' ? found.manifest.manifests.slice(0, MAX_REFERRERS) : [];
}

/**
 * referrersList lists the descriptors attached to `digest`: from the referrers API, or, where the
 * registry does not offer it, from the `sha256-<hex>` tag. Filtered by artifactType when asked,
 * whether or not the registry applied the filter (it says so in OCI-Filters-Applied; we just check).
 */
export async function referrersList(
  t: Transport,
  repo: string,
  digest: string,
  opts: ReferrersOptions = {},
): Promise<{ descriptors: Descriptor[]; source: ReferrerList['source'] }> {
  let listed: Descriptor[] | null = null;
  try {
    listed = await referrersApi(t, repo, digest, opts);
  } catch (err) {
    if (!isRegistryError(err) || err.status === undefined || !FALLBACK_STATUS.has(err.status)) throw err;
  }
  const source = listed === null ? 'fallback-tag' : 'api';
  const descriptors = listed ?? (await fallbackIndex(t, repo, digest, opts));
  const wanted = opts.artifactType;
  return { descriptors: wanted ? descriptors.filter((d) => d.artifactType === wanted) : descriptors, source };
}

/** cosignArtifact reads one cosign tag beside the image, or null when there is none. */
async function cosignArtifact(
  t: Transport,
  repo: string,
  tag: string,
  kind: ArtifactKind,
  opts: ReferrersOptions,
): Promise<Referrer | null> {
  const found = await taggedManifest(t, repo, tag, opts);
  if (!found) return null;
  const { got, manifest } = found;
  return {
    digest: got.descriptor.digest,
    mediaType: manifest.mediaType,
    size: got.descriptor.size,
    artifactType: artifactTypeOf(manifest),
    kind,
    tag,
  };
}

function fromDescriptor(d: Descriptor): Referrer {
  const r: Referrer = {
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    artifactType: d.artifactType ?? null,
    kind: artifactKind(d.artifactType),
  };
  if (d.annotations && Object.keys(d.annotations).length > 0) r.annotations = d.annotations;
  return r;
}

/**
 * findReferrers gathers everything attached to `digest`: the referrers API (or its fallback tag) and
 * cosign's `.sig`/`.att`/`.sbom` tags, one entry per artifact digest. A part that fails leaves the rest
 * standing: the list says what went wrong in `error` instead of failing the whole inspect.
 */
export async function findReferrers(
  t: Transport,
  repo: string,
  digest: string,
  opts: ReferrersOptions = {},
): Promise<ReferrerList> {
  const errors: unknown[] = [];
  const kept = <T>(p: Promise<T>, fallback: T): Promise<T> =>
    p.catch((err: unknown) => {
      if (!isRegistryError(err)) throw err;
      errors.push(err);
      return fallback;
    });
  const base = referrersTag(digest);
  const cosignWanted = COSIGN_SUFFIXES.filter(
    ({ kind }) => !opts.artifactType || artifactKind(opts.artifactType) === kind,
  );
  const [listed, ...cosign] = await Promise.all([
    kept(referrersList(t, repo, digest, opts), { descriptors: [], source: 'api' as const }),
    ...cosignWanted.map(({ suffix, kind }) =>
      kept(cosignArtifact(t, repo, `${base}${suffix}`, kind, opts), null),
    ),
  ]);
  const referrers = listed.descriptors.map(fromDescriptor);
  for (const found of cosign) {
    if (!found) continue;
    const same = referrers.find((r) => r.digest === found.digest);
    if (!same) referrers.push(found);
    else {
      // Listed by subject and tagged by cosign: one artifact, known by both.
      same.tag = found.tag!;
      if (same.kind === 'other') same.kind = found.kind;
    }
  }
  const result: ReferrerList = { subject: digest, referrers, source: listed.source };
  if (errors.length > 0) result.error = incomplete(errors[0], repo, digest);
  return result;
}

/** incomplete words the first failure so people know the list may miss something, and why. */
function incomplete(err: unknown, repo: string, digest: string): ErrorData {
  const data = toErrorData(err);
  return {
    code: data.code,
    message: `Berth could not read everything attached to ${refOf(repo, digest)}, so signatures or SBOMs may be missing from this list. ${data.message}`,
  };
}
