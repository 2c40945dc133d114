// The renderer's one typed API object, built over whichever bridge carries calls: Electron's preload
// (IPC) or the web host's HTTP adapter. Errors come back as data and are rebuilt as RegistryError.

import type {
  CallArgs,
  CallName,
  CallResult,
  StreamArgs,
  StreamEvent,
  StreamMessage,
  StreamName,
} from './api';
import { ERROR_CODES, ERROR_REASONS, type ErrorData, RegistryError, type Result } from './errors';

/** BerthBridge is the untyped pipe a host provides: the preload in Electron, fetch in the browser. */
export interface BerthBridge {
  invoke(name: string, args: unknown): Promise<Result<unknown>>;
  /** stream starts a stream and returns a function that cancels it. */
  stream(name: string, args: unknown, onMessage: (message: StreamMessage) => void): () => void;
}

/** StreamHandle lets the caller wait for a stream's end or cancel it. */
export interface StreamHandle {
  /** done settles when the stream ends; it rejects with a RegistryError when the stream fails. */
  done: Promise<void>;
  cancel(): void;
}

/** BerthApi is the typed API the renderer uses; nothing else in the renderer knows which host it runs in. */
export interface BerthApi {
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  stream<K extends StreamName>(
    name: K,
    args: StreamArgs<K>,
    onEvent: (event: StreamEvent<K>) => void,
  ): StreamHandle;
}

/** toRegistryError rebuilds a typed error from the data that crossed the boundary. */
export function toRegistryError(data: ErrorData | undefined): RegistryError {
  const code = data && ERROR_CODES.includes(data.code) ? data.code : 'PROTOCOL';
  const reason = data?.reason && ERROR_REASONS.includes(data.reason) ? { reason: data.reason } : {};
  return new RegistryError(code, data?.message || 'Something went wrong, and no reason was given.', reason);
}

/** createApi wraps a bridge into the typed BerthApi. */
export function createApi(bridge: BerthBridge): BerthApi {
  return {
    async call(name, args) {
      const result = await bridge.invoke(name, args);
      if (!result.ok) throw toRegistryError(result.error);
      return result.value as never;
    },
    stream(name, args, onEvent) {
      let cancel: () => void = () => {};
      let settle: () => void = () => {};
      let finished = false;
      const done = new Promise<void>((resolve, reject) => {
        settle = resolve;
        cancel = bridge.stream(name, args, (message) => {
          if (finished) return;
          if (message.kind === 'event') onEvent(message.event as never);
          else {
            finished = true;
            if (message.kind === 'end') resolve();
            else reject(toRegistryError(message.error));
          }
        });
      });
      return {
        done,
        cancel: () => {
          if (finished) return;
          finished = true;
          cancel();
          settle(); // a cancelled stream is done, not failed
        },
      };
    },
  };
}
