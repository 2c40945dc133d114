// The tags table's rows: one per tag (or one per image when grouped), with the alias owner, the
// new/moved mark, and what sorting and the quick chips need. Built once per data change; a keystroke
// in the filter only runs filterTagRows over them.

import type { AttachedTo, TagRole } from '../../shared/alias-diagram';
import type { ArtifactTagKind } from '../../shared/artifacts';
import { platformLabel } from '../../shared/image-compare';
import type { InspectResult, TagInfo } from '../../shared/model';
import { type SameImage, sameImage } from '../../shared/same-image';
import type { TagChange } from '../../shared/snapshot';
import type { TagFilter } from '../../shared/tag-filter';
import { type SortDirection, type SortKey, tagComparator } from '../../shared/tag-sort';
import { isVersionTag, type ParsedVersion, parseVersion } from '../../shared/version';
import type { ShownError } from './errors';

/** DetailEntry is one digest's details (images.inspect): being read, read, or what kept it from being read. */
export type DetailEntry =
  | { state: 'loading' }
  | { state: 'ok'; result: InspectResult }
  | { state: 'error'; error: ShownError };

/** TagTableRow is one row: a tag, or in "group by image" mode an image with all its tags. */
export interface TagTableRow {
  /** key is the tag, or the digest of a grouped image. */
  key: string;
  /** tag is the row's tag, or the owner tag of a grouped image. */
  tag: string;
  /** tags are the names this row stands for: [tag], or every tag of the image. */
  tags: readonly string[];
  info: TagInfo | undefined;
  digest: string | null;
  /** aliasOf is the owner tag when this tag is another name for it. */
  aliasOf: string | null;
  /** same is the row's place in its image: sibling versions and aliases pointing in (`2.1 ← qatesting`). */
  same: SameImage;
  /** owner names the image the row belongs to; null until the digest is known. */
  owner: string | null;
  /** imageTags counts the tags of the row's image. */
  imageTags: number;
  version: boolean;
  /** parsed is parseVersion(tag), computed once so sorting 100,000 rows does not re-parse. */
  parsed: ParsedVersion | null;
  /** search is every tag of the row, lower-cased and one per line: what a substring filter scans. */
  search: string;
  pointer: boolean;
  change: TagChange | undefined;
  /** cached says the digest is the one seen last time, shown while the registry is asked again. */
  cached: boolean;
  /** attachedTo is set on artifact tags (`sha256-<hex>.sig`): whose signature, SBOM… the tag holds. */
  attachedTo: AttachedTo | null;
  /** attached lists what artifact tags of this repository hold for the row's image (signature, sbom…). */
  attached: readonly ArtifactTagKind[];
}

const NOTHING_ATTACHED: readonly ArtifactTagKind[] = [];
const NO_SAME: SameImage = { equals: [], pointedBy: [], pointsTo: null };
/** KIND_ORDER puts what people look for first: signed, then SBOM, then the rest. */
const KIND_ORDER: readonly ArtifactTagKind[] = ['signature', 'sbom', 'attestation', 'referrers'];

/** attachedBySubject maps each image digest to the kinds of artifact tags attached to it. */
function attachedBySubject(roles: ReadonlyMap<string, TagRole>): Map<string, ArtifactTagKind[]> {
  const bySubject = new Map<string, ArtifactTagKind[]>();
  for (const role of roles.values()) {
    const a = role.attachedTo;
    if (!a) continue;
    const kinds = bySubject.get(a.subject);
    if (!kinds) bySubject.set(a.subject, [a.kind]);
    else if (!kinds.includes(a.kind)) kinds.push(a.kind);
  }
  for (const kinds of bySubject.values()) orderKinds(kinds);
  return bySubject;
}

/** orderKinds sorts artifact kinds in place as the marks show them: signed, then SBOM, then the rest. */
export function orderKinds(kinds: ArtifactTagKind[]): ArtifactTagKind[] {
  return kinds.sort((x, y) => KIND_ORDER.indexOf(x) - KIND_ORDER.indexOf(y));
}

/**
 * buildTagRows makes one row per tag, in the order given. `live` holds what the registry said this time;
 * an info in `infos` but not in `live` comes from the last look and its row is marked cached.
 */
export function buildTagRows(
  names: readonly string[],
  infos: ReadonlyMap<string, TagInfo>,
  roles: ReadonlyMap<string, TagRole>,
  changes: ReadonlyMap<string, TagChange>,
  live: ReadonlyMap<string, TagInfo> = infos,
): TagTableRow[] {
  const attached = attachedBySubject(roles);
  return names.map((tag) => {
    const info = infos.get(tag);
    const digest = info?.digest ?? null;
    return tagRow(
      tag,
      info,
      roles.get(tag),
      changes.get(tag),
      info !== undefined && live !== infos && !live.has(tag),
      (digest && attached.get(digest)) || NOTHING_ATTACHED,
    );
  });
}

/**
 * tagRow is one tag's row: its info (`cached` when it is the last look's), its role in its image, how it
 * changed since the marked look, and what artifact tags hold for its image.
 */
