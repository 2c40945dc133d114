// Reading a test registry's access log (startRegistry({ accessLog: true })): what a client really sent,
// counted on the server's side, e.g. "the second sync made no upload request".

/** AccessLogEntry is one request as the registry logged it (Apache combined format). */
export interface AccessLogEntry {
  method: string;
  /** path is the request path without its query. */
  path: string;
  query: string;
  status: number;
}

const LINE = /^\S+ \S+ \S+ \[[^\]]*\] "([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) /;

/** parseAccessLog picks the access-log lines out of a registry's output (its other log lines are skipped). */
export function parseAccessLog(text: string): AccessLogEntry[] {
  const entries: AccessLogEntry[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const target = m[2]!;
    const q = target.indexOf('?');
    entries.push({
      method: m[1]!,
      path: q < 0 ? target : target.slice(0, q),
      query: q < 0 ? '' : target.slice(q + 1),
      status: Number(m[3]),
    });
  }
  return entries;
}

/** isWrite tells the requests that change a registry: blob uploads (and mounts), chunks, manifest PUTs, deletes. */
export function isWrite(e: AccessLogEntry): boolean {
  return e.method === 'POST' || e.method === 'PATCH' || e.method === 'PUT' || e.method === 'DELETE';
}

/** isBlobUpload tells the requests of a blob upload: POST (open or mount), PATCH (chunk), PUT (commit). */
export function isBlobUpload(e: AccessLogEntry): boolean {
  return /\/blobs\/uploads\//.test(e.path) && e.method !== 'GET' && e.method !== 'HEAD';
}

/** committedBlobs lists the digests whose upload a PUT ?digest= finished (201), in order. */
export function committedBlobs(entries: readonly AccessLogEntry[]): string[] {
  return entries
    .filter((e) => e.method === 'PUT' && isBlobUpload(e) && e.status === 201)
    .map((e) => decodeURIComponent(/(?:^|&)digest=([^&]+)/.exec(e.query)?.[1] ?? ''));
}
