// The data the engine returns: spec names for spec things (Descriptor, Platform), plain JSON throughout.

import type { ArtifactKind } from './artifacts';
import type { ErrorData } from './errors';
import type { ManifestKind } from './media-types';

/** Platform is where an image runs, as in the OCI image index. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
}

/** Descriptor points at content by digest, as in the OCI spec. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  /** artifactType is what an artifact is (OCI 1.1), as the referrers API and indexes of referrers list it. */
  artifactType?: string;
}

/** TagInfo is a tag with its resolved digest, or the error that kept it from resolving. */
export interface TagInfo {
  tag: string;
  digest: string | null;
  mediaType: string | null;
  error?: ErrorData;
}

/** TagEvent streams a tag listing: first the names, then each digest as it resolves. */
export type TagEvent = { type: 'tags'; tags: string[] } | ({ type: 'tag' } & TagInfo);

/**
 * TagsListEvent streams a tag listing to the app: first the names, then the digests in batches (one
 * message per ~50 ms rather than per tag: at 100,000 tags, per-tag messages cost more than the reads).
 * `first`, asked for with `firstScreen`, comes before the names of a long list: the tags the screen opens
 * on (by version, newest first), so they are drawn while the whole list (megabytes) is still on its way;
 * they are read first, and their digests may come before the names too. `known` comes before the digests
 * when the registry's notifications since the last look tell which tags may have moved: `known` tags are
 * sent from that look without a request, `reread` are read again.
 */
export type TagsListEvent =
  | { type: 'first'; tags: string[]; total: number }
  | { type: 'tags'; tags: string[] }
  | { type: 'known'; known: number; reread: number }
  | { type: 'digests'; tags: TagInfo[] };

/** HistoryEntry is one build step of an image (a Dockerfile line, roughly). */
export interface HistoryEntry {
  created?: string;
  createdBy?: string;
  comment?: string;
  emptyLayer: boolean;
}

/** ImageConfig is what people want from an image's config blob. */
export interface ImageConfig {
  digest: string | null;
  created: string | null;
  os: string | null;
  architecture: string | null;
  variant: string | null;
  author: string | null;
  env: string[];
  labels: Record<string, string>;
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string | null;
  user: string | null;
  exposedPorts: string[];
  /** volumes are the paths the image declares as volumes; optional only so hand-built configs may omit it. */
  volumes?: string[];
  /** stopSignal is the signal that stops a container (`SIGQUIT`), null when the image keeps the default. */
  stopSignal?: string | null;
  history: HistoryEntry[];
}

/** LayerInfo is one layer: its digest, compressed size and media type. */
export interface LayerInfo {
  digest: string;
  size: number | null;
  mediaType: string;
}

/** OmittedLayers says how many layers of a very large image are not listed, and their compressed size. */
export interface OmittedLayers {
  count: number;
  size: number;
}

/** ImageDetails describes one platform image: its manifest, layers and config. */
export interface ImageDetails {
  digest: string;
  mediaType: string;
  size: number;
  platform: Platform | null;
  layers: LayerInfo[];
  /** totalSize is the config plus every layer, compressed, as stored in the registry. */
  totalSize: number;
  config: ImageConfig | null;
  /** omittedLayers counts the layers left out of `layers` (more than Berth lists) and their size; totalSize has them. */
  omittedLayers?: OmittedLayers;
  /** attestations are the index's attestation manifests that describe this image (provenance, SBOM). */
  attestations: Attestation[];
  error?: ErrorData;
}

/** Attestation is one BuildKit attestation manifest: an index entry for platform unknown/unknown that describes a platform image. */
export interface Attestation {
  digest: string;
  mediaType: string;
  size: number;
  /** predicateTypes are what it states (`https://slsa.dev/provenance/v0.2`); absent when it could not be read. */
  predicateTypes?: string[];
}

/** Referrer is an artifact attached to an image: by its `subject` (OCI 1.1), or as a cosign `sha256-<hex>.sig` tag. */
export interface Referrer {
  digest: string;
  mediaType: string;
  size: number;
  /** artifactType is the artifact's declared type (`application/vnd.dev.cosign.artifact.sig.v1+json`), null when it has none. */
  artifactType: string | null;
  kind: ArtifactKind;
  annotations?: Record<string, string>;
  /** tag is the cosign-style tag it was found under (`sha256-<hex>.sig`), when found that way. */
  tag?: string;
}

/** ReferrerList is what is attached to one digest, and how the registry told us. */
export interface ReferrerList {
  subject: string;
  referrers: Referrer[];
  /** source: the referrers API, or the `sha256-<hex>` fallback tag (registries without the API, such as Distribution 2.8). */
  source: 'api' | 'fallback-tag';
  /** error says why the list may be incomplete (the registry refused or failed); what was found is still listed. */
  error?: ErrorData;
}

/** InspectResult is everything `berth inspect` shows about one tag or digest. */
export interface InspectResult {
  registry: string;
  repository: string;
  tag: string | null;
  digest: string;
  mediaType: string;
  kind: ManifestKind;
  /** size is the manifest's own size in bytes. */
  size: number;
  /** platforms lists the index's platforms; for a single image it holds the image's own platform. */
  platforms: Platform[];
  /** layers, totalSize and config describe a single image; for an index see `manifests`. */
  layers: LayerInfo[];
  totalSize: number;
  config: ImageConfig | null;
  /** manifests holds one entry per platform image of an index (attestations hang off them); empty for a single image. */
  manifests: ImageDetails[];
  /** omittedLayers counts a single image's layers left out of `layers`, and their size; totalSize has them. */
  omittedLayers?: OmittedLayers;
  /** notes are sentences about what Berth left out of a very large image (platforms not read, layers not listed). */
  notes?: string[];
  /** artifactType is set when this manifest is itself an artifact (a signature, an SBOM), else null. */
  artifactType: string | null;
  /** subject is the digest of the image this artifact is attached to, else null. */
  subject: string | null;
  /** referrers lists what is attached to this digest; present only when asked for (it costs a few requests). */
  referrers?: ReferrerList;
}
