/** MEDIA_TYPES names every manifest, config and layer type the harness pushes. */
export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/** ImageFormat picks OCI or Docker schema2 media types for a pushed image. */
export type ImageFormat = 'oci' | 'docker';

/** MANIFEST_ACCEPT lists every manifest type: without it 2.8 answers 404 for OCI and down-converts Docker to schema1. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.dockerManifest,
].join(', ');

/** mediaTypesFor gives the manifest, index, config and layer media types of a format. */
export function mediaTypesFor(format: ImageFormat): {
  manifest: string;
  index: string;
  config: string;
  layer: string;
} {
  return format === 'docker'
    ? {
        manifest: MEDIA_TYPES.dockerManifest,
        index: MEDIA_TYPES.dockerManifestList,
        config: MEDIA_TYPES.dockerConfig,
        layer: MEDIA_TYPES.dockerLayer,
      }
    : {
        manifest: MEDIA_TYPES.ociManifest,
        index: MEDIA_TYPES.ociIndex,
        config: MEDIA_TYPES.ociConfig,
        layer: MEDIA_TYPES.ociLayer,
      };
}
