// TagStore holds a repository's tag listing as the Tags screen has it, outside React state: the names, the
// registry's answers so far, the last look standing in for tags not answered yet, and an index by digest.
// Each batch of digests updates it in place and bumps a version the screen subscribes to, so a draw of
// 2,000 new digests costs 2,000 small updates, not a pass (and a copy) over 100,000 tags. Images are
// named by the one naming rule (shared/grouping.ts) only when a drawn row or a whole-list view asks.

import { type TagRole, tagRole } from '../../shared/alias-diagram';
import type { TagUpdate } from '../../shared/api';
import { type ArtifactTagKind, artifactTag, isArtifactTag } from '../../shared/artifacts';
import { type ImageGroup, nameImage } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import { compareVersions } from '../../shared/version';
import type { ShownError } from './errors';
import { orderKinds } from './tag-table';

/** ListingPhase is where the listing is: asking for names, reading digests, complete, or stopped by an error. */
export type ListingPhase = 'loading' | 'resolving' | 'done' | 'error';

/** SeenTag is one tag of the last look: what stands in until the registry answers for the tag again. */
export interface SeenTag {
  tag: string;
  digest: string;
  mediaType: string | null;
}

/** answeredLook is the tags the registry answered with a digest, as a look holds them (and the engine saves them). */
export function answeredLook(live: ReadonlyMap<string, TagInfo>): SeenTag[] {
  const tags: SeenTag[] = [];
  for (const i of live.values())
    if (i.digest) tags.push({ tag: i.tag, digest: i.digest, mediaType: i.mediaType });
  return tags;
}

/** FirstScreen is the rows a long list opens on (by version, newest first) and how many tags the list has. */
export interface FirstScreen {
  tags: readonly string[];
  total: number;
}

/** KnownCurrent: `known` tags are sent from the last look (no event named them since), `reread` are read again. */
export interface KnownCurrent {
  known: number;
  reread: number;
}

/** Image is one digest's tags, and its naming, stale (`dirty`) once its tags change. */
interface Image {
  digest: string;
  tags: Set<string>;
  named: ImageGroup | null;
  dirty: boolean;
  /** namedAt is when it was last named (performance.now()). */
  namedAt: number;
  /** artifacts counts its artifact tags: a digest only they name is not an image. */
  artifacts: number;
}

const NOTHING_ATTACHED: readonly ArtifactTagKind[] = [];

/**
 * STALE_NAMING_MS: while digests arrive, an image whose tags changed keeps its naming this long before it
 * is named again. At 100,000 tags over 300 images every batch touches every image, and naming one of
 * ~330 tags takes about a millisecond: renamed on every draw, the rows on screen alone cost 30 ms a draw.
 * Its name can only lag by tags that arrived meanwhile; once the listing ends, every name is exact.
 */
export const STALE_NAMING_MS = 1000;

/** TagStore is one repository's listing, updated in place; read it again when its version changes. */
export class TagStore {
  /** staleNamingMs is STALE_NAMING_MS; 0 names every image afresh after each change (tests). */
  constructor(private readonly staleNamingMs = STALE_NAMING_MS) {}

  private version = 0;
  private readonly listeners = new Set<() => void>();
  phase: ListingPhase = 'loading';
  error: ShownError | null = null;
  /** names are the registry's tag names in list order, or null until they arrive. */
  names: readonly string[] | null = null;
  /** first is a long list's first screen, sent ahead of its names (TagsListEvent `first`); null without one. */
  first: FirstScreen | null = null;
  /** listedSet is `names` as a set, built on first use: the first draw of 100,000 names does not wait for it. */
  private listedSet: Set<string> | null = null;
  /** live holds what the registry answered this time, by tag. */
  readonly live = new Map<string, TagInfo>();
  private standIn = new Map<string, SeenTag>();
  /** current is what each tag is drawn with: its live answer, else the last look's digest. */
  private readonly current = new Map<string, TagInfo>();
  private readonly images = new Map<string, Image>();
  /** bySubject maps an image digest to the artifact tags (signatures, SBOMs) attached to it. */
  private readonly bySubject = new Map<string, Set<string>>();
  private sortedGroups: { version: number; groups: ImageGroup[] } | null = null;
  /** problems counts the tags whose digest could not be read. */
  problems = 0;
  /** imageCount counts the digests that are images (not only named by artifact tags). */
  imageCount = 0;
  /** artifactTags counts the tags with a digest that hold artifacts (`sha256-<hex>.sig`). */
  artifactTags = 0;
  /** known: the registry's notifications since the last look told which tags to read again (the rest were not). */
  known: KnownCurrent | null = null;

