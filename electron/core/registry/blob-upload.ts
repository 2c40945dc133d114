// Blob uploads, as the distribution spec describes them: POST opens a session (or mounts the blob from
// another repository of the same registry), then either one PUT ?digest= with the whole blob (monolithic),
// or PATCH chunks followed by an empty PUT ?digest= (chunked). Every Location the registry answers is
// relative on distribution, so it is resolved against the URL of the request it came with.

import type { Readable } from 'node:stream';
import { isRegistryError, RegistryError } from '../../../shared/errors';
import type { Transport } from './transport';

const pushScope = (repo: string) => `repository:${repo}:pull,push`;

/** UploadSession is an open upload: where the next bytes go, and the smallest chunk the registry takes. */
export interface UploadSession {
  repository: string;
  location: URL;
  /** chunkMinLength is OCI-Chunk-Min-Length (distribution spec 1.1), when the registry sets one. */
  chunkMinLength: number | null;
}

/** UploadStart is how a POST went: the blob was mounted (nothing to send), or a session is open. */
export type UploadStart = { mounted: true } | { mounted: false; session: UploadSession };

/**
 * uploadLocation resolves an upload Location header against the URL of the request that returned it.
 * It refuses what would send a blob somewhere unsafe: no header, a non-http(s) URL, https → http.
 */
