// A TCP proxy in front of a registry that can be shut and opened again on the same port: a registry that is
// down for a while, then back, at an address that does not change (a replication rule names it). Shut, it
// cuts open connections and refuses new ones by closing them at once, as a stopped server's host would.

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

/** GateProxy is a running gate: `host` is what clients use; shut() and open() switch the registry off and on. */
export interface GateProxy {
  host: string;
  shut(): void;
  open(): void;
  stop(): Promise<void>;
}

/** startGateProxy forwards 127.0.0.1:<port> to `target` (`host:port`) while open. */
export async function startGateProxy(target: string): Promise<GateProxy> {
  const cut = target.lastIndexOf(':');
  const [targetHost, targetPort] = [target.slice(0, cut), Number(target.slice(cut + 1))];
  const sockets = new Set<Socket>();
  let isOpen = true;
  const server = createServer((client) => {
    if (!isOpen) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    shut() {
      isOpen = false;
      for (const s of sockets) s.destroy();
    },
    open() {
      isOpen = true;
    },
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
