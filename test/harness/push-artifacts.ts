// Pushing what is attached to images, as the tools that attach it do: BuildKit's attestation manifests
// inside an index (docker buildx build --push), OCI 1.1 artifacts with a `subject` (cosign, notation,
// oras), the referrers tag schema's `sha256-<hex>` index, and cosign's `sha256-<hex>.sig` tags.

import { AMD64_ARM64, type Platform } from './image-config';
import { MEDIA_TYPES } from './media-types';
import { type PushAuth, type PushedImage, pushBlob, pushImage, putManifest, putPushed } from './push';

/** EMPTY_MEDIA_TYPE is OCI 1.1's empty descriptor: the config of an artifact that needs none, `{}`. */
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
/** COSIGN_SIG_TYPE is the artifact type cosign gives signatures stored as OCI 1.1 referrers. */
export const COSIGN_SIG_TYPE = 'application/vnd.dev.cosign.artifact.sig.v1+json';

/** Subject is the manifest an artifact is attached to. */
export interface Subject {
  digest: string;
  mediaType: string;
  size: number;
}

/** PushedArtifact is an artifact manifest now in the registry. */
export interface PushedArtifact extends PushedImage {
  artifactType: string;
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));

/** fallbackTag is the referrers tag schema's tag for a digest: `sha256:<hex>` → `sha256-<hex>`. */
export function fallbackTag(digest: string): string {
  return digest.replace(':', '-');
}

/**
 * pushArtifact pushes an OCI 1.1 artifact: an image manifest with `artifactType`, the empty config and
 * one payload layer, attached to `subject`; pushed by digest, then under each tag.
 */
export async function pushArtifact(
  registryUrl: string,
  repo: string,
  opts: {
    artifactType: string;
    subject?: Subject;
    payload?: Uint8Array;
    payloadType?: string;
    tags?: string[];
    annotations?: Record<string, string>;
  },
  auth?: PushAuth,
): Promise<PushedArtifact> {
  const empty = await pushBlob(registryUrl, repo, new TextEncoder().encode('{}'), auth);
  const payload = opts.payload ?? new TextEncoder().encode(JSON.stringify({ artifact: opts.artifactType }));
  const layer = await pushBlob(registryUrl, repo, payload, auth);
  const manifest = encode({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    artifactType: opts.artifactType,
    config: { mediaType: EMPTY_MEDIA_TYPE, ...empty },
    layers: [{ mediaType: opts.payloadType ?? opts.artifactType, ...layer }],
    ...(opts.subject ? { subject: opts.subject } : {}),
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  });
  const put = { tags: opts.tags ?? [], manifest, mediaType: MEDIA_TYPES.ociManifest, alsoByDigest: true };
  const pushed = await putPushed(
    registryUrl,
    repo,
    put,
    { config: empty.digest, layers: [layer.digest] },
    auth,
  );
  return { ...pushed, artifactType: opts.artifactType };
}

/**
 * pushReferrersIndex writes what a client does on a registry without the referrers API: an OCI index
 * listing the artifacts attached to `subject`, under the tag `sha256-<hex>`.
 */
export async function pushReferrersIndex(
  registryUrl: string,
  repo: string,
  subject: string,
  artifacts: readonly (PushedArtifact & { annotations?: Record<string, string> })[],
  auth?: PushAuth,
): Promise<{ digest: string; tag: string }> {
  const manifest = encode({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: artifacts.map((a) => ({
      mediaType: a.mediaType,
      digest: a.digest,
      size: a.size,
      artifactType: a.artifactType,
      ...(a.annotations ? { annotations: a.annotations } : {}),
    })),
  });
  const tag = fallbackTag(subject);
  const digest = await putManifest(registryUrl, repo, tag, manifest, MEDIA_TYPES.ociIndex, auth);
  return { digest, tag };
}

/** PushedAttestedIndex is a multi-platform image with one attestation manifest per platform. */
export interface PushedAttestedIndex extends PushedImage {
  children: PushedImage[];
  attestations: PushedImage[];
}

/**
 * pushAttestedIndex pushes a multi-platform image as `docker buildx build --push` does by default:
 * each platform image, an attestation manifest for each (platform unknown/unknown, one in-toto
 * statement layer per predicate type), and an index listing both, under the tags.
 */
