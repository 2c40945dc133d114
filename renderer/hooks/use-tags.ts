// useTags streams a repository's tags (tags.list): all names first, then each digest as it resolves.
// Digest events come by the thousand, so they are gathered and drawn every FLUSH_MS rather than every
// frame: each draw redoes the grouping and sorting of the whole list, CPU the registry and the engine
// need on a small machine. The last digest is drawn at once.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TagUpdate } from '../../shared/api';
import type { TagInfo } from '../../shared/model';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';
import { mark, PERF_MARKS } from '../lib/perf-marks';

/** TagsState is the streamed listing so far. */
export interface TagsState {
  phase: 'loading' | 'resolving' | 'done' | 'error';
  /** names is null until the registry has sent the tag names. */
  names: readonly string[] | null;
  infos: ReadonlyMap<string, TagInfo>;
  error: ShownError | null;
}

/** FLUSH_MS is how often resolved digests are drawn: the count moves four times a second, and at 100,000
 * tags (where one draw costs a few hundred ms) the page stays responsive. */
const FLUSH_MS = 250;

const initial: TagsState = { phase: 'loading', names: null, infos: new Map(), error: null };

/** applyTagUpdate is the listing with one tag read again: added, moved, or gone. */
export function applyTagUpdate(s: TagsState, u: TagUpdate): TagsState {
  // Before the names arrive the listing is being read anyway, and will have this tag as it is now.
  if (s.names === null) return s;
  const listed = s.names.includes(u.tag);
  if (u.gone && !listed) return s;
  const names = u.gone ? s.names.filter((n) => n !== u.tag) : listed ? s.names : [...s.names, u.tag];
  const infos = new Map(s.infos);
  if (u.gone) infos.delete(u.tag);
  else {
    const { gone: _, ...info } = u;
    infos.set(u.tag, info);
  }
  return { ...s, names, infos };
}

/** TagsControl is the listing and what changes it: retry (a full re-read, also Refresh) and one tag's update. */
export interface TagsControl extends TagsState {
  retry(): void;
  /** update applies one tag read again on its own (a registry event named it); the other rows stay. */
  update(u: TagUpdate): void;
}

/** useTags streams the tags of one repository and cancels the stream when the view closes. */
export function useTags(registryId: string, repository: string): TagsControl {
  const [state, setState] = useState<TagsState>(initial);
  const [attempt, setAttempt] = useState(0);
  const pending = useRef<TagInfo[]>([]);

  useEffect(() => {
    void attempt;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let expected = -1;
    let received = 0;
    pending.current = [];
    setState(initial);
    const flush = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const batch = pending.current;
      if (!live || batch.length === 0) return;
      pending.current = [];
      setState((s) => {
        const infos = new Map(s.infos);
        for (const info of batch) infos.set(info.tag, info);
        return { ...s, infos };
      });
    };
    const handle = api.stream('tags.list', { registryId, repository }, (event) => {
      if (!live) return;
      if (event.type === 'tags') {
        mark(PERF_MARKS.tagsNames);
        expected = event.tags.length;
        setState((s) => ({ ...s, phase: 'resolving', names: event.tags }));
        return;
      }
      const { type: _, ...info } = event;
      pending.current.push(info);
      // The last digest is drawn at once: waiting for the timer would only delay "all read".
      if (++received === expected) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    });
    handle.done.then(
      () => {
        flush();
        if (live) setState((s) => ({ ...s, phase: 'done', names: s.names ?? [] }));
      },
      (err: unknown) => {
        flush();
        if (live) setState((s) => ({ ...s, phase: 'error', error: toShownError(err) }));
      },
    );
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
      handle.cancel();
    };
  }, [registryId, repository, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((u: TagUpdate) => setState((s) => applyTagUpdate(s, u)), []);
  return { ...state, retry, update };
}
