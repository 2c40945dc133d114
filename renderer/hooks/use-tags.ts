// useTags streams a repository's tags (tags.list): all names first, then each digest as it resolves.
// Digest events can come by the hundred, so they are gathered and drawn once per frame.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TagInfo } from '../../shared/model';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** TagsState is the streamed listing so far. */
export interface TagsState {
  phase: 'loading' | 'resolving' | 'done' | 'error';
  /** names is null until the registry has sent the tag names. */
  names: readonly string[] | null;
  infos: ReadonlyMap<string, TagInfo>;
  error: ShownError | null;
}

const initial: TagsState = { phase: 'loading', names: null, infos: new Map(), error: null };

/** useTags streams the tags of one repository and cancels the stream when the view closes. */
export function useTags(registryId: string, repository: string): TagsState & { retry(): void } {
  const [state, setState] = useState<TagsState>(initial);
  const [attempt, setAttempt] = useState(0);
  const pending = useRef<TagInfo[]>([]);

  useEffect(() => {
    void attempt;
    let live = true;
    let frame = 0;
    pending.current = [];
    setState(initial);
    const flush = () => {
      frame = 0;
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
        setState((s) => ({ ...s, phase: 'resolving', names: event.tags }));
        return;
      }
      const { type: _, ...info } = event;
      pending.current.push(info);
      frame ||= requestAnimationFrame(flush);
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
      if (frame) cancelAnimationFrame(frame);
      handle.cancel();
    };
  }, [registryId, repository, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
