// A TCP proxy in front of a registry that can be shut and opened again on the same port: a registry that is
// down for a while, then back, at an address that does not change (a replication rule names it). Shut, it
// cuts open connections and refuses new ones by closing them at once, as a stopped server's host would.

import { connect, createServer, type Socket } from 'node:net';
import { closeTogether, listenOnLoopback } from './socket-pair';

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
    client.pipe(upstream);
    upstream.pipe(client);
    closeTogether(client, upstream, sockets);
  });
  const host = await listenOnLoopback(server);
  return {
    host,
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
