// A scripted push target for faults a real docker-registry does not produce: a cap on request bodies (as
// nginx's client_max_body_size puts before many registries: 413 on anything larger), and upload Locations
// that are relative to the request path rather than absolute paths. It keeps blobs and manifests in memory
// and checks every digest, so a test can trust what it holds.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { startScriptedServer } from './scripted-server';
import { sha256Digest } from './sha256';

/** CappedRequest is one request the capped registry answered, with its status and body size. */
export interface CappedRequest {
  method: string;
  path: string;
  status: number;
  bytes: number;
}

/** CappedRegistry is a running capped registry: what it answered, and what it holds. */
export interface CappedRegistry {
  host: string;
  log: CappedRequest[];
  blobs: Map<string, Buffer>;
  manifests: Map<string, { bytes: Buffer; contentType: string }>;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** startCappedRegistry serves one repository, `repo`, refusing request bodies over `capBytes` with 413. */
export async function startCappedRegistry(repo: string, capBytes: number): Promise<CappedRegistry> {
  const log: CappedRequest[] = [];
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, { bytes: Buffer; contentType: string }>();
  const sessions = new Map<string, Buffer>();
  let next = 0;
  const base = `/v2/${repo}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://capped');
    const data = await body(req);
    const answer = (status: number, headers: Record<string, string> = {}, text = '') => {
      log.push({ method: req.method ?? '', path: url.pathname, status, bytes: data.byteLength });
      res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
    };
    if (data.byteLength > capBytes) return answer(413, {}, '<html>413 Request Entity Too Large</html>');
    const path = url.pathname;
    if (path === '/v2/') return answer(200, { 'content-type': 'application/json' }, '{}');
    const blob = path.startsWith(`${base}/blobs/sha256:`) ? path.slice(`${base}/blobs/`.length) : null;
    if (blob && req.method === 'HEAD') {
      const held = blobs.get(blob);
      return answer(held ? 200 : 404, held ? { 'docker-content-digest': blob } : {});
    }
    if (req.method === 'POST' && path === `${base}/blobs/uploads/`) {
      const id = `s${++next}`;
      sessions.set(id, Buffer.alloc(0));
      // Relative to the request path on purpose: it resolves to `${base}/blobs/uploads/${id}`.
      return answer(202, { location: `${id}?_state=opaque%3D%3D` });
    }
    const upload = path.startsWith(`${base}/blobs/uploads/`)
      ? path.slice(`${base}/blobs/uploads/`.length)
      : '';
    const held = sessions.get(upload);
    if (held && req.method === 'PATCH') {
      const start = Number((req.headers['content-range'] ?? '').split('-')[0]);
      if (start !== held.byteLength) return answer(416);
      const now = Buffer.concat([held, data]);
      sessions.set(upload, now);
      return answer(202, {
        location: `${path}?_state=after-${now.byteLength}`,
        range: `0-${now.byteLength - 1}`,
      });
    }
    if (held && req.method === 'PUT') {
      const all = Buffer.concat([held, data]);
      const digest = url.searchParams.get('digest') ?? '';
      if (sha256Digest(all) !== digest) return answer(400, {}, '{"errors":[{"code":"DIGEST_INVALID"}]}');
      sessions.delete(upload);
      blobs.set(digest, all);
      return answer(201, { 'docker-content-digest': digest });
    }
    if (held && req.method === 'DELETE') {
      sessions.delete(upload);
      return answer(204);
    }
    const ref = path.startsWith(`${base}/manifests/`) ? path.slice(`${base}/manifests/`.length) : null;
    if (ref !== null && req.method === 'PUT') {
      manifests.set(ref, { bytes: data, contentType: String(req.headers['content-type']) });
      return answer(201, { 'docker-content-digest': sha256Digest(data) });
    }
    if (ref !== null && req.method === 'HEAD') {
      const m = manifests.get(ref);
      return answer(m ? 200 : 404, m ? { 'docker-content-digest': sha256Digest(m.bytes) } : {});
    }
    if (path === `${base}/tags/list`) return answer(404, {}, '{"errors":[{"code":"NAME_UNKNOWN"}]}');
    return answer(404);
  };

  const server = await startScriptedServer(handle);
  return { host: server.host, log, blobs, manifests, stop: () => server.stop() };
}
