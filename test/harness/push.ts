import { createHash, randomUUID } from 'node:crypto';
import { buildImageConfig, type Platform } from './image-config';
import { diffIdOf, makeLayer } from './layer';
import { buildImageManifest, buildIndex, type Descriptor } from './manifest';
import { type ImageFormat, mediaTypesFor } from './media-types';
import { expectStatus, type PushAuth, registryRequest, responseHeader } from './registry-http';
import { sha256Digest } from './sha256';

export { AMD64_ARM64, type Platform } from './image-config';
export type { PushAuth } from './registry-http';

/** PushedImage describes a manifest (or index) now in the registry; an index has config '' and no layers. */
export interface PushedImage {
  digest: string;
  mediaType: string;
  size: number;
  manifest: Uint8Array;
  config: string;
  layers: string[];
}

/** PushImageOptions describes one image to build and push. */
export interface PushImageOptions {
  /** tags may be empty: the manifest is then pushed by digest only. */
  tags: string[];
  format?: ImageFormat;
  /** layers default to one small layer, unique per config (so reproducible when config.created is given). */
  layers?: Uint8Array[];
  config?: Record<string, unknown>;
  platform?: Platform;
  /** mountFrom names a repository to mount the layers from (cross-repo mount), uploading only if it fails. */
  mountFrom?: string;
}

/** PushIndexOptions describes a multi-platform image; config is merged into every child's config. */
export interface PushIndexOptions {
  tags: string[];
  format?: ImageFormat;
  platforms: readonly Platform[];
  config?: Record<string, unknown>;
}

function blobUrl(registryUrl: string, repo: string, digest: string): string {
  return `${registryUrl}/v2/${repo}/blobs/${digest}`;
}

// Finishes an upload session monolithically; Location may be relative, so resolve it against the request URL.
async function completeUpload(
  requestUrl: string,
  location: string | undefined,
  bytes: Uint8Array,
  digest: string,
  auth: PushAuth | undefined,
): Promise<void> {
  if (!location) throw new Error(`upload to ${requestUrl} answered without Location`);
  const target = new URL(location, requestUrl);
  target.searchParams.set('digest', digest);
  const res = await registryRequest('PUT', target.toString(), {
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    auth,
  });
  expectStatus(res, [201], `PUT blob ${digest}`);
}

async function uploadBlob(
  registryUrl: string,
  repo: string,
  bytes: Uint8Array,
  digest: string,
  auth: PushAuth | undefined,
  mountFrom?: string,
): Promise<void> {
  const start = new URL(`${registryUrl}/v2/${repo}/blobs/uploads/`);
  if (mountFrom) {
    start.searchParams.set('mount', digest);
    start.searchParams.set('from', mountFrom);
  }
  const res = await registryRequest('POST', start.toString(), { auth });
  // 201: mounted, nothing to send. 202: an upload session (also what a failed mount falls back to).
  expectStatus(res, [201, 202], `POST upload to ${repo}`);
  if (res.status === 201) return;
  await completeUpload(start.toString(), responseHeader(res, 'location'), bytes, digest, auth);
}

/** pushBlob uploads bytes monolithically (POST then PUT ?digest=), skipping the upload if HEAD finds the blob. */
export async function pushBlob(
  registryUrl: string,
  repo: string,
  bytes: Uint8Array,
  auth?: PushAuth,
): Promise<{ digest: string; size: number }> {
  const digest = sha256Digest(bytes);
  const head = await registryRequest('HEAD', blobUrl(registryUrl, repo, digest), { auth });
  if (head.status !== 200) await uploadBlob(registryUrl, repo, bytes, digest, auth);
  return { digest, size: bytes.byteLength };
}

/** mountBlob links a blob from another repository without uploading; false if the registry refused (it then opened an upload, left to expire). */
export async function mountBlob(
  registryUrl: string,
  repo: string,
  digest: string,
  from: string,
  auth?: PushAuth,
): Promise<boolean> {
  const url = new URL(`${registryUrl}/v2/${repo}/blobs/uploads/`);
  url.searchParams.set('mount', digest);
  url.searchParams.set('from', from);
  const res = expectStatus(
    await registryRequest('POST', url.toString(), { auth }),
    [201, 202],
    `mount ${digest}`,
  );
  return res.status === 201;
}

/** putManifest PUTs manifest bytes under a tag or digest and returns their digest; PUT the same bytes again to retag. */
export async function putManifest(
  registryUrl: string,
  repo: string,
  reference: string,
  body: Uint8Array,
  mediaType: string,
  auth?: PushAuth,
): Promise<string> {
  const res = await registryRequest('PUT', `${registryUrl}/v2/${repo}/manifests/${reference}`, {
    headers: { 'content-type': mediaType },
    body,
    auth,
  });
  expectStatus(res, [201], `PUT manifest ${repo}:${reference}`);
  return responseHeader(res, 'docker-content-digest') ?? sha256Digest(body);
}

