// Blob reads for copying: HEAD to learn whether a repository holds a blob, and GET as a stream, since a
// layer can be far larger than anything we want in memory. blobGet (operations.ts) stays for small blobs.

import type { Readable } from 'node:stream';
import { isRegistryError } from '../../../shared/errors';
import type { Transport } from './transport';

const pullScope = (repo: string) => [`repository:${repo}:pull`];

/** blobHead says whether `repo` holds the blob: its size (null if unsaid) when it does, undefined when not. */
export async function blobHead(
  t: Transport,
  repo: string,
  digest: string,
): Promise<{ size: number | null } | undefined> {
  try {
    const res = await t.request({
      method: 'HEAD',
      path: `/v2/${repo}/blobs/${digest}`,
      scope: pullScope(repo),
      maxBytes: 0,
      what: `checking whether ${repo} has the blob ${digest}`,
    });
    const size = Number(res.headers['content-length']);
    return { size: Number.isSafeInteger(size) && size >= 0 ? size : null };
  } catch (err) {
    // 404 is the normal "not here" answer (BLOB_UNKNOWN, or NAME_UNKNOWN for a repository not yet made).
    if (isRegistryError(err) && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** BlobStream is an open blob download: the size the registry declared (null if none) and the body. */
export interface BlobStream {
  size: number | null;
  /** body must be read to the end or destroyed, or its connection stays taken. */
  body: Readable;
}

/** blobOpen starts a blob download and hands back its unread body (redirects to storage are followed). */
export async function blobOpen(t: Transport, repo: string, digest: string): Promise<BlobStream> {
  const raw = await t.open({
    method: 'GET',
    path: `/v2/${repo}/blobs/${digest}`,
    scope: pullScope(repo),
    maxBytes: Number.MAX_SAFE_INTEGER,
    what: `reading the blob ${digest} of ${repo}`,
  });
  const size = Number(raw.headers['content-length']);
  return {
    size: Number.isSafeInteger(size) && size >= 0 ? size : null,
    // undici's body is a Readable; RawResponse names only what request() needs of it.
    body: raw.body as unknown as Readable,
  };
}
