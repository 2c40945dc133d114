// Dispatch: the receiving end of the contract, shared by Electron's IPC handlers and the web host.
// Unknown calls are rejected, arguments are parsed against the contract's schemas, errors become data.

import {
  type CallName,
  type CallResult,
  calls,
  describeIssues,
  isCallName,
  isStreamName,
  type ParsedCallArgs,
  type ParsedStreamArgs,
  type StreamEvent,
  type StreamMessage,
  type StreamName,
  streams,
} from '../../../shared/api';
import { type ErrorData, RegistryError, type Result, toErrorData } from '../../../shared/errors';

/** CallHandlers implement every call of the contract; the compiler checks none is missing. */
export type CallHandlers = { [K in CallName]: (args: ParsedCallArgs<K>) => Promise<CallResult<K>> };

/** StreamHandlers implement every stream; they stop when `signal` aborts. */
export type StreamHandlers = {
  [K in StreamName]: (args: ParsedStreamArgs<K>, signal: AbortSignal) => AsyncIterable<StreamEvent<K>>;
};

/** Api is the whole receiving side: calls and streams. */
export type Api = CallHandlers & StreamHandlers;

function invalid(message: string): ErrorData {
  return { code: 'INVALID_INPUT', message };
}

/** nameOf shows an unknown name safely: it may be any value a page sent, even one whose toString throws. */
function nameOf(name: unknown): string {
  return (typeof name === 'string' ? name : typeof name).slice(0, 60);
}

/** dispatchCall checks a call's name and arguments, runs it, and returns its result or error as data. */
export async function dispatchCall(
  api: CallHandlers,
  name: unknown,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isCallName(name)) return { ok: false, error: invalid(`Unknown call "${nameOf(name)}".`) };
  const parsed = calls[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    return { ok: false, error: invalid(`Invalid arguments for ${name}: ${describeIssues(parsed.error)}.`) };
  }
  try {
    const handler = api[name] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await handler.call(api, parsed.data) };
  } catch (err) {
    if (!(err instanceof RegistryError)) console.error(`berth: ${name} failed unexpectedly:`, err);
    return { ok: false, error: toErrorData(err) };
  }
}

/** dispatchStream checks a stream's name and arguments and sends its events, then one `end` or `error`. */
export async function dispatchStream(
  api: StreamHandlers,
  name: unknown,
  args: unknown,
  send: (message: StreamMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  if (!isStreamName(name)) {
    send({ kind: 'error', error: invalid(`Unknown stream "${nameOf(name)}".`) });
    return;
  }
  const parsed = streams[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    send({
      kind: 'error',
      error: invalid(`Invalid arguments for ${name}: ${describeIssues(parsed.error)}.`),
    });
    return;
  }
  try {
    const handler = api[name] as (a: unknown, s: AbortSignal) => AsyncIterable<unknown>;
    for await (const event of handler.call(api, parsed.data, signal)) {
      if (signal.aborted) return;
      send({ kind: 'event', event });
    }
    if (!signal.aborted) send({ kind: 'end' });
  } catch (err) {
    if (signal.aborted) return;
    if (!(err instanceof RegistryError)) console.error(`berth: ${name} failed unexpectedly:`, err);
    send({ kind: 'error', error: toErrorData(err) });
  }
}
