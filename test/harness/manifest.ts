import type { Platform } from './image-config';
import { type ImageFormat, mediaTypesFor } from './media-types';

/** Descriptor points at a blob or manifest by digest, as manifests and indexes list them. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
}

function encode(value: unknown): Uint8Array {
  // Pretty-printed like docker and skopeo write them, so tests that display raw manifests see realistic text.
  return new TextEncoder().encode(JSON.stringify(value, null, 2));
}

/** buildImageManifest writes an OCI image manifest or a Docker schema2 manifest with stable key order. */
export function buildImageManifest(
  format: ImageFormat,
  config: Descriptor,
  layers: Descriptor[],
): Uint8Array {
  return encode({
    schemaVersion: 2,
    mediaType: mediaTypesFor(format).manifest,
    config,
    layers,
  });
}

/** buildIndex writes an OCI image index or a Docker manifest list over platform-specific manifests. */
export function buildIndex(format: ImageFormat, manifests: Descriptor[]): Uint8Array {
  return encode({
    schemaVersion: 2,
    mediaType: mediaTypesFor(format).index,
    manifests,
  });
}