  /** subscribe calls `listener` after every change; for useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** getVersion is the store's snapshot for React: it grows with every change. */
  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** reset starts a new listing: no names, no answers; the last look stands in meanwhile. */
  reset(): void {
    this.phase = 'loading';
    this.error = null;
    this.names = null;
    this.first = null;
    this.listedSet = null;
    this.live.clear();
    this.problems = 0;
    this.known = null;
    this.rebuild();
    this.changed();
  }

  /** setFirst takes the first screen sent ahead of the names: its rows are drawn until the names come. */
  setFirst(first: FirstScreen): void {
    this.first = first;
    this.changed();
  }

  /** setNames takes the registry's tag names; the last look stands in for listed tags only. */
  setNames(names: readonly string[]): void {
    this.names = names;
    this.listedSet = null;
    this.phase = 'resolving';
    this.rebuild();
    this.changed();
  }

  /** setKnown says how many tags the engine sends from the last look, known current, and how many it reads. */
  setKnown(known: KnownCurrent): void {
    this.known = known;
    this.changed();
  }

  /** addInfos takes a batch of answers. */
  addInfos(batch: readonly TagInfo[]): void {
    for (const info of batch) this.setLive(info.tag, info);
    this.changed();
  }

  /** finish ends the listing: complete, or stopped by an error. Stand-ins go: only answers remain. */
  finish(phase: 'done' | 'error', error: ShownError | null = null): void {
    this.phase = phase;
    this.error = error;
    if (phase === 'done' && this.names === null) this.setNamesQuietly([]);
    for (const tag of [...this.current.keys()]) if (!this.live.has(tag)) this.setCurrent(tag, undefined);
    this.changed();
  }

  /** setStandIn sets the look that stands in for tags the registry has not answered for yet. */
  setStandIn(tags: readonly SeenTag[]): void {
    this.standIn = new Map(tags.map((t) => [t.tag, t]));
    this.rebuild();
    this.changed();
  }

  /** applyUpdate takes one tag read again on its own (a registry event named it): added, moved, or gone. */
  applyUpdate(u: TagUpdate): void {
    // Before the names arrive the listing is being read anyway, and will have this tag as it is now.
    const names = this.names;
    if (names === null) return;
    const listed = this.listed(u.tag);
    if (u.gone && !listed) return;
    if (u.gone) {
      this.setNamesQuietly(names.filter((n) => n !== u.tag));
      this.setLive(u.tag, undefined);
    } else {
      if (!listed) this.setNamesQuietly([...names, u.tag]);
      const { gone: _, ...info } = u;
      this.setLive(u.tag, info);
    }
    this.changed();
  }

  private setNamesQuietly(names: readonly string[]): void {
    this.names = names;
    this.listedSet = null;
  }

  /** listed says whether the registry's names hold `tag`; true while the names have not arrived. */
  private listed(tag: string): boolean {
    if (this.names === null) return true;
    this.listedSet ??= new Set(this.names);
    return this.listedSet.has(tag);
  }

  /** standsIn says whether the last look still stands in: only while the listing is being read. */
  private standsIn(): boolean {
    return this.standIn.size > 0 && this.phase !== 'done' && this.phase !== 'error';
  }

  private rebuild(): void {
    this.current.clear();
    this.images.clear();
    this.bySubject.clear();
    this.imageCount = 0;
    this.artifactTags = 0;
    if (this.standsIn()) {
      for (const [tag, t] of this.standIn) {
        if (!this.listed(tag)) continue;
        this.setCurrent(tag, { tag, digest: t.digest, mediaType: t.mediaType });
      }
    }
    for (const [tag, info] of this.live) this.setCurrent(tag, info);
  }

  private setLive(tag: string, info: TagInfo | undefined): void {
    const before = this.live.get(tag);
    if (before?.error) this.problems--;
    if (info === undefined) {
      this.live.delete(tag);
      this.setCurrent(tag, undefined);
      return;
    }
    if (info.error) this.problems++;
    // One string per digest, not one per tag as the stream's JSON gave them: 100,000 copies add up.
    const image = info.digest === null ? undefined : this.images.get(info.digest);
    if (image) info.digest = image.digest;
    this.live.set(tag, info);
    this.setCurrent(tag, info);
  }

  private setCurrent(tag: string, info: TagInfo | undefined): void {
    const was = this.current.get(tag)?.digest ?? null;
    if (info === undefined) this.current.delete(tag);
    else this.current.set(tag, info);
    const now = info?.digest ?? null;
    if (was === now) return;
    if (was !== null) this.leave(was, tag);
    if (now !== null) this.join(now, tag);
  }

