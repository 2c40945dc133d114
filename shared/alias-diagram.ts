// What the alias diagram and the table's badges need from the digest groups: which tag owns each image,
// which tags are pointers (names such as `latest` or `production` that re-tag a version), and a layout
// that reads version-first: each image on the left, the aliases pointing at it beside it.

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
  const groupOf = (digest: string) => byDigest.get(digest);
  for (const group of groups) {
    const aliases = new Set(group.aliases);
    const artifacts = new Set(group.artifacts);
    for (const tag of group.tags) {
      roles.set(tag, roleIn(group, tag, aliases.has(tag), artifacts.has(tag), groupOf));
    }
  }
  return roles;
}

/**
 * tagRole is one tag's role in its image, as tagRoles gives it, for a screen that names only the rows it
 * draws; `groupOf` finds the image an artifact tag belongs to.
 */
export function tagRole(
  tag: string,
  group: ImageGroup,
  groupOf: (digest: string) => ImageGroup | undefined,
): TagRole {
  return roleIn(group, tag, group.aliases.includes(tag), group.artifacts.includes(tag), groupOf);
}

function roleIn(
  group: ImageGroup,
  tag: string,
  alias: boolean,
  artifact: boolean,
  groupOf: (digest: string) => ImageGroup | undefined,
): TagRole {
  return {
    digest: group.digest,
    owner: group.owner,
    aliasOf: alias ? group.name : null,
    pointer: group.versions.length > 0 && !isVersionTag(tag) && !artifact,
    attachedTo: artifact ? attachedTo(tag, groupOf) : null,
    group,
  };
}

function attachedTo(tag: string, groupOf: (digest: string) => ImageGroup | undefined): AttachedTo | null {
  const read = artifactTag(tag);
  if (!read) return null;
  const subject = groupOf(read.subject);
  return { ...read, subjectName: subject && !subject.artifact ? subject.name : null };
}

/** DIAGRAM_ALIASES is how many aliases an image shows before the rest fold into "+N more". */
export const DIAGRAM_ALIASES = 5;

/** DiagramImage is one image with its aliases: a block of rows, the image box on the left spanning them all. */
export interface DiagramImage {
  digest: string;
  owner: string;
  /** name is the image's name by the naming rule (`2.1 = 2.3`). */
  name: string;
  /** versioned is false for images no version tag names (only `latest`, `main`, …). */
  versioned: boolean;
  tags: readonly string[];
  /** names are the tags the image box stands for: its versions, or its one best name when it has none. */
  names: readonly string[];
  /** aliases are all the image's alias tags; `shown` of them are drawn, `hidden` fold into "+N more". */
  aliases: readonly string[];
  shown: readonly string[];
  hidden: number;
  /** expanded: more than DIAGRAM_ALIASES aliases, all drawn (the person unfolded them, or find did). */
  expanded: boolean;
  /** row is the block's first row; rows is how many it spans (one per alias drawn, one for "+N more"). */
  row: number;
  rows: number;
}

/** DiagramPointer is one alias tag drawn to the right of its image, with an arrow into it. */
export interface DiagramPointer {
  tag: string;
  digest: string;
  owner: string;
  row: number;
}

/** AliasDiagram is the layout: image blocks top to bottom, one arrow per alias drawn. */
export interface AliasDiagram {
  images: DiagramImage[];
  pointers: DiagramPointer[];
  /** rows is the height of the whole diagram in rows. */
  rows: number;
  /** withoutAliases counts the images left out because no alias points at them (the table lists them). */
  withoutAliases: number;
}

/** DiagramOptions: which images are unfolded, and a find whose hidden matches unfold their image. */
export interface DiagramOptions {
  expanded?: ReadonlySet<string>;
  find?: ((tag: string) => boolean) | null;
}

/** byVersionFirst orders images newest version first, then images no version names, by name. */
function byVersionFirst(a: ImageGroup, b: ImageGroup): number {
  const va = a.versions.length > 0;
  const vb = b.versions.length > 0;
  if (va !== vb) return va ? -1 : 1;
  return va ? compareVersions(b.owner, a.owner) : compareVersions(a.owner, b.owner);
}

