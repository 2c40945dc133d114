// Most test repositories have one shape: an image per version, and alias tags that re-tag a version
// (`latest` → 2.2). One helper pushes that shape, so each test states only its versions, aliases and configs.

import { type PushImageOptions, pushImage, putManifest } from './push';

/** AliasedVersions are a repository's versions (one image each) and its aliases (alias → the version it re-tags). */
export interface AliasedVersions {
  versions: readonly string[];
  aliases: Readonly<Record<string, string>>;
}

/**
 * pushAliasedVersions pushes one image per version, in order (`image` gives its options but the tag), then
 * PUTs each alias with its version's manifest, so an alias and its version share a digest.
 */
export async function pushAliasedVersions(
  url: string,
  repository: string,
  tags: AliasedVersions,
  image: (version: string, index: number) => Omit<PushImageOptions, 'tags'>,
): Promise<void> {
  const manifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  for (const [index, version] of tags.versions.entries()) {
    const pushed = await pushImage(url, repository, { ...image(version, index), tags: [version] });
    manifests.set(version, { bytes: pushed.manifest, mediaType: pushed.mediaType });
  }
  for (const [alias, version] of Object.entries(tags.aliases)) {
    const target = manifests.get(version);
    if (!target) throw new Error(`alias ${alias} names ${version}, which is not among the versions`);
    await putManifest(url, repository, alias, target.bytes, target.mediaType);
  }
}
