// Saving a look at a repository's tags: what it changes against the look before (planLook), written in one
// transaction (the tag cache's record) or in steps that let the event loop through (saveLookInSteps), so
// saving 100,000 tags does not hold the process that serves the UI. A stepped save keeps what changed
// apart (pending_look) until its last step, one transaction, moves it into the last look: a save cut off
// half-way (the app quit) leaves the previous look whole.

import type Database from 'better-sqlite3';
import type { CacheStatements } from './cache-statements';
import type { SeenTag } from './tag-cache';

/** STEP_ROWS is how many rows one step of a stepped save reads or compares: a few milliseconds of work. */
const STEP_ROWS = 2500;
/** WRITE_ROWS is how many changed tags one transaction of a stepped save writes (two statements each). */
const WRITE_ROWS = 500;

/** breathe lets the event loop run (answers to the UI, other requests) between steps of a long write. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** LookPlan is what a new look changes: tags no longer listed, and tags new or moved. */
export interface LookPlan {
  dropped: { tag: string; digest: string }[];
  /** changed: tags new (`was` undefined) or moved, or whose media type changed. */
  changed: { tag: string; digest: string; mediaType: string | null; was: string | undefined }[];
}

/** Before is a stored look: tag → digest and media type. */
type Before = ReadonlyMap<string, { digest: string; mediaType: string | null }>;

/**
 * planLook compares a look with the one before. A tag that could not be read this time (digest null)
 * keeps the digest it had; a tag not listed any more is dropped.
 */
export function planLook(before: Before, tags: readonly SeenTag[]): LookPlan {
  const plan: LookPlan = { dropped: [], changed: [] };
  const listed = new Set<string>();
  planPart(before, tags, listed, plan);
  for (const [tag, t] of before) if (!listed.has(tag)) plan.dropped.push({ tag, digest: t.digest });
  return plan;
}

/** planPart adds the new or moved tags among `tags` to the plan and notes them as listed. */
function planPart(before: Before, tags: readonly SeenTag[], listed: Set<string>, plan: LookPlan): void {
  for (const t of tags) {
    listed.add(t.tag);
    if (t.digest === null) continue;
    const was = before.get(t.tag);
    if (!was || was.digest !== t.digest || was.mediaType !== t.mediaType)
      plan.changed.push({ tag: t.tag, digest: t.digest, mediaType: t.mediaType, was: was?.digest });
  }
}

/** planLookInSteps is planLook a few thousand tags at a time, with the event loop let through between. */
async function planLookInSteps(before: Before, tags: readonly SeenTag[]): Promise<LookPlan> {
  const plan: LookPlan = { dropped: [], changed: [] };
  const listed = new Set<string>();
  for (let i = 0; i < tags.length; i += STEP_ROWS) {
    await breathe();
    planPart(before, tags.slice(i, i + STEP_ROWS), listed, plan);
  }
  await breathe();
  for (const [tag, t] of before) if (!listed.has(tag)) plan.dropped.push({ tag, digest: t.digest });
  return plan;
}

/**
 * writeChanged stores tags new or moved since the last look (made at `lastLook`) in the last look, or in
 * the pending look when `pending`; call it inside a transaction. A moved tag's old digest was last seen at
 * that look: history, which tells the current digest's last sighting from the look's time, reads the same
 * before the pending look is applied, so history is written at once.
 */
export function writeChanged(
  s: CacheStatements,
  id: number,
  changed: LookPlan['changed'],
  when: string,
  lastLook: string,
  pending = false,
): void {
  for (const t of changed) {
    if (t.was && t.was !== t.digest && lastLook !== '') s.retire.run(lastLook, id, t.tag, t.was);
    if (pending) s.putPending.run(id, t.tag, t.digest, t.mediaType);
    else s.putLookTag.run(id, t.tag, t.digest, t.mediaType);
    s.seenDigest.run(id, t.tag, t.digest, when, when);
  }
}

/** dropGone forgets tags no longer listed (or marks them so in the pending look); their digest was last seen at the last look. */
export function dropGone(
  s: CacheStatements,
  id: number,
  dropped: LookPlan['dropped'],
  lastLook: string,
  pending = false,
): void {
  for (const t of dropped) {
    if (lastLook !== '') s.retire.run(lastLook, id, t.tag, t.digest);
    if (pending) s.putPending.run(id, t.tag, null, null);
    else s.dropLookTag.run(id, t.tag);
  }
}