export function uploadLocation(header: string | undefined, base: URL, host: string): URL {
  if (!header) {
    throw new RegistryError(
      'PROTOCOL',
      `${host} opened an upload but did not say where to send the data (no Location header).`,
    );
  }
  let url: URL;
  try {
    url = new URL(header, base);
  } catch {
    throw new RegistryError(
      'PROTOCOL',
      `${host} named an invalid upload address: "${header.slice(0, 100)}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RegistryError(
      'PROTOCOL',
      `${host} named an upload address Berth cannot use (${url.protocol}).`,
    );
  }
  if (base.protocol === 'https:' && url.protocol === 'http:') {
    throw new RegistryError(
      'PROTOCOL',
      `${host} asked Berth to upload over plain http after a secure (https) start. Berth refused, to keep the data safe.`,
    );
  }
  return url;
}

/** withDigest appends `digest=` to an upload URL without re-encoding the registry's own state parameter. */
export function withDigest(location: URL, digest: string): string {
  const sep = location.search === '' ? '?' : '&';
  return `${location.href}${sep}digest=${encodeURIComponent(digest)}`;
}

function session(t: Transport, repo: string, headers: Record<string, string>, url: URL): UploadSession {
  const min = Number(headers['oci-chunk-min-length']);
  return {
    repository: repo,
    location: uploadLocation(headers['location'], url, t.registry.host),
    chunkMinLength: Number.isSafeInteger(min) && min > 0 ? min : null,
  };
}

/**
 * uploadStart opens an upload in `repo`. With `mount`, it first asks the registry to link the blob from
 * another repository (201, nothing to send); a registry that cannot answers 202 with a session instead,
 * which is then used. A mount needs pull on the source repository and push on the target: one token.
 */
export async function uploadStart(
  t: Transport,
  repo: string,
  opts: { mount?: { digest: string; from: string } } = {},
): Promise<UploadStart> {
  const scope = [pushScope(repo)];
  let path = `/v2/${repo}/blobs/uploads/`;
  if (opts.mount) {
    scope.push(`repository:${opts.mount.from}:pull`);
    path += `?mount=${encodeURIComponent(opts.mount.digest)}&from=${encodeURIComponent(opts.mount.from)}`;
  }
  const res = await t.request({
    method: 'POST',
    path,
    scope,
    maxBytes: 64 * 1024,
    what: opts.mount
      ? `linking the blob ${opts.mount.digest} from ${opts.mount.from} into ${repo}`
      : `starting an upload to ${repo}`,
    headers: { 'content-length': '0' },
  });
  if (res.status === 201 && opts.mount) return { mounted: true };
  if (res.status !== 202) {
    throw new RegistryError(
      'PROTOCOL',
      `${t.registry.host} gave an unexpected answer (HTTP ${res.status}) when asked to start an upload to ${repo}.`,
    );
  }
  return { mounted: false, session: session(t, repo, res.headers, res.url) };
}

/**
 * elsewhere explains a refused login at an upload address on another origin: credentials are only ever sent
 * to the registry itself, so such an address refuses them. Usually a proxy that rewrites the Host header.
 */
function elsewhere(t: Transport, s: UploadSession, err: unknown): unknown {
  if (!isRegistryError(err) || err.code !== 'UNAUTHORIZED' || s.location.origin === t.registry.origin) {
    return err;
  }
  return new RegistryError(
    'UNAUTHORIZED',
    `${t.registry.host} told Berth to upload to another address (${s.location.host}). Berth sends your login only to ${t.registry.host}, so that address refused the upload. If the registry is behind a proxy, the proxy's Host header (or the registry's http.host setting) is likely wrong.`,
    { status: 401, cause: err },
  );
}

/**
 * uploadPut finishes an upload with PUT ?digest=: with the whole blob (monolithic), or with no body after
 * PATCHed chunks. The registry hashes what it received and refuses a digest that does not match.
 */
export async function uploadPut(
  t: Transport,
  s: UploadSession,
  digest: string,
  body: { bytes: Uint8Array } | { stream: Readable; size: number },
): Promise<void> {
  const size = 'bytes' in body ? body.bytes.byteLength : body.size;
  const res = await t
    .request({
      method: 'PUT',
      path: withDigest(s.location, digest),
      scope: [pushScope(s.repository)],
      maxBytes: 64 * 1024,
      what: `storing the blob ${digest} in ${s.repository}`,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: 'bytes' in body ? body.bytes : body.stream,
    })
    .catch((err: unknown) => {
      throw elsewhere(t, s, err);
    });
  // 201 is the spec's answer; 204 is in Docker's older spec and some registries still send it.
  if (res.status !== 201 && res.status !== 204) {
    throw new RegistryError(
      'PROTOCOL',
      `${t.registry.host} gave an unexpected answer (HTTP ${res.status}) while storing the blob ${digest} in ${s.repository}.`,
    );
  }
}

/** uploadPatch sends one chunk starting at `offset` and returns the session to continue with. */
export async function uploadPatch(
  t: Transport,
  s: UploadSession,
  chunk: Uint8Array,
  offset: number,
): Promise<UploadSession> {
  const res = await t
    .request({
      method: 'PATCH',
      path: s.location.href,
      scope: [pushScope(s.repository)],
      maxBytes: 64 * 1024,
      what: `sending part of a blob to ${s.repository}`,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(chunk.byteLength),
        // The spec's range is inclusive: bytes offset..offset+length-1.
        'content-range': `${offset}-${offset + chunk.byteLength - 1}`,
      },
      body: chunk,
    })
    .catch((err: unknown) => {
      throw elsewhere(t, s, err);
    });
  // 202 is the spec's answer; ECR answers 201. Either may move the session to a new Location.
  if (res.status !== 202 && res.status !== 201) {
    throw new RegistryError(
      'PROTOCOL',
      `${t.registry.host} gave an unexpected answer (HTTP ${res.status}) to part of a blob upload to ${s.repository}.`,
    );
  }
  if (!res.headers['location']) return s;
  return { ...s, location: uploadLocation(res.headers['location'], res.url, t.registry.host) };
}

/** uploadCancel deletes an abandoned session so it does not linger; it never throws (best effort). */
export async function uploadCancel(t: Transport, s: UploadSession): Promise<void> {
  try {
    await t.request({
      method: 'DELETE',
      path: s.location.href,
      scope: [pushScope(s.repository)],
      maxBytes: 64 * 1024,
      what: `cancelling an unfinished upload to ${s.repository}`,
    });
  } catch {
    // The registry purges stale uploads itself; a failed cancel costs only disk space there.
  }
}