export function tagRow(
  tag: string,
  info: TagInfo | undefined,
  role: TagRole | undefined,
  change: TagChange | undefined,
  cached: boolean,
  attached: readonly ArtifactTagKind[] = NOTHING_ATTACHED,
): TagTableRow {
  const parsed = parseVersion(tag);
  return {
    key: tag,
    tag,
    tags: [tag],
    info,
    digest: info?.digest ?? null,
    aliasOf: role?.aliasOf ?? null,
    same: role ? sameImage(tag, role.group) : NO_SAME,
    owner: role?.owner ?? null,
    imageTags: role?.group.tags.length ?? 1,
    version: parsed !== null,
    parsed,
    search: tag.toLowerCase(),
    pointer: role?.pointer ?? false,
    change,
    cached,
    attachedTo: role?.attachedTo ?? null,
    attached,
  };
}

/** groupTagRows folds tag rows into one row per image; rows without a digest stay on their own. */
export function groupTagRows(
  rows: readonly TagTableRow[],
  roles: Pick<ReadonlyMap<string, TagRole>, 'get'>,
): TagTableRow[] {
  const byTag = new Map(rows.map((r) => [r.tag, r]));
  const out: TagTableRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const role = roles.get(row.tag);
    if (!row.digest || !role) {
      out.push(row);
      continue;
    }
    if (seen.has(row.digest)) continue;
    seen.add(row.digest);
    const ownerRow = byTag.get(role.owner) ?? row;
    // The image is marked when any of its tags is new or moved.
    const changed = role.group.tags.map((t) => byTag.get(t)?.change).find((c) => c !== undefined);
    out.push({
      ...ownerRow,
      key: row.digest,
      tags: role.group.tags,
      search: role.group.tags.join('\n').toLowerCase(),
      aliasOf: null,
      same: NO_SAME,
      change: changed,
    });
  }
  return out;
}

/** createdOf reads an image's creation time from its details (an index: its newest platform). */
export function createdOf(entry: DetailEntry | undefined): string | null {
  if (entry?.state !== 'ok') return null;
  const r = entry.result;
  if (r.config?.created) return r.config.created;
  let newest: string | null = null;
  for (const m of r.manifests) {
    const c = m.config?.created ?? null;
    if (c && (newest === null || c > newest)) newest = c;
  }
  return newest;
}

/** sizeOf is an image's total compressed size, when read. */
export function sizeOf(entry: DetailEntry | undefined): number | null {
  return entry?.state === 'ok' ? entry.result.totalSize : null;
}

/** platformsOf lists an image's platforms as `linux/amd64`. */
export function platformsOf(entry: DetailEntry | undefined): string[] {
  return entry?.state === 'ok' ? entry.result.platforms.map(platformLabel) : [];
}

/** sortTagRows orders rows; created and size come from the details read so far. */
export function sortTagRows(
  rows: readonly TagTableRow[],
  key: SortKey,
  direction: SortDirection,
  details: ReadonlyMap<string, DetailEntry>,
): TagTableRow[] {
  const compare = tagComparator(key, direction);
  const needsDetails = key === 'created' || key === 'size';
  const decorated = rows.map((row) => {
    const entry = needsDetails && row.digest ? details.get(row.digest) : undefined;
    return { row, tag: row.tag, version: row.parsed, created: createdOf(entry), size: sizeOf(entry) };
  });
  decorated.sort(compare);
  return decorated.map((d) => d.row);
}

/** QuickChips are the toggles beside the filter box. */
export interface QuickChips {
  versions: boolean;
  pointers: boolean;
  /** platform keeps images built for it (`linux/arm64`), or null for any. */
  platform: string | null;
}

/**
 * filterTagRows keeps rows one of whose tags matches the filter, and that pass every chip switched on.
 * With `wholeImages`, a row also stays when another tag of its image matches: `2.1` keeps `qatesting`.
 */
export function filterTagRows(
  rows: readonly TagTableRow[],
  filter: TagFilter,
  chips: QuickChips,
  details: ReadonlyMap<string, DetailEntry>,
  wholeImages = false,
): TagTableRow[] {
  if (filter.kind === 'all' && !chips.versions && !chips.pointers && chips.platform === null) {
    return rows as TagTableRow[];
  }
  // A substring needs no per-name call: rows carry their lower-cased names (tags contain no newline).
  const needle = filter.kind === 'substring' ? filter.needle : null;
  const textMatches = (row: TagTableRow) =>
    needle !== null
      ? row.search.includes(needle)
      : filter.kind === 'all' ||
        (row.tags.length === 1 ? filter.matches(row.tag) : row.tags.some(filter.matches));
  // The images the text finds, before the chips narrow the rows: a chip must not hide why an alias stays.
  let images: Set<string> | null = null;
  if (wholeImages && filter.kind !== 'all') {
    images = new Set();
    for (const row of rows) if (row.digest && textMatches(row)) images.add(row.digest);
  }
  const out: TagTableRow[] = [];
  for (const row of rows) {
    if (chips.versions && !row.version && !row.tags.some(isVersionTag)) continue;
    // Grouped, an image passes when it has both a version and a pointer name.
    const groupedPointer =
      row.tags.length > 1 && row.tags.some(isVersionTag) && row.tags.some((t) => !isVersionTag(t));
    if (chips.pointers && !row.pointer && !groupedPointer) continue;
    if (
      chips.platform !== null &&
      !(row.digest && platformsOf(details.get(row.digest)).includes(chips.platform))
    )
      continue;
    if (images !== null ? !(row.digest && images.has(row.digest)) && !textMatches(row) : !textMatches(row))
      continue;
    out.push(row);
  }
  return out;
}
