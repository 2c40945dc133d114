// Reading a whole look (the last one, or the mark) a page at a time with the event loop let through between,
// packed as it is read (shared/packed-look.ts). One read of a 100,000-tag look held `berth ui`'s event loop
// for 0.2-0.7 s, and a reopen asks for both looks as it starts: the tag names it waits for queued behind.
// A look saved while it is read (the worker seals a save in one transaction) is read again. The worker
// that saves looks reads them whole instead (readWholeLook), off the event loop, in one transaction.

import type Database from 'better-sqlite3';
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

/**
 * timeOf is when a repository's look of this kind was made (seenAt or markedAt), or null when there is none
 * to read: never seen or marked, or the first look still being written (it has no time until sealed).
 */
function timeOf(s: CacheStatements, kind: LookKind, repo: { id: number; seen_at: string }): string | null {
  if (kind === 'last') return repo.seen_at === '' ? null : repo.seen_at;
  return s.markedAt.get(repo.id)?.marked_at ?? null;
}

/** pageOf reads one page of a look of this kind, after tag `after`, as rows to pack. */
function pageOf(s: CacheStatements, kind: LookKind, id: number): (after: string, limit: number) => LookRow[] {
  if (kind === 'last') {
    const page = s.lookPage.raw();
    return (after, limit) => page.all(id, after, limit) as LookRow[];
  }
  const page = s.markedPage.raw();
  return (after, limit) =>
    (page.all(id, after, limit) as unknown as [string, string][]).map(([t, d]) => [t, d, null] as const);
}

/**
 * lookInSteps is a whole look (the last one, or the mark) read in steps, packed; `at` null when there is
 * none. If the look is replaced while it is read (a save sealed, the mark moved by Mark as seen), the one
 * now in place is read again; after TRIES, in one go.
 */
export async function lookInSteps(
  db: Database.Database,
  s: CacheStatements,
  kind: LookKind,
  registry: string,
  repository: string,
): Promise<LookAnswer> {
  const none = { at: null, look: packRows([]) };
  for (let tries = 1; ; tries++) {
    const repo = s.repoId.get(registry, repository);
    const at = repo ? timeOf(s, kind, repo) : null;
    if (!repo || at === null) return none;
    const rows = pageOf(s, kind, repo.id);
    const look = tries < TRIES ? await readPaged(db, rows) : packRows(rows('', Number.MAX_SAFE_INTEGER));
    if (look === null) return none;
    const now = s.repoId.get(registry, repository);
    if (tries >= TRIES || (now && timeOf(s, kind, now) === at)) return { at, look };
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
    const repo = s.repoId.get(registry, repository);
    const at = repo ? timeOf(s, kind, repo) : null;
    if (!repo || at === null) return { at: null, look: packRows([]) };
    if (kind === 'last') {
      const images = s.lookImages
        .raw()
        .all(repo.id)
        .map(([digest, mediaType]) => ({ digest, mediaType }));
      return { at, look: unjoin(s.lookPacked.raw().get(repo.id), images) };
    }
    const images = s.markedImages
      .raw()
      .all(repo.id)
      .map(([digest]) => ({ digest, mediaType: null }));
    return { at, look: unjoin(s.markedPacked.raw().get(repo.id), images) };
  })();
}
