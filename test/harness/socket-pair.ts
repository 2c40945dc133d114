// A client connection and its upstream, tracked together so that a proxy can drop both at once.

import type { AddressInfo, Server, Socket } from 'node:net';

/** closeTogether destroys both sockets when either closes or fails, and forgets them in `sockets`. */
export function closeTogether(client: Socket, upstream: Socket, sockets: Set<Socket>): void {
  sockets.add(client).add(upstream);
  const close = () => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  client.on('close', close).on('error', close);
  upstream.on('close', close).on('error', close);
}

/** listenOnLoopback starts `server` on a free 127.0.0.1 port and returns `host:port`. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}
