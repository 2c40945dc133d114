// Small writers for the web host's answers, so every path sets status, type and length the same way.

import type { ServerResponse } from 'node:http';
import type { ErrorData, Result } from '../../shared/errors';

/** sendText answers with a short plain-text sentence, for requests that are not API calls. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** sendJson answers with a JSON value; API answers are never cached. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** sendError answers an API request with a Result error, the shape the renderer already understands. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: ErrorData,
  headers: Record<string, string> = {},
): void {
  const result: Result<never> = { ok: false, error };
  sendJson(res, status, result, headers);
}
