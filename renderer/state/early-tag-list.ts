// A repository's tag listing started on the click that opens it, before the Tags screen has drawn: the
// screen's first draw (a few hundred components, compiled the first time) took 0.1-0.3 s before its
// effect asked for the list, and the tag names of a large repository are what its first rows wait for.
// The screen takes the listing over (useTags) with what arrived meanwhile; one not taken soon is cancelled.

import type { StreamHandle } from '../../shared/api-client';
import type { TagsListEvent } from '../../shared/model';
import { api } from '../api';

/** ADOPT_MS is how long a listing started early waits for its screen before it is cancelled. */
const ADOPT_MS = 5000;

interface Early {
  key: string;
  handle: StreamHandle;
  /** events holds what arrived before the screen took the listing over. */
  events: TagsListEvent[];
  onEvent: ((event: TagsListEvent) => void) | null;
  timer: ReturnType<typeof setTimeout>;
}

let early: Early | null = null;

const keyOf = (registryId: string, repository: string) => `${registryId}\n${repository}`;

/** startTagListEarly starts listing a repository's tags for the screen about to open it. */
export function startTagListEarly(registryId: string, repository: string): void {
  dropEarly();
  const e: Early = {
    key: keyOf(registryId, repository),
    handle: { done: Promise.resolve(), cancel: () => {} },
    events: [],
    onEvent: null,
    timer: setTimeout(() => {
      if (early === e) dropEarly();
    }, ADOPT_MS),
  };
  e.handle = api.stream('tags.list', { registryId, repository, firstScreen: true }, (event) => {
    if (e.onEvent) e.onEvent(event);
    else e.events.push(event);
  });
  // Its end or failure is the screen's to show, once it takes the listing over; until then nobody waits.
  e.handle.done.catch(() => {});
  early = e;
}

/**
 * streamTagList is api.stream('tags.list') for the Tags screen: it takes over the listing started early
 * for this repository (replaying what arrived meanwhile), or starts one.
 */
export function streamTagList(
  registryId: string,
  repository: string,
  onEvent: (event: TagsListEvent) => void,
): StreamHandle {
  const e = early;
  if (e === null || e.key !== keyOf(registryId, repository)) {
    dropEarly();
    return api.stream('tags.list', { registryId, repository, firstScreen: true }, onEvent);
  }
  early = null;
  clearTimeout(e.timer);
  for (const event of e.events) onEvent(event);
  e.events = [];
  e.onEvent = onEvent;
  return e.handle;
}

function dropEarly(): void {
  if (early === null) return;
  clearTimeout(early.timer);
  early.handle.cancel();
  early = null;
}
