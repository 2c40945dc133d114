// The one line that says what changed in a repository since the person last marked it seen:
// "Since Tuesday 10:04: production moved 2.0 → 2.2, 2 new tags, 1 gone". Digests are named by the naming
// rule (shared/grouping.ts), never hex when a tag names them. Pure, for the tags screen and its tests.

import { dayAndTime, digestName } from './activity';
import { imageName } from './grouping';
import { diffSnapshots } from './snapshot';
import { compareVersions, isVersionTag } from './version';

/** SUMMARY_MOVES is how many moves the line spells out; the rest are counted. */
export const SUMMARY_MOVES = 3;

/** SummaryMove is one tag that points at another image than when the look was marked. */
export interface SummaryMove {
  tag: string;
  /** from and to name the images by their other tags (`2.0`), else their short digests. */
  from: string;
  to: string;
  /** text is the move in words: `production moved 2.0 → 2.2`, or `2.1 points to a new image`. */
  text: string;
}

/** SinceSummary is what changed since the marked look, in words and as lists. */
export interface SinceSummary {
  /** since is when the look was marked, as people read it: `today 10:04`, `Tuesday 10:04`. */
  since: string;
  moves: SummaryMove[];
  added: string[];
  gone: string[];
  /** text is the whole line. */
  text: string;
}

/** tagsByDigest maps each digest to the tags pointing at it. */
function tagsByDigest(entries: Iterable<readonly [string, string | null]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [tag, digest] of entries) {
    if (digest === null) continue;
    const list = map.get(digest);
    if (list) list.push(tag);
    else map.set(digest, [tag]);
  }
  return map;
}

/** moveOrder puts aliases (production, latest: what people follow) first, then versions, newest first. */
function moveOrder(a: string, b: string): number {
  const av = isVersionTag(a);
  const bv = isVersionTag(b);
  if (av !== bv) return av ? 1 : -1;
  return av ? compareVersions(b, a) : a.localeCompare(b);
}

/**
 * sinceSummary compares the marked look with the tags now (tag → digest, null while unread) and words the
 * difference; null when nothing changed or the repository was never seen. `complete` says the current
 * list is final: only then are tags called gone.
 */
export function sinceSummary(
  marked: { markedAt: string | null; tags: readonly { tag: string; digest: string }[] },
  current: ReadonlyMap<string, string | null>,
  complete: boolean,
  now: number,
): SinceSummary | null {
  if (marked.markedAt === null) return null;
  const before = new Map(marked.tags.map((t) => [t.tag, t.digest]));
  const changes = diffSnapshots(before, current, complete);
  if (changes.size === 0) return null;
  const namesBefore = tagsByDigest(before);
  const namesNow = tagsByDigest(current);
  // An image is named by its other tags: then and now for the old image, now for the new one.
  const others = (digest: string, tag: string, ...sources: Map<string, string[]>[]) => [
    ...new Set(sources.flatMap((s) => s.get(digest) ?? []).filter((t) => t !== tag)),
  ];

  const moves: SummaryMove[] = [];
  const added: string[] = [];
  const gone: string[] = [];
  for (const [tag, change] of changes) {
    if (change.kind === 'new') added.push(tag);
    else if (change.kind === 'gone') gone.push(tag);
    else {
      const fromTags = others(change.previousDigest, tag, namesBefore, namesNow);
      const toDigest = current.get(tag) ?? '';
      const toTags = others(toDigest, tag, namesNow);
      const from = digestName(change.previousDigest, fromTags);
      const to = digestName(toDigest, toTags);
      const named = imageName(fromTags) !== null || imageName(toTags) !== null;
      const text = named ? `${tag} moved ${from} → ${to}` : `${tag} points to a new image`;
      moves.push({ tag, from, to, text });
    }
  }
  moves.sort((a, b) => moveOrder(a.tag, b.tag));
  added.sort(moveOrder);
  gone.sort(moveOrder);

  const parts = moves.slice(0, SUMMARY_MOVES).map((m) => m.text);
  if (moves.length > SUMMARY_MOVES) parts.push(`${moves.length - SUMMARY_MOVES} more moved`);
  if (added.length > 0) parts.push(`${added.length} new ${added.length === 1 ? 'tag' : 'tags'}`);
  if (gone.length > 0) parts.push(`${gone.length} gone`);
  const since = dayAndTime(Date.parse(marked.markedAt), now);
  return { since, moves, added, gone, text: `Since ${since}: ${parts.join(', ')}` };
}
