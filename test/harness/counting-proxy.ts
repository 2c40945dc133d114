// A TCP proxy in front of a registry that counts what reaches it: sockets opened and HTTP requests sent,
// seen on the wire, the way the registry sees them. It can hold each request back for a while, to play a
// registry that answers slowly. Requests are told apart by their header block (and Content-Length body), so
// it counts HTTP/1.1 with or without keep-alive; it does not parse chunked request bodies (Berth sends none).

import { connect, createServer, type Socket } from 'node:net';
import { closeTogether, listenOnLoopback } from './socket-pair';

/** CountingProxy is a running proxy and what it has counted so far. */
export interface CountingProxy {
  /** host is `127.0.0.1:<port>`, to use as the registry's address. */
  host: string;
  /** connections counts sockets accepted from clients since the start. */
  readonly connections: number;
  /** requests lists the request line of every HTTP request received, in arrival order. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

/** requestLines splits the bytes a client sent into whole requests; what is left over waits for more. */
function requestLines(buffered: Buffer): { lines: string[]; rest: Buffer } {
  const lines: string[] = [];
  let rest = buffered;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const head = rest.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (rest.length < end + 4 + length) break;
    lines.push(head.split('\r\n', 1)[0]!);
    rest = rest.subarray(end + 4 + length);
  }
  return { lines, rest };
}

/** startCountingProxy forwards 127.0.0.1:<port> to `target` (`host:port`); each request waits `delayMs` first. */
export async function startCountingProxy(
  target: string,
  opts: { delayMs?: number } = {},
): Promise<CountingProxy> {
  const [targetHost, targetPort] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.split(':').pop()),
  ];
  const delayMs = opts.delayMs ?? 0;
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect(targetPort, targetHost);
    let pending: Buffer = Buffer.alloc(0);
    // Chunks go upstream in order, each after the delay: a chain of timers per connection.
    let chain = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      const parsed = requestLines(Buffer.concat([pending, chunk]));
      pending = parsed.rest;
      requests.push(...parsed.lines);
      chain = chain.then(async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.pipe(client);
    closeTogether(client, upstream, sockets);
  });
  const host = await listenOnLoopback(server);
  return {
    host,
    get connections() {
      return connections;
    },
    requests,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
