// RegistryRequest and RegistryResponse: one call to the registry API as the operations describe it (a path,
// the scopes it needs, a size cap, words for errors) and the 2xx answer the transport gives back.

import type { Readable } from 'node:stream';

/** RegistryRequest is one call to the registry API, described by what it needs. */
export interface RegistryRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** path is `/v2/...` with query, or an absolute URL on the registry (from a Link header). */
  path: string;
  accept?: readonly string[];
  /** scope lists the token scopes the call needs, e.g. `repository:app:pull`. */
  scope: readonly string[];
  /** body is what a write sends; a stream is sent once (no retry, no redirect): it cannot be replayed. */
  body?: Uint8Array | Readable;
  /** headers are extra request headers, e.g. `content-type` and `content-length` of an upload. */
  headers?: Record<string, string>;
  /** maxBytes caps the body; a larger one fails with TOO_LARGE without being read. */
  maxBytes: number;
  /** what says what we were doing, in words for error messages: "listing tags of app". */
  what: string;
  /** signal cancels the call: a request in flight is cut off, and no retry follows. */
  signal?: AbortSignal;
}

/** RegistryResponse is a successful (2xx) answer with its body read in full. */
export interface RegistryResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  url: URL;
}
