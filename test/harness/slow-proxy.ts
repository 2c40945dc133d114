import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** SlowProxy forwards notifications to a listener and answers the first few late, like a listener on a
 * slow disk: the event is stored, but the registry gives up waiting and sends it again. */
export interface SlowProxy {
  url: string;
  /** deliveries lists the event ids of every request that came through, in order. */
  deliveries: string[];
  stop(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** startSlowProxy forwards POST bodies and headers to target; the first `slowRequests` answers wait delayMs. */
export async function startSlowProxy(opts: {
  target: string;
  delayMs: number;
  slowRequests: number;
}): Promise<SlowProxy> {
  const deliveries: string[] = [];
  let seen = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      try {
        const doc = JSON.parse(body.toString('utf8')) as { events?: { id?: string }[] };
        for (const e of doc.events ?? []) deliveries.push(String(e.id));
      } catch {
        deliveries.push('(unparsable)');
      }
      const slow = seen++ < opts.slowRequests;
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'content-encoding']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await request(opts.target, { method: 'POST', headers, body });
      const text = await answer.body.text();
      if (slow) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (res.destroyed) return; // the registry already gave up on this one
      res.writeHead(answer.statusCode, { 'content-type': 'text/plain' }).end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    deliveries,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
