// The contract over HTTP, for the renderer served by `berth ui` (electron/web). The access key arrives
// once in the link's fragment (#token=…), which browsers never send to servers or put in Referer; it is
// kept in sessionStorage for reloads and wiped from the address bar so it is not shared by copy-paste.

import type { StreamMessage } from '../../shared/api';
import type { BerthBridge } from '../../shared/api-client';
import type { ErrorData, Result } from '../../shared/errors';

const TOKEN_KEY = 'berth.token';

const CONNECTION: ErrorData = {
  code: 'CONNECTION',
  message: "Berth's background service stopped. Restart `berth ui` and reload this page.",
};

const CUT_SHORT: ErrorData = {
  code: 'CONNECTION',
  message:
    "The connection to Berth's background service broke off before the answer was complete. If `berth ui` stopped, restart it and reload this page.",
};

const UNAUTHORIZED: ErrorData = {
  code: 'UNAUTHORIZED',
  message:
    'This page does not have the access key for Berth. Open the link that `berth ui` printed when it started: it holds the key.',
};

function unexpected(status: number): ErrorData {
  return {
    code: 'PROTOCOL',
    message: `Berth's background service gave an answer this page does not understand (HTTP ${status}). Reload the page; if it keeps happening, restart \`berth ui\`.`,
  };
}

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage can be disabled; the token then lives only as long as this page
  }
}

/** takeToken reads `#token=…` once, keeps it for reloads of this tab, and removes it from the address bar. */
function takeToken(): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (!token) return storedToken();
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // kept in memory only
  }
  params.delete('token');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token;
}

function isErrorData(value: unknown): value is ErrorData {
  const v = value as ErrorData | null;
  return typeof v === 'object' && v !== null && typeof v.code === 'string' && typeof v.message === 'string';
}

function isResult(value: unknown): value is Result<unknown> {
  const v = value as { ok?: unknown; error?: unknown } | null;
  return typeof v === 'object' && v !== null && (v.ok === true || (v.ok === false && isErrorData(v.error)));
}

function isStreamMessage(value: unknown): value is StreamMessage {
  const v = value as { kind?: unknown; error?: unknown } | null;
  if (typeof v !== 'object' || v === null) return false;
  return v.kind === 'event' || v.kind === 'end' || (v.kind === 'error' && isErrorData(v.error));
}

/** errorOf reads a non-200 answer: the host sends a Result error for everything it refuses. */
async function errorOf(res: Response): Promise<ErrorData> {
  if (res.status === 401) return UNAUTHORIZED;
  try {
    const body: unknown = await res.json();
    if (isResult(body) && !body.ok) return body.error;
  } catch {
    // not JSON: fall through to the generic sentence
  }
  return unexpected(res.status);
}

/** createHttpBridge carries the contract over HTTP to the `berth ui` web host (electron/web). */
export function createHttpBridge(): BerthBridge {
  const token = takeToken();

  const post = (kind: 'call' | 'stream', name: string, args: unknown, signal?: AbortSignal) =>
    fetch(`/api/${kind}/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(args ?? {}),
      cache: 'no-store',
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });

  return {
    async invoke(name, args) {
      let res: Response;
      try {
        res = await post('call', name, args);
      } catch {
        return { ok: false, error: CONNECTION };
      }
      if (!res.ok) return { ok: false, error: await errorOf(res) };
      try {
        const body: unknown = await res.json();
        return isResult(body) ? body : { ok: false, error: unexpected(res.status) };
      } catch (err) {
        // A body that stops half-way is a lost connection; a whole body that is not JSON is a bug.
        return { ok: false, error: err instanceof SyntaxError ? unexpected(res.status) : CONNECTION };
      }
    },

    stream(name, args, onMessage) {
      const controller = new AbortController();
      let finished = false;
      const deliver = (message: StreamMessage) => {
        if (finished) return;
        if (message.kind !== 'event') finished = true;
        onMessage(message);
      };
      const fail = (error: ErrorData) => {
        deliver({ kind: 'error', error });
        controller.abort();
      };

      const run = async () => {
        let res: Response;
        try {
          res = await post('stream', name, args, controller.signal);
        } catch {
          if (!controller.signal.aborted) fail(CONNECTION);
          return;
        }
        if (!res.ok || !res.body) {
          fail(res.ok ? unexpected(res.status) : await errorOf(res));
          return;
        }
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        // The text since the last newline, in pieces: a line of 100,000 tag names (1.2 MB) comes in many
        // chunks, and gluing the whole line again and searching it from its start for every chunk did work
        // that grew with every chunk, while the first screen waited for that line.
        let pieces: string[] = [];
        const line = (text: string) => {
          if (text.trim() === '') return;
          let message: unknown;
          try {
            message = JSON.parse(text);
          } catch {
            message = null;
          }
          if (isStreamMessage(message)) deliver(message);
          else fail(unexpected(res.status));
        };
        try {
          while (!finished) {
            const { done, value } = await reader.read();
            if (done) break;
            const text = decoder.decode(value, { stream: true });
            let from = 0;
            for (let newline = text.indexOf('\n'); newline >= 0 && !finished; ) {
              pieces.push(text.slice(from, newline));
              line(pieces.join(''));
              pieces = [];
              from = newline + 1;
              newline = text.indexOf('\n', from);
            }
            if (from < text.length) pieces.push(text.slice(from));
          }
          if (!finished) line(pieces.join('') + decoder.decode());
        } catch {
          // Reading fails when we cancel (ignored below) or when the host goes away mid-stream.
        }
        if (finished) await reader.cancel().catch(() => {});
        else if (!controller.signal.aborted) fail(CUT_SHORT);
      };
      void run();

      return () => {
        finished = true;
        controller.abort();
      };
    },
  };
}
