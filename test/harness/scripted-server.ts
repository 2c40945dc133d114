import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** RecordedRequest is what a scripted server saw of one request, recorded before the handler ran. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** ScriptedServer is a running HTTP server whose every answer a test writes by hand. */
export interface ScriptedServer {
  url: string;
  host: string;
  port: number;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** startScriptedServer serves handler on a random loopback port, for faults a real registry cannot produce. */
export async function startScriptedServer(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  opts: { host?: '127.0.0.1' | '::1' } = {},
): Promise<ScriptedServer> {
  const bindHost = opts.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    // A throwing handler would otherwise leave the client hanging until its timeout.
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`scripted handler failed: ${String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, bindHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = bindHost === '::1' ? `[::1]:${port}` : `127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}`,
    host,
    port,
    requests,
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        // Close keep-alive and half-answered connections too, or close() waits for them.
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
