// The contract over HTTP: `POST /api/call/<name>` answers one Result, `POST /api/stream/<name>` answers
// newline-delimited StreamMessages as they happen. The routes are generic over the contract; dispatch
// rejects unknown names and checks arguments against the schemas, so nothing here knows a call by name.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamMessage } from '../../shared/api';
import { type Api, dispatchCall, dispatchStream } from '../core/api/dispatch';
import { readBody } from '../core/http/read-body';
import { sendJson } from '../core/http/respond';
import { bearerMatches } from './access-token';
import { sendError } from './respond';

/** BODY_LIMIT is the largest API body accepted: 1 MiB, far above any call's arguments. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * DRAIN_LIMIT is how much of an oversized body is still read and thrown away before the connection is
 * cut: answering while the client is still sending resets the connection, and the client would see
 * "connection lost" instead of our "too large" answer.
 */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** ApiContext is what the API routes need from the host. */
export interface ApiContext {
  api: Api;
  token: string;
  /** streams holds the abort controllers of running streams, so closing the host stops them. */
  streams: Set<AbortController>;
}

const UNAUTHORIZED_MESSAGE =
  'This page is missing the access key. Open the link that `berth ui` printed when it started (the part after #token= is the key).';

function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

type Route = { kind: 'call' | 'stream'; name: string };

function route(pathname: string): Route | null {
  const match = /^\/api\/(call|stream)\/([^/]+)$/.exec(pathname);
  if (!match) return null;
  try {
    return { kind: match[1] as Route['kind'], name: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

/** parseArgs reads a JSON body; an empty body means "no arguments". */
function parseArgs(text: string): { ok: true; args: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, args: undefined };
  try {
    return { ok: true, args: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function runStream(ctx: ApiContext, res: ServerResponse, name: string, args: unknown): Promise<void> {
  const controller = new AbortController();
  ctx.streams.add(controller);
  // 'close' after our own end() is normal; before it, the client went away and the work should stop.
  const onClose = () => {
    if (!res.writableEnded) controller.abort();
  };
  res.on('close', onClose);
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.flushHeaders();
  const send = (message: StreamMessage) => {
    // Each line goes out as soon as it is written, so the catalog appears page by page.
    if (!res.destroyed) res.write(`${JSON.stringify(message)}\n`);
  };
  try {
    await dispatchStream(ctx.api, name, args, send, controller.signal);
  } finally {
    ctx.streams.delete(controller);
    res.off('close', onClose);
    if (!res.destroyed) res.end();
  }
}

/** handleApi serves one `/api/*` request: method, token, content type, body size and JSON are checked first. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const target = route(pathname);
  if (!target) {
    sendError(res, 404, {
      code: 'NOT_FOUND',
      message:
        'There is no such address in the Berth API. Calls go to /api/call/<name> and /api/stream/<name>.',
    });
    return;
  }
  if (req.method !== 'POST') {
    sendError(
      res,
      405,
      { code: 'INVALID_INPUT', message: 'Berth API calls must be sent with POST.' },
      { Allow: 'POST' },
    );
    return;
  }
  if (!bearerMatches(req.headers.authorization, ctx.token)) {
    sendError(
      res,
      401,
      { code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE },
      { 'WWW-Authenticate': 'Bearer' },
    );
    return;
  }
  // A plain HTML form can only post form or text types, so requiring JSON shuts out cross-site forms.
  if (!isJsonContentType(req.headers['content-type'])) {
    sendError(res, 415, {
      code: 'INVALID_INPUT',
      message: 'Berth API calls must send their arguments as JSON (Content-Type: application/json).',
    });
    return;
  }
  const body = await readBody(req, { maxBytes: BODY_LIMIT, drainBytes: DRAIN_LIMIT });
  if (!body.ok) {
    if (body.problem === 'too-large') {
      sendError(
        res,
        413,
        { code: 'TOO_LARGE', message: 'The request is larger than 1 MiB, more than any Berth call needs.' },
        { Connection: 'close' },
      );
    }
    return; // an aborted request has no one left to answer
  }
  const parsed = parseArgs(body.body.toString('utf8'));
  if (!parsed.ok) {
    sendError(res, 400, { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' });
    return;
  }
  if (target.kind === 'call') sendJson(res, 200, await dispatchCall(ctx.api, target.name, parsed.args));
  else await runStream(ctx, res, target.name, parsed.args);
}