  private join(digest: string, tag: string): void {
    let image = this.images.get(digest);
    if (!image) {
      image = { digest, tags: new Set(), named: null, dirty: true, namedAt: 0, artifacts: 0 };
      this.images.set(digest, image);
    }
    const wasImage = image.tags.size > image.artifacts;
    image.tags.add(tag);
    image.dirty = true;
    const artifact = isArtifactTag(tag) ? artifactTag(tag) : null;
    if (artifact) {
      image.artifacts++;
      this.artifactTags++;
      const attached = this.bySubject.get(artifact.subject);
      if (attached) attached.add(tag);
      else this.bySubject.set(artifact.subject, new Set([tag]));
    }
    if (!wasImage && image.tags.size > image.artifacts) this.imageCount++;
  }

  private leave(digest: string, tag: string): void {
    const image = this.images.get(digest);
    if (!image) return;
    const wasImage = image.tags.size > image.artifacts;
    if (!image.tags.delete(tag)) return;
    image.dirty = true;
    const artifact = isArtifactTag(tag) ? artifactTag(tag) : null;
    if (artifact) {
      image.artifacts--;
      this.artifactTags--;
      const attached = this.bySubject.get(artifact.subject);
      attached?.delete(tag);
      if (attached?.size === 0) this.bySubject.delete(artifact.subject);
    }
    if (wasImage && image.tags.size <= image.artifacts) this.imageCount--;
    if (image.tags.size === 0) this.images.delete(digest);
  }

  /** info is what a tag is drawn with: its live answer, else the last look's digest; undefined when neither. */
  info(tag: string): TagInfo | undefined {
    return this.current.get(tag);
  }

  /** cached says a tag is drawn with the last look's digest: the registry has not answered for it yet. */
  cached(tag: string): boolean {
    return this.current.has(tag) && !this.live.has(tag);
  }

  /** infos lists what every tag is drawn with (live, else last seen). */
  infos(): IterableIterator<TagInfo> {
    return this.current.values();
  }

  /**
   * group is the image at a digest, named by the naming rule: again after its tags changed, at most every
   * STALE_NAMING_MS while the digests are being read.
   */
  group(digest: string): ImageGroup | undefined {
    const image = this.images.get(digest);
    if (!image) return undefined;
    if (image.named === null || (image.dirty && !this.fresh(image))) {
      image.named = { digest, ...nameImage([...image.tags]) };
      image.dirty = false;
      image.namedAt = performance.now();
    }
    return image.named;
  }

  /**
   * nameSome names images not named since their tags last changed, until `budgetMs` has passed; true once
   * every image is named. Run after the listing, a slice at a time, it moves the naming (a sort of each
   * image's tags: hundreds for an image tagged per build) out of the first keystrokes that show its rows.
   */
  nameSome(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    for (const [digest, image] of this.images) {
      if (image.named !== null && !image.dirty) continue;
      if (performance.now() > until) return false;
      this.group(digest);
    }
    return true;
  }

  /** fresh says a changed image's naming may still stand: named a moment ago, while digests arrive. */
  private fresh(image: Image): boolean {
    return this.phase === 'resolving' && performance.now() - image.namedAt < this.staleNamingMs;
  }

  /** role is a tag's role in its image, or undefined while its digest is unknown. */
  role(tag: string): TagRole | undefined {
    const digest = this.current.get(tag)?.digest;
    const group = digest ? this.group(digest) : undefined;
    return group ? tagRole(tag, group, (d) => this.group(d)) : undefined;
  }

  /** attached lists the kinds of artifact tags (signature, SBOM…) attached to the image at `digest`. */
  attached(digest: string): readonly ArtifactTagKind[] {
    const tags = this.bySubject.get(digest);
    if (!tags) return NOTHING_ATTACHED;
    const kinds = new Set<ArtifactTagKind>();
    for (const t of tags) {
      const kind = artifactTag(t)?.kind;
      if (kind) kinds.add(kind);
    }
    return orderKinds([...kinds]);
  }

  /** groups lists every image, sorted by owner version as groupByDigest does; named once per version. */
  groups(): ImageGroup[] {
    if (this.sortedGroups?.version !== this.version) {
      const groups: ImageGroup[] = [];
      for (const digest of this.images.keys()) groups.push(this.group(digest)!);
      groups.sort((a, b) => compareVersions(a.owner, b.owner));
      this.sortedGroups = { version: this.version, groups };
    }
    return this.sortedGroups.groups;
  }
}
