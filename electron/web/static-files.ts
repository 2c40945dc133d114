// Serves the built renderer. Static files hold no data, so they need no token; what matters is that no
// request can read anything outside staticDir: every path segment is decoded and checked on its own,
// and the resolved file must still lie inside the (real, symlink-free) directory.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from './content-types';
import { sendText } from './respond';

const NOT_BUILT = `Berth's user interface has not been built yet, so there is nothing to show here.

In the Berth folder, run:

    npm run build

then reload this page.`;

/** pathSegments splits a request path into decoded segments, or null when one could escape or hide. */
export function pathSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // `..` and `.` walk the tree; dotfiles are never part of a build; separators and NUL smuggle paths.
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

async function realInside(root: string, path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    return real === root || real.startsWith(root + sep) ? real : null;
  } catch {
    return null;
  }
}

async function findFile(root: string, segments: string[]): Promise<string | null> {
  let file = await realInside(root, join(root, ...segments));
  if (file && (await stat(file)).isDirectory()) file = await realInside(root, join(file, 'index.html'));
  if (!file || !(await stat(file)).isFile()) return null;
  return file;
}

/** serveStatic answers GET and HEAD with a file of staticDir, `/` with its index.html, anything else 404. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Only GET and HEAD are allowed here.', { Allow: 'GET, HEAD' });
    return;
  }
  const segments = pathSegments(pathname);
  const root = await realpath(staticDir).catch(() => null);
  const file = segments && root ? await findFile(root, segments) : null;
  if (!file) {
    if (segments?.length === 0) sendText(res, 503, NOT_BUILT, { 'Cache-Control': 'no-store' });
    else sendText(res, 404, 'Not found.');
    return;
  }
  const info = await stat(file);
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(info.size),
    // Revalidate every time: a rebuilt renderer must show at once, and this is a local disk anyway.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A client that goes away mid-file, or a read error, ends the response early; there is no one to tell.
  await pipeline(createReadStream(file), res).catch(() => res.destroy());
}
