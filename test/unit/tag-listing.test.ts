import { describe, expect, it } from 'vitest';
import { BATCH_MAX, TagListing, TagListings } from '../../electron/core/service/tag-listing';
import type { TagInfo } from '../../shared/model';

const names = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
const tick = () => new Promise<void>((r) => setTimeout(r, 1));

/** reader answers each tag after a timer tick and records the order in which tags were asked for. */
function reader() {
  const asked: string[] = [];
  const read = async (tag: string): Promise<TagInfo> => {
    asked.push(tag);
    await tick();
    return { tag, digest: `sha256:${tag}`, mediaType: null };
  };
  return { asked, read };
}

describe('TagListing', () => {
  it('reads every tag once and sends them in batches, the first at once', async () => {
    const listing = new TagListing(names(300));
    const { asked, read } = reader();
    const batches: TagInfo[][] = [];
    for await (const batch of listing.run(4, read, new AbortController().signal)) batches.push(batch);
    const got = batches.flat().map((t) => t.tag);
    expect(got.sort()).toEqual(names(300).sort());
    expect(asked).toHaveLength(300);
    // Far fewer messages than tags, and the first batch did not wait for others to gather.
    expect(batches.length).toBeLessThan(60);
    expect(batches[0]!.length, `first batch ${batches[0]!.length}`).toBeLessThan(20);
  });

  it('loses no answer while the receiver is slow to take a batch', async () => {
    const listing = new TagListing(names(120));
    const read = async (tag: string): Promise<TagInfo> => {
      await new Promise((r) => setTimeout(r, Math.random() * 4));
      return { tag, digest: null, mediaType: null };
    };
    const got: string[] = [];
    for await (const batch of listing.run(8, read, new AbortController().signal)) {
      got.push(...batch.map((t) => t.tag));
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(got.sort()).toEqual(names(120).sort());
  });

  it('reads the tags in focus next, the latest focus first, and never twice', async () => {
    const listing = new TagListing(names(200));
    const { asked, read } = reader();
    const run = listing.run(2, read, new AbortController().signal);
    const first = await run.next();
    expect(first.done).toBe(false);
    listing.focus(['t150', 't151']);
    listing.focus(['t190', 't150', 't0']); // t0 was already asked for: not again
    for await (const _ of run);
    const after = asked.indexOf('t190');
    expect(asked.slice(after, after + 3)).toEqual(['t190', 't150', 't151']);
    expect(after).toBeLessThan(6);
    expect(new Set(asked).size).toBe(200);
    expect(asked).toHaveLength(200);
  });

  it('sends the answer for a tag in focus at once, not with the next batch', async () => {
    const listing = new TagListing(names(400));
    const read = async (tag: string): Promise<TagInfo> => {
      await new Promise((r) => setTimeout(r, 2));
      return { tag, digest: null, mediaType: null };
    };
    const run = listing.run(2, read, new AbortController().signal);
    await run.next();
    const focusedAt = performance.now();
    listing.focus(['t399']);
    let waited = Number.NaN;
    for await (const batch of run) {
      if (batch.some((t) => t.tag === 't399')) {
        waited = performance.now() - focusedAt;
        break;
      }
    }
    // Two reads in flight to wait for (about 2 ms each), then its own: well under one BATCH_MS of 50 ms.
    expect(waited).toBeLessThan(40);
  });

  it('stops asking once the signal aborts', async () => {
    const listing = new TagListing(names(1000));
    const { asked, read } = reader();
    const ctl = new AbortController();
    let batches = 0;
    for await (const _ of listing.run(4, read, ctl.signal)) {
      batches++;
      ctl.abort();
    }
    expect(batches).toBe(1);
    expect(asked.length).toBeLessThanOrEqual(8);
  });

  it('while the screen draws a long list, reads only the tags in focus; the rest once it has drawn', async () => {
    const listing = new TagListing(names(100), 60_000);
    const { asked, read } = reader();
    const run = listing.run(3, read, new AbortController().signal);
    const first = run.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([]);
    // The screen's first rows, asked for while it draws them: those only.
    listing.focus(['t90', 't91', 't92', 't93'], true);
    expect((await first).done).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked.sort()).toEqual(['t90', 't91', 't92', 't93']);
    // Drawn: the rows on screen first, then the rest in list order.
    listing.focus(['t50']);
    for await (const _ of run);
    expect(asked.slice(4, 6)).toEqual(['t50', 't0']);
    expect(new Set(asked).size).toBe(100);
    expect(asked).toHaveLength(100);
  });

  it('reads the rest of a long list once the wait is over, or at once when the screen drew first', async () => {
    const waited = new TagListing(names(20), 40);
    const late = reader();
    const started = performance.now();
    for await (const _ of waited.run(2, late.read, new AbortController().signal));
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(late.asked.slice(0, 2)).toEqual(['t0', 't1']);
    expect(late.asked).toHaveLength(20);

    const early = new TagListing(names(20), 60_000);
    early.focus(['t19']);
    const eager = reader();
    for await (const _ of early.run(2, eager.read, new AbortController().signal));
    expect(eager.asked[0]).toBe('t19');
    expect(eager.asked).toHaveLength(20);
  });

  it('ends without reading the rest when the signal aborts while the screen draws', async () => {
    const listing = new TagListing(names(10), 60_000);
    listing.focus(['t5'], true);
    const { asked, read } = reader();
    const abort = new AbortController();
    const batches: TagInfo[][] = [];
    const run = (async () => {
      for await (const batch of listing.run(2, read, abort.signal)) batches.push(batch);
    })();
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    await run;
    expect(asked).toEqual(['t5']);
    expect(batches.flat().map((t) => t.tag)).toEqual(['t5']);
  });

  it('caps a batch at BATCH_MAX answers', async () => {
    const listing = new TagListing(names(BATCH_MAX * 2 + 10));
    const read = async (tag: string): Promise<TagInfo> => ({ tag, digest: null, mediaType: null });
    const sizes: number[] = [];
    for await (const b of listing.run(8, read, new AbortController().signal)) sizes.push(b.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BATCH_MAX);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(BATCH_MAX * 2 + 10);
  });
});

describe('TagListings', () => {
  it('keeps a focus sent before the listing starts, and whether the screen had drawn', async () => {
    const listings = new TagListings();
    const release = listings.hold('r');
    expect(listings.focus('r', ['t3'], true)).toBe(true);
    const listing = new TagListing(names(6), 60_000);
    listings.add('r', listing);
    release();
    const { asked, read } = reader();
    const run = listing.run(2, read, new AbortController().signal);
    await run.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual(['t3']);
    // The drawn screen's focus lets the rest go; a later `drawing` focus does not take that back.
    listings.focus('r', ['t4']);
    listings.focus('r', ['t5'], true);
    for await (const _ of run);
    expect(asked).toHaveLength(6);
  });

  it('reaches the running listings of a repository, and forgets them when they end', () => {
    const listings = new TagListings();
    const a = new TagListing(names(3));
    const forget = listings.add('r-1\napp', a);
    expect(listings.focus('r-1\napp', ['t2'])).toBe(true);
    expect(listings.focus('r-1\nother', ['t2'])).toBe(false);
    forget();
    expect(listings.focus('r-1\napp', ['t2'])).toBe(false);
  });
});
