// What the alias diagram and the table's badges need from the digest groups: which tag owns each image,
// which tags are pointers (names such as `latest` or `production` that re-tag a version), and a layout
// that keeps arrows short: pointer tags on the left, one node per image on the right.

import { type ArtifactTagKind, artifactTag } from './artifacts';
import type { ImageGroup } from './grouping';
import { compareVersions, isVersionTag } from './version';

/** AttachedTo says, for an artifact tag, what it holds and which image it belongs to. */
export interface AttachedTo {
  kind: ArtifactTagKind;
  /** subject is the digest of the image the artifacts are for. */
  subject: string;
  /** subjectName is that image's name (`2.1 = 2.3`), or null when no tag here names it. */
  subjectName: string | null;
}

/** TagRole is what one tag is in its repository. */
export interface TagRole {
  digest: string;
  /** owner is the tag that stands for the image (see grouping.ts); equal to the tag itself for the owner. */
  owner: string;
  /** aliasOf is the image's name (`2.1 = 2.3`) when this tag is another name for it, else null; never set on a version tag. */
  aliasOf: string | null;
  /** pointer: not a version itself, but its image has a version tag (`production` → `2.0`); never an artifact tag. */
  pointer: boolean;
  /** attachedTo is set on artifact tags (`sha256-<hex>.sig`): they name no image, they belong to one. */
  attachedTo: AttachedTo | null;
  group: ImageGroup;
}

/** tagRoles maps every grouped tag to its role. */
export function tagRoles(groups: readonly ImageGroup[]): Map<string, TagRole> {
  const roles = new Map<string, TagRole>();
  const byDigest = new Map(groups.map((g) => [g.digest, g]));
  for (const group of groups) {
    const hasVersion = group.versions.length > 0;
    const aliases = new Set(group.aliases);
    const artifacts = new Set(group.artifacts);
    for (const tag of group.tags) {
      roles.set(tag, {
        digest: group.digest,
        owner: group.owner,
        aliasOf: aliases.has(tag) ? group.name : null,
        pointer: hasVersion && !isVersionTag(tag) && !artifacts.has(tag),
        attachedTo: artifacts.has(tag) ? attachedTo(tag, byDigest) : null,
        group,
      });
    }
  }
  return roles;
}

function attachedTo(tag: string, byDigest: ReadonlyMap<string, ImageGroup>): AttachedTo | null {
  const read = artifactTag(tag);
  if (!read) return null;
  const subject = byDigest.get(read.subject);
  return { ...read, subjectName: subject && !subject.artifact ? subject.name : null };
}

/** DiagramImage is one image node: its owner tag, its name and whether a version names it. */
export interface DiagramImage {
  digest: string;
  owner: string;
  /** name is the image's name by the naming rule (`2.1 = 2.3`). */
  name: string;
  /** versioned is false for images no version tag names (only `latest`, `main`, …). */
  versioned: boolean;
  tags: readonly string[];
  row: number;
}

/** DiagramPointer is one alias tag drawn on the left with an arrow into its image. */
export interface DiagramPointer {
  tag: string;
  digest: string;
  owner: string;
  row: number;
}

/** AliasDiagram is the layout: rows on each side, and one arrow per alias tag. */
export interface AliasDiagram {
  pointers: DiagramPointer[];
  images: DiagramImage[];
}

/**
 * layoutAliasDiagram lays images out newest version first (names after), and each image's aliases in
 * the order of their images, so arrows run mostly straight and do not cross. Artifacts (signatures,
 * SBOMs kept under `sha256-<hex>` tags) are not images: they get no node and no arrow.
 */
export function layoutAliasDiagram(groups: readonly ImageGroup[]): AliasDiagram {
  const ordered = groups
    .filter((g) => !g.artifact)
    .sort((a, b) => {
      const va = isVersionTag(a.owner);
      const vb = isVersionTag(b.owner);
      if (va !== vb) return va ? -1 : 1;
      return va ? compareVersions(b.owner, a.owner) : compareVersions(a.owner, b.owner);
    });
  const images: DiagramImage[] = [];
  const pointers: DiagramPointer[] = [];
  for (const group of ordered) {
    images.push({
      digest: group.digest,
      owner: group.owner,
      name: group.name,
      versioned: group.versions.length > 0,
      tags: group.tags,
      row: images.length,
    });
    for (const tag of group.aliases) {
      pointers.push({ tag, digest: group.digest, owner: group.owner, row: pointers.length });
    }
  }
  return { pointers, images };
}
