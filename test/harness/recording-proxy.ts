// A pass-through HTTP proxy in front of a real registry that records what each request carried, for
// assertions a registry cannot make: "the source's password never reached the destination".

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** ProxiedRequest is what the proxy saw of one request. */
export interface ProxiedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
}

/** RecordingProxy is a running proxy: its address, and every request it forwarded so far. */
export interface RecordingProxy {
  url: string;
  host: string;
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

// Host is passed on, as a reverse proxy should: distribution builds its absolute upload Locations from it.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * startRecordingProxy forwards every request, body streamed both ways, to `target` (an http origin). With
 * `rewriteHost` it sends the target's own Host instead of the client's, as a misconfigured proxy does: the
 * registry then names upload addresses on its own origin, not the proxy's.
 */
export async function startRecordingProxy(
  target: string,
  opts: { rewriteHost?: boolean } = {},
): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    const auth = req.headers['authorization'];
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: auth });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !HOP_BY_HOP.has(k)) headers[k] = v;
    }
    if (opts.rewriteHost) headers['host'] = new URL(target).host;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    request(`${target}${req.url ?? '/'}`, {
      method: (req.method ?? 'GET') as 'GET',
      headers,
      ...(hasBody ? { body: req } : {}),
    })
      .then((answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) {
          if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        }
        res.writeHead(answer.statusCode, out);
        answer.body.pipe(res);
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
