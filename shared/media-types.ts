/** MediaType holds the manifest and config media types Berth understands, spelled as the specs spell them. */
export const MediaType = {
  OCI_INDEX: 'application/vnd.oci.image.index.v1+json',
  OCI_MANIFEST: 'application/vnd.oci.image.manifest.v1+json',
  OCI_CONFIG: 'application/vnd.oci.image.config.v1+json',
  DOCKER_LIST: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DOCKER_SCHEMA2: 'application/vnd.docker.distribution.manifest.v2+json',
  DOCKER_CONFIG: 'application/vnd.docker.container.image.v1+json',
  DOCKER_SCHEMA1: 'application/vnd.docker.distribution.manifest.v1+json',
  DOCKER_SCHEMA1_SIGNED: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

/** MANIFEST_ACCEPT lists every manifest type we can read; 2.8 answers 404 for OCI content without it. */
export const MANIFEST_ACCEPT: readonly string[] = [
  MediaType.OCI_INDEX,
  MediaType.OCI_MANIFEST,
  MediaType.DOCKER_LIST,
  MediaType.DOCKER_SCHEMA2,
  MediaType.DOCKER_SCHEMA1_SIGNED,
  MediaType.DOCKER_SCHEMA1,
];

/** ManifestKind is what a manifest is, in words the UI can show. */
export type ManifestKind = 'index' | 'image' | 'legacy' | 'unknown';

/** manifestKind classifies a manifest media type: multi-platform index, single image, or legacy schema1. */
export function manifestKind(mediaType: string | undefined): ManifestKind {
  switch (mediaType) {
    case MediaType.OCI_INDEX:
    case MediaType.DOCKER_LIST:
      return 'index';
    case MediaType.OCI_MANIFEST:
    case MediaType.DOCKER_SCHEMA2:
      return 'image';
    case MediaType.DOCKER_SCHEMA1:
    case MediaType.DOCKER_SCHEMA1_SIGNED:
      return 'legacy';
    default:
      return 'unknown';
  }
}

/** mediaTypeLabel names a media type briefly for tables ("OCI image", "Docker manifest list"). */
export function mediaTypeLabel(mediaType: string | undefined): string {
  switch (mediaType) {
    case MediaType.OCI_INDEX:
      return 'OCI index';
    case MediaType.OCI_MANIFEST:
      return 'OCI image';
    case MediaType.DOCKER_LIST:
      return 'Docker manifest list';
    case MediaType.DOCKER_SCHEMA2:
      return 'Docker image';
    case MediaType.DOCKER_SCHEMA1:
    case MediaType.DOCKER_SCHEMA1_SIGNED:
      return 'Docker schema 1 (legacy)';
    default:
      return mediaType ?? 'unknown';
  }
}
