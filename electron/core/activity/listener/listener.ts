// The notification listener: an HTTP server that takes `POST /events` from a registry, checks the bearer
// secret, validates the envelope, and answers 2xx only once every event in it is committed. Anything
// else the registry retries (for ever, in order), so a bad request never stops the listener and a
// failed commit is a 503, never a silent 200.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryError } from '../../../../shared/errors';
import { type ActivityEvent, isLoopbackAddress } from '../../../../shared/events';
import { readBody } from '../../http/read-body';
import { type Headers, sendBody, sendJson, sendText } from '../../http/respond';
import { type EventRow, toEventRow } from '../row';
import { EventStoreError } from '../store-error';
import { DEFAULT_MAX_BODY_BYTES, isEventContentType, parseEnvelope } from './envelope';
import { type CommitStats, GroupCommitter, type Ingester } from './group-commit';
import { BearerCheck } from './secret';

/** DEFAULT_LISTENER_PORT is where `berth listen` listens unless told otherwise. */
export const DEFAULT_LISTENER_PORT = 5199;

/** Rejected describes a request the listener turned away, for a log line (never with the secret). */
export interface Rejected {
  status: number;
  reason: string;
  remote: string;
}

/** ListenerOptions configure startListener. */
export interface ListenerOptions {
  store: Ingester;
  secret: string;
  /** host defaults to 127.0.0.1; any non-loopback address needs allowLan. */
  host?: string;
  /** port defaults to DEFAULT_LISTENER_PORT; 0 picks a free one. */
  port?: number;
  /** allowLan is the explicit opt-in to listen beyond this computer. */
  allowLan?: boolean;
  maxBodyBytes?: number;
  /** onEvents receives the newly stored events of each request, after they are committed, with the request's rows. */
  onEvents?: (events: ActivityEvent[], rows: readonly EventRow[]) => void;
  onRejected?: (r: Rejected) => void;
  /** onError receives commit failures (answered 503, so the registry retries). */
  onError?: (err: unknown) => void;
}

/** ListenerStats counts what the listener did since it started. */
export interface ListenerStats extends CommitStats {
  stored: number;
  duplicates: number;
  rejected: number;
}

/** RunningListener is a started listener. */
export interface RunningListener {
  /** url is the endpoint to give the registry, e.g. http://127.0.0.1:5199/events. */
  url: string;
  host: string;
  port: number;
  readonly stats: ListenerStats;
  /** setSecret switches to a new secret at once (after a rotation). */
  setSecret(secret: string): void;
  /** close stops accepting, finishes requests in flight and their commits. */
  close(): Promise<void>;
}

/** urlHost writes a host for a URL: IPv6 in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** startListener starts the HTTP listener and resolves once it is accepting connections. */
export async function startListener(opts: ListenerOptions): Promise<RunningListener> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host) && !opts.allowLan) {
    throw new RegistryError(
      'INVALID_INPUT',
      `Listening on ${host} would let other computers reach the listener; that needs an explicit opt-in.`,
    );
  }
  const maxBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const committer = new GroupCommitter(opts.store);
  const stats: ListenerStats = Object.assign(committer.stats, { stored: 0, duplicates: 0, rejected: 0 });
  let bearer = new BearerCheck(opts.secret);

  const reject = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    reason: string,
    extra: Headers = {},
  ) => {
    stats.rejected++;
    opts.onRejected?.({ status, reason, remote: req.socket.remoteAddress ?? '?' });
    // The body may be unread (or huge): close rather than drain it to keep the connection.
    sendText(res, status, reason, { Connection: 'close', ...extra });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendBody(res, 200, 'ok', 'text/plain; charset=utf-8', { 'Cache-Control': 'no-store' });
    }
    if (path !== '/events') return reject(req, res, 404, 'not found: the registry posts to /events');
    if (req.method !== 'POST') return reject(req, res, 405, 'only POST is accepted', { Allow: 'POST' });
    if (!bearer.matches(req.headers.authorization)) {
      return reject(req, res, 401, 'wrong or missing bearer secret', {
        'WWW-Authenticate': 'Bearer realm="berth"',
      });
    }
    if (!isEventContentType(req.headers['content-type'])) {
      return reject(req, res, 415, 'Content-Type must be a distribution events type or application/json');
    }
    const read = await readBody(req, { maxBytes, gzip: true });
    if (!read.ok) {
      if (read.problem === 'aborted') return; // the sender went away; there is no one to answer
      return reject(req, res, read.status, read.reason);
    }
    const envelope = parseEnvelope(read.body);
    if (!envelope.ok) return reject(req, res, envelope.status, envelope.reason);
    const receivedAt = Date.now() * 1000;
    const rows = envelope.events.map((e) => toEventRow(e, receivedAt));
    let result: Awaited<ReturnType<GroupCommitter['submit']>>;
    try {
      result = rows.length > 0 ? await committer.submit(rows) : { inserted: [], duplicates: 0 };
    } catch (err) {
      opts.onError?.(err);
      return sendText(res, 503, 'could not store the events; the registry will retry', {
        'Retry-After': '1',
      });
    }
    stats.stored += result.inserted.length;
    stats.duplicates += result.duplicates;
    sendJson(res, 200, { stored: result.inserted.length, duplicates: result.duplicates });
    if (result.inserted.length > 0) opts.onEvents?.(result.inserted, rows);
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) sendText(res, 500, 'internal error', { Connection: 'close' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const what = `${urlHost(host)}:${opts.port ?? DEFAULT_LISTENER_PORT}`;
      reject(
        err.code === 'EADDRINUSE'
          ? new EventStoreError(
              'IN_USE',
              `${what} is already in use (another listener?). Pick another port.`,
              {
                cliMessage: `${what} is already in use (another listener?). Pick another --port.`,
              },
            )
          : new EventStoreError('IO', `Could not listen on ${what}: ${err.message}`, { cause: err }),
      );
    });
    server.listen(opts.port ?? DEFAULT_LISTENER_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}/events`,
    host,
    port,
    stats,
    setSecret(next: string) {
      bearer = new BearerCheck(next);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A request stuck mid-upload must not hold shutdown hostage.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }).then(() => committer.drain());
      return closing;
    },
  };
}
