// Sentences of the Activity screen that several parts must word alike: a tag move as the feed tells it
// ("production moved 2.0 → 2.2"), the count line over the timeline ("12 events, 10 of them Berth's own
// reads, hidden"), and where the listener puts what it receives. Pure: the renderer and tests share them.

import { digestName } from './activity';
import type { TagMove } from './events';

/** MoveWords is a tag move in words: the tag, what happened, and the image names on either side. */
export interface MoveWords {
  tag: string;
  /** what is `moved`, `added` or `deleted`. */
  what: 'moved' | 'added' | 'deleted';
  /** from and to name the images by the naming rule (versions, else a short digest); null when there is none. */
  from: string | null;
  to: string | null;
}

/** moveWords names both sides of a move by the naming rule: the versions sharing the digest, never hex when a name is known. */
export function moveWords(
  m: Pick<TagMove, 'tag' | 'fromDigest' | 'toDigest' | 'fromTags' | 'toTags'>,
): MoveWords {
  const from = m.fromDigest === null ? null : digestName(m.fromDigest, m.fromTags);
  const to = m.toDigest === null ? null : digestName(m.toDigest, m.toTags);
  const what = from === null ? 'added' : to === null ? 'deleted' : 'moved';
  return { tag: m.tag, what, from, to };
}

/** moveSentence is moveWords as one line: `production moved 2.0 → 2.2`, `2.2 added`, `beta deleted (was 2.0)`. */
export function moveSentence(m: Parameters<typeof moveWords>[0]): string {
  const w = moveWords(m);
  if (w.what === 'moved') return `${w.tag} moved ${w.from} → ${w.to}`;
  if (w.what === 'deleted') return `${w.tag} deleted (was ${w.from})`;
  // A new tag whose image has no other name: the tag names it; else say which image it joined.
  return w.to === null || m.toTags.length === 0 ? `${w.tag} added` : `${w.tag} added → ${w.to}`;
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** EventCounts are what the timeline's filter selects: every event, and Berth's own reads among them. */
export interface EventCounts {
  total: number;
  berth: number;
}

/**
 * countLine says how many events the filter selects and what became of Berth's own reads, so the number
 * and the rows shown agree: `12 events, 10 of them Berth's own reads, hidden`.
 */
export function countLine(c: EventCounts, berthShown: boolean): string {
  const events = count(c.total, 'event', 'events');
  if (c.berth === 0) return events;
  const hidden = berthShown ? '' : ', hidden';
  if (c.total === 1) return `${events}, Berth's own read${hidden}`;
  const of = c.berth === c.total ? 'all' : c.berth.toLocaleString('en-US');
  return `${events}, ${of} of them Berth's own reads${hidden}`;
}

/** ListenerLineInput is what the header needs to say where the listener puts events and what the screen shows. */
export interface ListenerLineInput {
  running: boolean;
  url: string | null;
  /** store is where the listener writes (or would write): this computer's file or the team database. */
  store: 'local' | 'team';
  /** source is what the screen reads. */
  source: 'local' | 'team';
}

/** listenerLine is the Activity header's line: where the listener listens, where it stores, and when the screen reads elsewhere. */
export function listenerLine(s: ListenerLineInput): string {
  const stores = s.store === 'team' ? 'in the team database' : 'on this computer';
  const head = s.running ? `Listening at ${s.url}, storing ${stores}` : 'The listener is off';
  const shows = s.source === 'team' ? 'showing the team database' : "showing this computer's events";
  // Say what the screen shows only when it is not where the listener stores (or, off, when it is the team's).
  const differs = s.running ? s.source !== s.store : s.source === 'team';
  return differs ? `${head} · ${shows}` : head;
}