/** readLook reads up to `limit` tags of a look after the tag `after`, in tag order. */
export function readLook(s: CacheStatements, id: number, after: string, limit: number) {
  const rows = s.lookPage.raw().all(id, after, limit) as [string, string, string | null][];
  return new Map(rows.map(([tag, digest, mediaType]) => [tag, { digest, mediaType }]));
}

/**
 * saveLookInSteps saves a look as TagCache.record does, without holding the thread for long: the last look
 * is read in pages, compared a few thousand tags at a time, only what changed is written, a thousand tags
 * per transaction with the event loop let through in between, and the look is sealed last (its time set,
 * what changed moved in, vanished tags dropped) in one transaction as long as what changed. A first look
 * is written straight into the last look: without a time it counts as never seen until sealed.
 */
export async function saveLookInSteps(
  db: Database.Database,
  s: CacheStatements,
  look: { registry: string; repository: string; tags: readonly SeenTag[]; at: Date },
): Promise<void> {
  const { registry, repository, tags } = look;
  const when = look.at.toISOString();
  const repo = s.repoId.get(registry, repository);
  const lastLook = repo?.seen_at ?? '';
  // A look already sealed must stay whole until this one is: what changes waits in the pending look.
  const pending = lastLook !== '';
  const before = new Map<string, { digest: string; mediaType: string | null }>();
  let id = repo?.id;
  if (id !== undefined) {
    if (!(await clearPending(db, s, id))) return;
    for (let after = ''; ; await breathe()) {
      const page = readLook(s, id, after, STEP_ROWS);
      for (const [tag, t] of page) before.set(tag, t);
      if (page.size < STEP_ROWS) break;
      after = [...page.keys()].at(-1)!;
    }
  }
  const plan = await planLookInSteps(before, tags);
  // A repository seen for the first time gets its row now, with a time no look can be older than.
  id ??= s.upsertRepo.get(registry, repository, '')!.id;
  const rowId = id;
  for (let i = 0; i < plan.changed.length; i += WRITE_ROWS) {
    await breathe();
    if (!db.open) return;
    const chunk = plan.changed.slice(i, i + WRITE_ROWS);
    db.transaction(() => writeChanged(s, rowId, chunk, when, lastLook, pending)).immediate();
  }
  for (let i = 0; pending && i < plan.dropped.length; i += WRITE_ROWS) {
    await breathe();
    if (!db.open) return;
    const chunk = plan.dropped.slice(i, i + WRITE_ROWS);
    db.transaction(() => dropGone(s, rowId, chunk, lastLook, true)).immediate();
  }
  await breathe();
  if (!db.open) return;
  const unmarked = s.markedAt.get(rowId)?.marked_at == null;
  db.transaction(() => {
    if (pending) {
      s.applyPending.run(rowId);
      s.dropPending.run(rowId, rowId);
    } else dropGone(s, rowId, plan.dropped, lastLook);
    s.upsertRepo.get(registry, repository, when);
    if (unmarked) s.clearMarked.run(rowId);
  }).immediate();
  if (pending && !(await clearPending(db, s, rowId))) return;
  // The first look becomes the mark, copied in steps too: one INSERT … SELECT of 100,000 rows held the
  // UI's process for seconds (tags-ui bench). Until its time is set the look counts as not marked.
  if (unmarked) await markInSteps(db, s, rowId, when);
}

/** clearPending empties a repository's pending look a page at a time; false when the file was closed. */
async function clearPending(db: Database.Database, s: CacheStatements, id: number): Promise<boolean> {
  for (;;) {
    await breathe();
    if (!db.open) return false;
    if (s.clearPendingPage.run(id, id, STEP_ROWS).changes < STEP_ROWS) return true;
  }
}

/** markInSteps copies the last look into the mark a page at a time, then sets the mark's time. */
async function markInSteps(db: Database.Database, s: CacheStatements, id: number, when: string) {
  for (let after = ''; ; ) {
    await breathe();
    if (!db.open) return;
    const upto = s.lookPageEnd.get(id, after, STEP_ROWS)?.upto ?? null;
    if (upto === null) break;
    db.transaction(() => s.copyMarkedRange.run(id, after, upto)).immediate();
    after = upto;
  }
  s.setMarkedAt.run(when, id);
}
