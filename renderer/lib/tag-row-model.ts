// TagRowModel is the Tags screen's rows at one version of the listing (renderer/lib/tag-store.ts): a row is
// built when the table draws it, not 100,000 per draw. Views that need every row (grouped by image, sorted
// by details, the pointer and platform chips, whole images) or every image (the diagram, details) build
// them once per version, only while they are on screen. ShownRows is the table's rows after sorting and
// filtering, read by position.

import { classifyTag, type ImageGroup } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import type { TagChange } from '../../shared/snapshot';
import type { TagStore } from './tag-store';
import { groupTagRows, type TagTableRow, tagRow } from './tag-table';

const NEW: TagChange = { kind: 'new' };
/** EXAMPLE_ROLES is how many alias-like tags the legend looks at for an alias to explain the arrow with. */
const EXAMPLE_ROLES = 200;

/** aliasLikeOf remembers, per name list, its tags that may be aliases: a list is read once, not per draw. */
const aliasLikeOf = new WeakMap<readonly string[], readonly string[]>();

/** aliasLike lists the names that are neither versions nor artifact tags, in list order. */
function aliasLike(names: readonly string[]): readonly string[] {
  let found = aliasLikeOf.get(names);
  if (!found) {
    found = names.filter((t) => classifyTag(t) === 'alias');
    aliasLikeOf.set(names, found);
  }
  return found;
}

/** LATER_NAMES: a name list this long is read for aliases in a task of its own, while digests arrive. */
const LATER_NAMES = 10_000;

/**
 * aliasLikeSoon is aliasLike, or null while a long list is read for it in a later task: classifying
 * 100,000 names took tens of milliseconds in the draw that showed the first digest on screen.
 */
function aliasLikeSoon(names: readonly string[]): readonly string[] | null {
  if (names.length < LATER_NAMES || aliasLikeOf.has(names)) return aliasLike(names);
  setTimeout(() => aliasLike(names), 0);
  return null;
}

/** TagRowModel reads rows from the store; make a new one when the store's version moves. */
export class TagRowModel {
  private readonly byTag = new Map<string, TagTableRow>();
  private everyRow: TagTableRow[] | null = null;
  private maps: { tagDigests: Map<string, string>; mediaTypes: Map<string, string | null> } | null = null;
  private ownerOf: ReadonlyMap<string, string> | null = null;

  constructor(
    readonly store: TagStore,
    /** names are the rows' tags in list order (the last look's until the registry sends its own). */
    readonly names: readonly string[],
    /** previous is the marked look (tag → digest) changes are told against, or null for no marks. */
    private readonly previous: ReadonlyMap<string, string> | null,
    readonly grouped: boolean,
    /** cached: the registry has not sent the names yet, and the last look stands in. */
    readonly cached: boolean,
  ) {}

  /** change is how a tag differs from the marked look: new, or moved once the registry has answered. */
  change(tag: string): TagChange | undefined {
    if (this.previous === null) return undefined;
    const before = this.previous.get(tag);
    if (before === undefined) return NEW;
    const digest = this.store.live.get(tag)?.digest ?? null;
    return digest !== null && digest !== before ? { kind: 'moved', previousDigest: before } : undefined;
  }

  /** rowOf is one tag's row, built on first use at this version. */
  rowOf(tag: string): TagTableRow {
    let row = this.byTag.get(tag);
    if (!row) {
      const info = this.store.info(tag);
      const digest = info?.digest ?? null;
      row = tagRow(
        tag,
        info,
        this.store.role(tag),
        this.change(tag),
        this.store.cached(tag),
        digest ? this.store.attached(digest) : undefined,
      );
      this.byTag.set(tag, row);
    }
    return row;
  }

  /** rows is every row (one per image when grouped): only for the views that cannot work by position. */
  rows(): TagTableRow[] {
    if (this.everyRow === null) {
      const tagRows = this.names.map((t) => this.rowOf(t));
      this.everyRow = this.grouped ? groupTagRows(tagRows, { get: (t) => this.store.role(t) }) : tagRows;
    }
    return this.everyRow;
  }

  /** count is how many rows there are before filtering. */
  get count(): number {
    return this.grouped ? this.rows().length : this.names.length;
  }

