// The IPC end of the contract: one handler for calls and two listeners for streams, over the fixed channels
// of ipc-channels.ts. Every message is checked for its sender first; names and arguments are then checked by
// dispatch against shared/api.ts. Written against small structural types so tests drive it without Electron.

import type { StreamMessage } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { IPC, isStreamId } from '../../shared/ipc-channels';
import { type Api, dispatchCall, dispatchStream } from '../core/api/dispatch';
import type { FrameLike } from './sender-trust';

/** SenderLike is the part of Electron's WebContents the handlers use. */
export interface SenderLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
}

/** IpcEventLike is the part of Electron's IpcMainEvent and IpcMainInvokeEvent the handlers read. */
export interface IpcEventLike {
  readonly sender: SenderLike;
  readonly senderFrame: FrameLike | null;
}

/** IpcMainLike is the part of Electron's ipcMain the handlers register on. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

/** SenderCheck says whether a message comes from the app's own window and page. */
export type SenderCheck = (event: IpcEventLike) => boolean;

/** IpcRegistration undoes registerIpc and lets shutdown and tests wait for streams. */
export interface IpcRegistration {
  /** abortAll stops every running stream, e.g. when the app quits. */
  abortAll(): void;
  /** idle settles once no stream is running. */
  idle(): Promise<void>;
  /** dispose aborts every stream and removes the handlers. */
  dispose(): void;
}

/** MAX_STREAMS_PER_SENDER bounds how much work one window can start at once; the UI needs a handful. */
export const MAX_STREAMS_PER_SENDER = 32;

const FORBIDDEN: Result<never> = {
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: "This request did not come from Berth's own window, so it was refused.",
  },
};

// A name that is not a string is unknown anyway; describing it by type avoids calling a sender-supplied
// `toString` (structured clone keeps `{ toString: 'x' }`, which String() cannot convert).
function plainName(name: unknown): string {
  return typeof name === 'string' ? name : `(${typeof name})`;
}

/** registerIpc wires the contract's calls and streams to `api` for senders that pass `isTrusted`. */
export function registerIpc(ipc: IpcMainLike, api: Api, isTrusted: SenderCheck): IpcRegistration {
  // Streams are keyed by sender and id, so one window can neither see nor cancel another's streams.
  const running = new Map<string, { sender: number; controller: AbortController }>();
  const watched = new Set<number>();
  // inFlight holds every dispatch promise, aborted ones included, so idle() means nothing runs any more.
  const inFlight = new Set<Promise<void>>();

  const abortWhere = (match: (sender: number) => boolean) => {
    for (const [key, stream] of running) {
      if (!match(stream.sender)) continue;
      stream.controller.abort();
      running.delete(key);
    }
  };

  // A closed or reloaded page can no longer receive its streams: stop them instead of sending into the void.
  const watch = (sender: SenderLike) => {
    if (watched.has(sender.id)) return;
    watched.add(sender.id);
    const id = sender.id;
    sender.once('destroyed', () => {
      watched.delete(id);
      abortWhere((s) => s === id);
    });
    sender.on('did-navigate', () => abortWhere((s) => s === id));
  };

  const onCall = async (event: IpcEventLike, name: unknown, args: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(event)) {
      console.warn(`berth: refused a call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return FORBIDDEN;
    }
    return dispatchCall(api, plainName(name), args);
  };

  const onStart = (event: IpcEventLike, id: unknown, name: unknown, args: unknown) => {
    // Without a valid id or a trusted sender there is nobody to answer: drop the message.
    if (!isStreamId(id) || !isTrusted(event)) {
      console.warn(`berth: refused a stream from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return;
    }
    const { sender } = event;
    const key = `${sender.id}/${id}`;
    if (running.has(key)) return;
    const controller = new AbortController();
    const send = (message: StreamMessage) => {
      if (controller.signal.aborted || sender.isDestroyed()) return;
      try {
        sender.send(IPC.streamMessage, id, message);
      } catch (err) {
        // The page went away between the check and the send: nobody is listening, so stop the stream.
        console.warn('berth: could not deliver a stream message:', err);
        controller.abort();
      }
    };
    if ([...running.values()].filter((s) => s.sender === sender.id).length >= MAX_STREAMS_PER_SENDER) {
      send({
        kind: 'error',
        error: {
          code: 'RATE_LIMITED',
          message: 'Too many lists are loading at once. Try again in a moment.',
        },
      });
      return;
    }
    watch(sender);
    running.set(key, { sender: sender.id, controller });
    const done: Promise<void> = dispatchStream(api, plainName(name), args, send, controller.signal).finally(
      () => {
        if (running.get(key)?.controller === controller) running.delete(key);
        inFlight.delete(done);
      },
    );
    inFlight.add(done);
  };

  const onCancel = (event: IpcEventLike, id: unknown) => {
    if (!isStreamId(id) || !isTrusted(event)) return;
    const key = `${event.sender.id}/${id}`;
    running.get(key)?.controller.abort();
    running.delete(key);
  };

  ipc.handle(IPC.call, (event, name, args) => onCall(event, name, args));
  ipc.on(IPC.streamStart, onStart);
  ipc.on(IPC.streamCancel, onCancel);

  return {
    abortAll: () => abortWhere(() => true),
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    dispose: () => {
      abortWhere(() => true);
      ipc.removeHandler(IPC.call);
      ipc.removeListener(IPC.streamStart, onStart);
      ipc.removeListener(IPC.streamCancel, onCancel);
    },
  };
}