/**
 * layoutAliasDiagram lays the repository out as the classic text view reads (`2.1 = 2.3 ← qatesting,
 * perftesting`): one block per image that has aliases, newest version first, the image on the left and
 * its aliases stacked beside it, so each arrow stays within its own block and no two cross. Images no
 * alias points at are only counted: at 1,000 tags they would bury the answer. An image with more than
 * DIAGRAM_ALIASES aliases shows DIAGRAM_ALIASES - 1 and "+N more" unless unfolded. Artifacts get nothing.
 */
export function layoutAliasDiagram(
  groups: readonly ImageGroup[],
  options: DiagramOptions = {},
): AliasDiagram {
  const { expanded, find } = options;
  const images: DiagramImage[] = [];
  const pointers: DiagramPointer[] = [];
  let row = 0;
  let withoutAliases = 0;
  for (const group of groups.filter((g) => !g.artifact).sort(byVersionFirst)) {
    const aliases = group.aliases;
    if (aliases.length === 0) {
      withoutAliases++;
      continue;
    }
    const long = aliases.length > DIAGRAM_ALIASES;
    const open =
      long &&
      (expanded?.has(group.digest) === true ||
        (find != null && aliases.slice(DIAGRAM_ALIASES - 1).some((t) => find(t))));
    const shown = long && !open ? aliases.slice(0, DIAGRAM_ALIASES - 1) : aliases;
    const hidden = aliases.length - shown.length;
    // An unfolded image keeps a last row to fold it again.
    const rows = shown.length + (long ? 1 : 0);
    images.push({
      digest: group.digest,
      owner: group.owner,
      name: group.name,
      versioned: group.versions.length > 0,
      tags: group.tags,
      names: group.versions.length > 0 ? group.versions : [group.owner],
      aliases,
      shown,
      hidden,
      expanded: open,
      row,
      rows,
    });
    for (const [i, tag] of shown.entries()) {
      pointers.push({ tag, digest: group.digest, owner: group.owner, row: row + i });
    }
    row += rows;
  }
  return { images, pointers, rows: row, withoutAliases };
}

/** DiagramEdge is an arrow in row units: from the alias (right column) into its image (left column). */
export interface DiagramEdge {
  tag: string;
  /** fromY is the alias's row centre; toY where the arrow meets the image box (within its rows). */
  fromY: number;
  toY: number;
}

/** diagramEdges places each arrow: straight across where the image box spans the alias's row. */
export function diagramEdges(layout: AliasDiagram): DiagramEdge[] {
  const byDigest = new Map(layout.images.map((i) => [i.digest, i]));
  return layout.pointers.map((p) => {
    const image = byDigest.get(p.digest)!;
    const fromY = p.row + 0.5;
    const toY = Math.min(Math.max(fromY, image.row + 0.5), image.row + image.rows - 0.5);
    return { tag: p.tag, fromY, toY };
  });
}

/** countCrossings counts pairs of arrows that cross between the two columns (each runs right to left). */
export function countCrossings(edges: readonly DiagramEdge[]): number {
  let n = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i]!;
      const b = edges[j]!;
      if ((a.fromY - b.fromY) * (a.toY - b.toY) < 0) n++;
    }
  }
  return n;
}

/** DiagramMatch is one tag the diagram's find box found: in which image, and on which row it is drawn. */
export interface DiagramMatch {
  tag: string;
  image: number;
  row: number;
}

/** findInDiagram lists what the find box matches, top to bottom: an image's versions on its first row, aliases on theirs. */
export function findInDiagram(layout: AliasDiagram, find: (tag: string) => boolean): DiagramMatch[] {
  const out: DiagramMatch[] = [];
  for (const [index, image] of layout.images.entries()) {
    for (const tag of image.names) if (find(tag)) out.push({ tag, image: index, row: image.row });
    for (const [i, tag] of image.shown.entries())
      if (find(tag)) out.push({ tag, image: index, row: image.row + i });
  }
  return out;
}
