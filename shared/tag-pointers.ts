// Where a tag pointed, told in version names: the digests Berth saw it on at each look (the tag cache) and
// the moves the listener heard (registry events, with who and when), merged newest first. Pure, for the
// details panel's "Where this tag pointed" and its tests.

import { digestName } from './activity';
import type { TagDigestHistory } from './api';
import type { TagMove } from './events';

/** TagPointer is one line of a tag's history: a digest seen at looks, or a move an event reported. */
export type TagPointer =
  | { kind: 'look'; digest: string; name: string; firstSeen: string; lastSeen: string; current: boolean }
  | {
      kind: 'move';
      eventId: string;
      /** text is the move in words: `moved 2.0 → 2.2`, `created on 2.2`, `deleted (was 2.2)`. */
      text: string;
      time: number;
      actor: string | null;
    };

/**
 * tagPointers merges a tag's looks and moves, newest first. Each digest is named by the other tags on it:
 * those on screen now (`tagDigests`: tag → digest), and those the events saw beside it at the time.
 */
export function tagPointers(
  tag: string,
  looks: readonly TagDigestHistory[],
  moves: readonly TagMove[],
  tagDigests: ReadonlyMap<string, string>,
): TagPointer[] {
  const names = new Map<string, Set<string>>();
  const add = (digest: string | null, tags: Iterable<string>) => {
    if (digest === null) return;
    const set = names.get(digest) ?? new Set<string>();
    names.set(digest, set);
    for (const t of tags) if (t !== tag) set.add(t);
  };
  for (const [t, d] of tagDigests) add(d, [t]);
  for (const m of moves) {
    add(m.fromDigest, m.fromTags);
    add(m.toDigest, m.toTags);
  }
  const name = (digest: string) => digestName(digest, [...(names.get(digest) ?? [])]);
  const now = tagDigests.get(tag) ?? null;

  const timed: { time: number; pointer: TagPointer }[] = [];
  for (const l of looks) {
    timed.push({
      time: Date.parse(l.lastSeen),
      pointer: { kind: 'look', name: name(l.digest), ...l, current: l.digest === now },
    });
  }
  for (const m of moves) {
    const text =
      m.fromDigest === null
        ? `created on ${name(m.toDigest ?? '')}`
        : m.toDigest === null
          ? `deleted (was ${name(m.fromDigest)})`
          : `moved ${name(m.fromDigest)} → ${name(m.toDigest)}`;
    timed.push({
      time: m.time,
      pointer: { kind: 'move', eventId: m.eventId, text, time: m.time, actor: m.actor },
    });
  }
  return timed.sort((a, b) => b.time - a.time).map((t) => t.pointer);
}
