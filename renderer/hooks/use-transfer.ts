// useTransfer drives "Copy to…": it previews the copy whenever its target settles (what would be sent,
// what the target has), then runs it as a stream of progress events, cancellable until it ends.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallArgs } from '../../shared/api';
import type { StreamHandle } from '../../shared/api-client';
import type { TransferOutcome, TransferPreview, TransferProgress } from '../../shared/transfer-api';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';
import { useDebounced } from './use-debounced';

/** TransferRequestArgs is a copy as the contract takes it. */
export type TransferRequestArgs = CallArgs<'transfer.preview'>;

/** PreviewState is the preview of the copy as the dialog stands. */
export type PreviewState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'ready'; preview: TransferPreview }
  | { phase: 'error'; error: ShownError };

/** RunState is the copy itself: not started, running with its progress, finished, failed or cancelled. */
export type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: TransferProgress | null }
  | { phase: 'done'; outcome: TransferOutcome }
  | { phase: 'error'; error: ShownError }
  | { phase: 'cancelled' };

/** Transfer is the hook's value. */
export interface Transfer {
  preview: PreviewState;
  run: RunState;
  /** settled says the preview shown is of the arguments as they are now, not of a moment ago. */
  settled: boolean;
  start(): void;
  cancel(): void;
}

/** useTransfer previews `args` (null: not ready to ask) after it rests for 300 ms, and runs it on start(). */
export function useTransfer(args: TransferRequestArgs | null): Transfer {
  const key = useDebounced(args ? JSON.stringify(args) : null, 300);
  const [preview, setPreview] = useState<PreviewState>({ phase: 'idle' });
  const [run, setRun] = useState<RunState>({ phase: 'idle' });
  const handle = useRef<StreamHandle | null>(null);

  useEffect(() => {
    if (key === null) {
      setPreview({ phase: 'idle' });
      return;
    }
    let live = true;
    setPreview({ phase: 'loading' });
    api.call('transfer.preview', JSON.parse(key) as TransferRequestArgs).then(
      (value) => live && setPreview({ phase: 'ready', preview: value }),
      (err: unknown) => live && setPreview({ phase: 'error', error: toShownError(err) }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  // Closing the dialog cancels a copy still running: nobody would see how it ends.
  useEffect(() => () => handle.current?.cancel(), []);

  const start = useCallback(() => {
    if (key === null || handle.current) return;
    setRun({ phase: 'running', progress: null });
    const h = api.stream('transfer.run', JSON.parse(key) as TransferRequestArgs, (event) => {
      if (event.type === 'progress') setRun({ phase: 'running', progress: event.progress });
      else setRun({ phase: 'done', outcome: event.outcome });
    });
    handle.current = h;
    h.done.then(
      () => {
        handle.current = null;
      },
      (err: unknown) => {
        handle.current = null;
        setRun({ phase: 'error', error: toShownError(err) });
      },
    );
  }, [key]);

  const cancel = useCallback(() => {
    const h = handle.current;
    if (!h) return;
    handle.current = null;
    h.cancel();
    setRun({ phase: 'cancelled' });
  }, []);

  const settled = key === (args ? JSON.stringify(args) : null);
  return { preview, run, settled, start, cancel };
}
