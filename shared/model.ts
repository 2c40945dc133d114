// The data the engine returns: spec names for spec things (Descriptor, Platform), plain JSON throughout.

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
  /** manifests holds one entry per platform of an index; empty for a single image. */
  manifests: ImageDetails[];
  /** omittedLayers counts a single image's layers left out of `layers`, and their size; totalSize has them. */
  omittedLayers?: OmittedLayers;
  /** notes are sentences about what Berth left out of a very large image (platforms not read, layers not listed). */
  notes?: string[];
}
