// The `berth ui` web host: the built renderer and the contract over HTTP, on loopback only.
// Loopback is not private: every page the user opens can send requests here, and DNS rebinding can make
// them look same-origin. So each request must name us in Host, carry no foreign Origin, and API calls
// must present the token that only the person who started `berth ui` was shown.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../core/api/dispatch';
import { sendText } from '../core/http/respond';
import { newAccessToken } from './access-token';
import { type ApiContext, handleApi } from './api-routes';
import { isAllowedHost, isLoopbackHost, isOwnOrigin, urlHostname } from './host-guard';
import { sendError } from './respond';
import { applySecurityHeaders } from './security-headers';
import { serveStatic } from './static-files';

/** WebHostOptions configure startWebHost. */
export interface WebHostOptions {
  /** api answers the calls; BerthService in `berth ui`. */
  api: Api;
  /** staticDir is the built renderer (dist/renderer). */
  staticDir: string;
  /** host is the loopback address to listen on, default 127.0.0.1. */
  host?: string;
  /** port 0 (the default) picks a free one. */
  port?: number;
  /** token is the access key for /api/*, default 24 random bytes in base64url. */
  token?: string;
}

/** WebHost is a running web host and how to reach and stop it. */
export interface WebHost {
  /** url is the address of the UI, e.g. http://127.0.0.1:PORT/. */
  url: string;
  /** urlWithToken opens the UI signed in: the token rides in the fragment, which browsers never send. */
  urlWithToken: string;
  token: string;
  port: number;
  /** close stops running streams, drops connections and stops listening. */
  close(): Promise<void>;
}

function pathnameOf(url: string | undefined): string | null {
  // Only origin-form targets ("/path?query"); absolute-form is for proxies, which we are not.
  if (!url?.startsWith('/')) return null;
  return url.split('?')[0]!;
}

/** startWebHost listens on a loopback address and serves the renderer and the API. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(
      `The web host only listens on this computer (127.0.0.1, ::1, localhost), not on "${host}".`,
    );
  }
  const token = opts.token ?? newAccessToken();
  if (token.length < 16) throw new Error('The web host needs an access token of at least 16 characters.');
  const ctx: ApiContext = { api: opts.api, token, streams: new Set() };
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const hostHeader = req.headers.host;
    if (!isAllowedHost(hostHeader, port)) {
      sendText(
        res,
        421,
        `Berth only answers at 127.0.0.1:${port}, localhost:${port} or [::1]:${port}. Open the link that \`berth ui\` printed.`,
      );
      return;
    }
    if (!isOwnOrigin(req.headers.origin, hostHeader!)) {
      sendText(res, 403, 'Requests from other web sites are not allowed.');
      return;
    }
    const pathname = pathnameOf(req.url);
    if (pathname === null) {
      sendText(res, 400, 'Bad request.');
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) await handleApi(ctx, req, res, pathname);
    else await serveStatic(req, res, opts.staticDir, pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Our own bug, not the caller's: log it here, and give the client a sentence, never a stack trace.
      console.error('berth ui: a request failed unexpectedly:', err);
      if (res.headersSent) res.destroy();
      else
        sendError(res, 500, {
          code: 'PROTOCOL',
          message:
            'Berth hit an unexpected problem with this request. Try again; if it keeps happening, restart `berth ui`.',
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${urlHostname(host)}:${port}/`;

  let closing: Promise<void> | null = null;
  return {
    url,
    urlWithToken: `${url}#token=${token}`,
    token,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const controller of ctx.streams) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