  /** rowByKey finds a row by its key: a tag, or an image's digest when grouped. */
  rowByKey(key: string): TagTableRow | null {
    if (this.grouped) return this.rows().find((r) => r.key === key) ?? null;
    return this.names.includes(key) ? this.rowOf(key) : null;
  }

  /** groups are every image, named (the diagram, details reads, compare). */
  groups(): readonly ImageGroup[] {
    return this.store.groups();
  }

  /**
   * example is a real alias to explain the legend's arrow with: `latest` when it is one, else the first in
   * the list (grouped rows name no alias). Only alias-like tags are looked at (a version or artifact tag is
   * never an alias), at most EXAMPLE_ROLES of them, so a repository of lone names does not name them all.
   */
  example(): TagTableRow | undefined {
    // No image yet, no alias: the first draw of 100,000 names does not classify them for nothing.
    if (this.grouped || this.store.imageCount === 0) return undefined;
    if (this.store.role('latest')?.aliasOf) return this.rowOf('latest');
    // While digests arrive the next draw has the list's aliases; once they are all in, it is read at once.
    const candidates = this.store.phase === 'resolving' ? aliasLikeSoon(this.names) : aliasLike(this.names);
    let asked = 0;
    for (const tag of candidates ?? []) {
      if (!this.store.info(tag)?.digest) continue;
      if (this.store.role(tag)?.aliasOf) return this.rowOf(tag);
      if (++asked >= EXAMPLE_ROLES) break;
    }
    return undefined;
  }

  private lookups() {
    if (this.maps === null) {
      const tagDigests = new Map<string, string>();
      const mediaTypes = new Map<string, string | null>();
      for (const info of this.store.infos()) {
        if (!info.digest) continue;
        tagDigests.set(info.tag, info.digest);
        mediaTypes.set(info.digest, info.mediaType);
      }
      this.maps = { tagDigests, mediaTypes };
    }
    return this.maps;
  }

  /** tagDigests maps every tag with a known digest to it (compare, and diagram clicks when grouped). */
  tagDigests(): ReadonlyMap<string, string> {
    return this.lookups().tagDigests;
  }

  /** mediaTypes maps each digest to its manifest media type, to know an index before its details. */
  mediaTypes(): ReadonlyMap<string, string | null> {
    return this.lookups().mediaTypes;
  }

  /** owners maps each digest to the tag that names its image. */
  owners(): ReadonlyMap<string, string> {
    this.ownerOf ??= new Map(this.groups().map((g) => [g.digest, g.owner]));
    return this.ownerOf;
  }

  /** infos lists what every tag is drawn with (Refresh keeps them on screen while it reads). */
  infos(): ReadonlyMap<string, TagInfo> {
    return new Map(Array.from(this.store.infos(), (i) => [i.tag, i]));
  }
}

/** ShownRows is the table's rows after sorting and filtering, read by position. */
export interface ShownRows {
  readonly length: number;
  at(i: number): TagTableRow | undefined;
  /** digestAt is the digest of the row at `i`, without building the row. */
  digestAt(i: number): string | null;
  /** indexOfKey is the position of the row with this key, or -1. */
  indexOfKey(key: string): number;
}

/** shownFromArray wraps rows already sorted and filtered. */
export function shownFromArray(rows: readonly TagTableRow[]): ShownRows {
  return {
    length: rows.length,
    at: (i) => rows[i],
    digestAt: (i) => rows[i]?.digest ?? null,
    indexOfKey: (key) => rows.findIndex((r) => r.key === key),
  };
}

/** shownFromPositions is the rows at `kept` positions of the model's names, built as they are drawn. */
export function shownFromPositions(kept: Int32Array, model: TagRowModel): ShownRows {
  const { names, store } = model;
  return {
    length: kept.length,
    at: (i) => (i >= 0 && i < kept.length ? model.rowOf(names[kept[i]!]!) : undefined),
    digestAt: (i) => store.info(names[kept[i]!]!)?.digest ?? null,
    indexOfKey: (key) => {
      const p = names.indexOf(key);
      return p < 0 ? -1 : kept.indexOf(p);
    },
  };
}
