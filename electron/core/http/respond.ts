// Small writers for the answers of Berth's HTTP servers (the notification listener and the `berth ui`
// host), so every answer sets its status, type and length the same way. Sentences and JSON answers are
// never cached: they describe this moment (an error, a count), not a resource.

import type { ServerResponse } from 'node:http';

/** Headers are extra response headers, spelled as they should go out. */
export type Headers = Record<string, string>;

/** sendBody answers with a body of the given type; the caller's headers cannot override type or length. */
export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Headers = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}

/** sendText answers with a short plain-text sentence and a newline, for people and logs. */
export function sendText(res: ServerResponse, status: number, text: string, headers: Headers = {}): void {
  sendBody(res, status, `${text}\n`, 'text/plain; charset=utf-8', {
    'Cache-Control': 'no-store',
    ...headers,
  });
}

/** sendJson answers with a JSON value. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Headers = {}): void {
  sendBody(res, status, JSON.stringify(value), 'application/json; charset=utf-8', {
    'Cache-Control': 'no-store',
    ...headers,
  });
}
