// Reading a whole look (the last one, or the mark) a page at a time with the event loop let through between,
// packed as it is read (shared/packed-look.ts). One read of a 100,000-tag look held `berth ui`'s event loop
// for 0.2-0.7 s, and a reopen asks for both looks as it starts: the tag names it waits for queued behind.
// A look saved while it is read (the worker seals a save in one transaction) is read again. The worker
// that saves looks reads them whole instead (readWholeLook), off the event loop, in one transaction.

import type Database from 'better-sqlite3';
import type { MarkedLookAnswer } from '../../../shared/api';
import { LookPacker, type LookRow, type PackedLook, packRows } from '../../../shared/packed-look';
import type { CacheStatements } from './cache-statements';

/** PAGE is how many tags one step reads: a few milliseconds. */
const PAGE = 5000;
/** TRIES is how many stepped reads are tried before one read in one go (a look saved over and over). */
const TRIES = 3;

/** LookKind names a whole look: the last complete one, or the mark changes are told against. */
export type LookKind = 'last' | 'marked';

/** LookAnswer is a whole look, packed, with its time (seenAt or markedAt); null when there is none. */
export interface LookAnswer {
  at: string | null;
  look: PackedLook;
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** readPaged reads pages after the last tag of the one before until one is short; null when the file closed. */
async function readPaged(
  db: Database.Database,
  page: (after: string, limit: number) => LookRow[],
): Promise<PackedLook | null> {
  const packer = new LookPacker();
  for (let after = ''; ; ) {
    if (!db.open) return null;
    const rows = page(after, PAGE);
    packer.add(rows);
    if (rows.length < PAGE) return packer.result();
    after = rows.at(-1)![0];
    await breathe();
  }
}

/** lastLookInSteps is the last complete look at a repository, packed; seenAt null when never seen. */
export async function lastLookInSteps(
  db: Database.Database,
  s: CacheStatements,
  registry: string,
  repository: string,
): Promise<{ seenAt: string | null; look: PackedLook }> {
  const empty = { seenAt: null, look: packRows([]) };
  const page = s.lookPage.raw();
  for (let tries = 1; ; tries++) {
    const repo = s.repoId.get(registry, repository);
    // No time yet: the first look is still being written.
    if (!repo || repo.seen_at === '') return empty;
    const rows = (after: string, limit: number) => page.all(repo.id, after, limit) as LookRow[];
    const look = tries < TRIES ? await readPaged(db, rows) : packRows(rows('', Number.MAX_SAFE_INTEGER));
    if (look === null) return empty;
    if (tries >= TRIES || s.repoId.get(registry, repository)?.seen_at === repo.seen_at)
      return { seenAt: repo.seen_at, look };
  }
}

/** markedInSteps is the look a repository's changes are told against, packed; markedAt null when never seen. */
export async function markedInSteps(
  db: Database.Database,
  s: CacheStatements,
  registry: string,
  repository: string,
): Promise<MarkedLookAnswer> {
  const empty = { markedAt: null, look: packRows([]) };
  const page = s.markedPage.raw();
  for (let tries = 1; ; tries++) {
    const repo = s.repoId.get(registry, repository);
    const markedAt = repo ? (s.markedAt.get(repo.id)?.marked_at ?? null) : null;
    if (!repo || markedAt === null) return empty;
    const rows = (after: string, limit: number) =>
      (page.all(repo.id, after, limit) as unknown as [string, string][]).map(
        ([t, d]) => [t, d, null] as const,
      );
    const look = tries < TRIES ? await readPaged(db, rows) : packRows(rows('', Number.MAX_SAFE_INTEGER));
    if (look === null) return empty;
    // The mark may have moved while it was read (Mark as seen): then read the one now in place.
    if (tries >= TRIES || s.markedAt.get(repo.id)?.marked_at === markedAt) return { markedAt, look };
  }
}

/** unjoin is a look SQLite packed (lookPacked, markedPacked) as a PackedLook over its `images`. */
function unjoin(
  [names, ranks]: [string | null, string | null] | undefined = [null, null],
  images: PackedLook['images'],
): PackedLook {
  // group_concat of no rows is NULL; a tag name never holds a newline (the distribution spec's grammar).
  if (names === null || ranks === null) return packRows([]);
  return { tags: names.split('\n'), images, imageOf: ranks.split(',').map(Number) };
}

/**
 * readWholeLook reads a whole look in one transaction (so never half of two looks), packed by SQLite: for the
 * worker. Its images are in digest order, which is the order the packed ranks count in.
 */
export function readWholeLook(
  db: Database.Database,
  s: CacheStatements,
  kind: LookKind,
  registry: string,
  repository: string,
): LookAnswer {
  return db.transaction((): LookAnswer => {
    const none = { at: null, look: packRows([]) };
    const repo = s.repoId.get(registry, repository);
    if (!repo) return none;
    if (kind === 'last') {
      if (repo.seen_at === '') return none;
      const images = s.lookImages
        .raw()
        .all(repo.id)
        .map(([digest, mediaType]) => ({ digest, mediaType }));
      return { at: repo.seen_at, look: unjoin(s.lookPacked.raw().get(repo.id), images) };
    }
    const markedAt = s.markedAt.get(repo.id)?.marked_at ?? null;
    if (markedAt === null) return none;
    const images = s.markedImages
      .raw()
      .all(repo.id)
      .map(([digest]) => ({ digest, mediaType: null }));
    return { at: markedAt, look: unjoin(s.markedPacked.raw().get(repo.id), images) };
  })();
}