/** deleteManifest deletes a manifest by digest, which on distribution also removes every tag pointing at it. */
export async function deleteManifest(
  registryUrl: string,
  repo: string,
  digest: string,
  auth?: PushAuth,
): Promise<void> {
  const res = await registryRequest('DELETE', `${registryUrl}/v2/${repo}/manifests/${digest}`, { auth });
  expectStatus(res, [202], `DELETE manifest ${repo}@${digest}`);
}

/**
 * putPushed puts a manifest under each tag (by digest alone when there is none, or under both with
 * `alsoByDigest`) and describes what is now in the registry.
 */
export async function putPushed(
  registryUrl: string,
  repo: string,
  put: { tags: readonly string[]; manifest: Uint8Array; mediaType: string; alsoByDigest?: boolean },
  parts: { config: string; layers: string[] },
  auth?: PushAuth,
): Promise<PushedImage> {
  const { manifest, mediaType } = put;
  const digest = sha256Digest(manifest);
  const references = put.alsoByDigest || put.tags.length === 0 ? [digest, ...put.tags] : put.tags;
  // Sequential on purpose: the first PUT validates the blobs, later ones only add tag links.
  for (const reference of references)
    await putManifest(registryUrl, repo, reference, manifest, mediaType, auth);
  return { digest, mediaType, size: manifest.byteLength, manifest, ...parts };
}

/** pushImage builds a realistic single-platform image, pushes its blobs, then its manifest under every tag. */
export async function pushImage(
  registryUrl: string,
  repo: string,
  opts: PushImageOptions,
  auth?: PushAuth,
): Promise<PushedImage> {
  const format = opts.format ?? 'oci';
  const types = mediaTypesFor(format);
  const platform = opts.platform ?? { os: 'linux', architecture: 'amd64' };
  const given = opts.config?.['created'];
  const created = typeof given === 'string' ? given : new Date().toISOString();
  // With a given creation date the default layer derives from the inputs, so pushes are reproducible.
  const seed =
    typeof given === 'string'
      ? createHash('sha256')
          .update(JSON.stringify([opts.config, platform, format]))
          .digest('hex')
      : randomUUID();
  const layers = opts.layers ?? [makeLayer(seed)];
  const config = buildImageConfig({
    diffIds: layers.map(diffIdOf),
    created,
    platform,
    overrides: opts.config,
  });
  const configBytes = new TextEncoder().encode(JSON.stringify(config));

  const layerDescriptors: Descriptor[] = layers.map((bytes) => ({
    mediaType: types.layer,
    digest: sha256Digest(bytes),
    size: bytes.byteLength,
  }));
  await Promise.all(
    layers.map(async (bytes, index) => {
      const digest = layerDescriptors[index]!.digest;
      if (opts.mountFrom) await uploadBlob(registryUrl, repo, bytes, digest, auth, opts.mountFrom);
      else await pushBlob(registryUrl, repo, bytes, auth);
    }),
  );
  const configBlob = await pushBlob(registryUrl, repo, configBytes, auth);
  const configDescriptor: Descriptor = { mediaType: types.config, ...configBlob };

  const manifest = buildImageManifest(format, configDescriptor, layerDescriptors);
  const put = { tags: opts.tags, manifest, mediaType: types.manifest };
  const parts = { config: configBlob.digest, layers: layerDescriptors.map((layer) => layer.digest) };
  return putPushed(registryUrl, repo, put, parts, auth);
}

/** pushIndex pushes one image per platform by digest, then an OCI index or Docker manifest list over them under the tags. */
export async function pushIndex(
  registryUrl: string,
  repo: string,
  opts: PushIndexOptions,
  auth?: PushAuth,
): Promise<PushedImage & { children: PushedImage[] }> {
  const format = opts.format ?? 'oci';
  const types = mediaTypesFor(format);
  const children: PushedImage[] = [];
  for (const platform of opts.platforms) {
    const childOpts: PushImageOptions = { tags: [], format, platform };
    if (opts.config) childOpts.config = opts.config;
    children.push(await pushImage(registryUrl, repo, childOpts, auth));
  }
  const descriptors: Descriptor[] = children.map((child, index) => ({
    mediaType: child.mediaType,
    digest: child.digest,
    size: child.size,
    platform: opts.platforms[index]!,
  }));
  const manifest = buildIndex(format, descriptors);
  const index = await putPushed(
    registryUrl,
    repo,
    { tags: opts.tags, manifest, mediaType: types.index },
    { config: '', layers: [] },
    auth,
  );
  return { ...index, children };
}