export async function pushAttestedIndex(
  registryUrl: string,
  repo: string,
  opts: { tags: string[]; platforms: readonly Platform[]; predicateTypes: string[] },
  auth?: PushAuth,
): Promise<PushedAttestedIndex> {
  const children: PushedImage[] = [];
  const attestations: PushedImage[] = [];
  for (const platform of opts.platforms) {
    const child = await pushImage(registryUrl, repo, { tags: [], platform }, auth);
    children.push(child);
    attestations.push(await pushAttestation(registryUrl, repo, child.digest, opts.predicateTypes, auth));
  }
  const unknown = { os: 'unknown', architecture: 'unknown' };
  const manifest = encode({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: [
      ...children.map((c, i) => ({
        mediaType: c.mediaType,
        digest: c.digest,
        size: c.size,
        platform: opts.platforms[i],
      })),
      ...attestations.map((a, i) => ({
        mediaType: a.mediaType,
        digest: a.digest,
        size: a.size,
        platform: unknown,
        annotations: {
          'vnd.docker.reference.digest': children[i]!.digest,
          'vnd.docker.reference.type': 'attestation-manifest',
        },
      })),
    ],
  });
  const put = { tags: opts.tags, manifest, mediaType: MEDIA_TYPES.ociIndex };
  const index = await putPushed(registryUrl, repo, put, { config: '', layers: [] }, auth);
  return { ...index, children, attestations };
}

/** pushAttestation pushes one BuildKit-style attestation manifest describing `subject`. */
async function pushAttestation(
  registryUrl: string,
  repo: string,
  subject: string,
  predicateTypes: readonly string[],
  auth: PushAuth | undefined,
): Promise<PushedImage> {
  const statements = await Promise.all(
    predicateTypes.map(async (predicateType) => {
      const statement = encode({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType,
        subject: [{ name: repo, digest: { sha256: subject.slice('sha256:'.length) } }],
        predicate: {},
      });
      const blob = await pushBlob(registryUrl, repo, statement, auth);
      return {
        mediaType: 'application/vnd.in-toto+json',
        ...blob,
        annotations: { 'in-toto.io/predicate-type': predicateType },
      };
    }),
  );
  const config = encode({
    architecture: 'unknown',
    os: 'unknown',
    config: {},
    rootfs: { type: 'layers', diff_ids: statements.map((s) => s.digest) },
  });
  const configBlob = await pushBlob(registryUrl, repo, config, auth);
  const manifest = encode({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, ...configBlob },
    layers: statements,
  });
  const put = { tags: [], manifest, mediaType: MEDIA_TYPES.ociManifest };
  return putPushed(
    registryUrl,
    repo,
    put,
    { config: configBlob.digest, layers: statements.map((s) => s.digest) },
    auth,
  );
}

/** SignedImage is what `pushSignedImage` left in the registry. */
export interface SignedImage {
  app: PushedAttestedIndex;
  signature: PushedArtifact;
  sbom: PushedArtifact;
  /** sigTag is cosign's `sha256-<hex>.sig` tag on the signature. */
  sigTag: string;
  /** plain is an older image without attachments, under `plainTag`. */
  plain: PushedImage;
}

/** SPDX_TYPE is the artifact type of an SPDX SBOM attached as an OCI 1.1 referrer. */
export const SPDX_TYPE = 'application/spdx+json';
/** PROVENANCE and SPDX are the predicate types BuildKit's attestations carry by default. */
export const PROVENANCE = 'https://slsa.dev/provenance/v0.2';
export const SPDX = 'https://spdx.dev/Document';

/**
 * pushSignedImage leaves a repository as `docker buildx build --push` then cosign leave it: a two-platform
 * index with attestations under `tags`, a signature (also under cosign's `.sig` tag) and an SBOM attached
 * by subject, the referrers fallback index, and a plain older image under `plainTag`.
 */
export async function pushSignedImage(
  registryUrl: string,
  repo: string,
  opts: { tags: string[]; plainTag: string; signatureCreated?: string },
): Promise<SignedImage> {
  const app = await pushAttestedIndex(registryUrl, repo, {
    tags: opts.tags,
    platforms: AMD64_ARM64,
    predicateTypes: [PROVENANCE, SPDX],
  });
  const subject = { digest: app.digest, mediaType: app.mediaType, size: app.size };
  const sigTag = `${fallbackTag(app.digest)}.sig`;
  const signature = await pushArtifact(registryUrl, repo, {
    artifactType: COSIGN_SIG_TYPE,
    subject,
    tags: [sigTag],
  });
  const sbom = await pushArtifact(registryUrl, repo, { artifactType: SPDX_TYPE, subject });
  const created = opts.signatureCreated;
  const listed = created
    ? { ...signature, annotations: { 'org.opencontainers.image.created': created } }
    : signature;
  await pushReferrersIndex(registryUrl, repo, app.digest, [listed, sbom]);
  const plain = await pushImage(registryUrl, repo, { tags: [opts.plainTag] });
  return { app, signature, sbom, sigTag, plain };
}
