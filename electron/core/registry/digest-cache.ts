import { computeDigest } from './digest';

/** CachedBody is a verified body and the media type it was served with. */
export interface CachedBody {
  body: Uint8Array;
  mediaType: string;
}

/** BodyStore is a second, slower level behind the memory cache, such as the tag cache's SQLite file. */
export interface BodyStore {
  getBody(digest: string): CachedBody | undefined;
  setBody(digest: string, entry: CachedBody): void;
}

/** DigestCache keeps verified bodies by digest; content at a digest never changes, so entries never go stale. */
export class DigestCache {
  private readonly entries = new Map<string, CachedBody>();
  private bytes = 0;

  /** maxBytes bounds the memory held; the least recently used bodies are dropped first. */
  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly store?: BodyStore,
  ) {}

  /** get returns the body stored for a digest, marking it recently used. */
  get(digest: string): CachedBody | undefined {
    const entry = this.entries.get(digest);
    if (entry) {
      this.entries.delete(digest);
      this.entries.set(digest, entry);
      return entry;
    }
    const stored = this.readStore(digest);
    if (stored) this.remember(digest, stored);
    return stored;
  }

  /** set stores a body that was verified against its digest. */
  set(digest: string, entry: CachedBody): void {
    if (this.entries.has(digest)) return;
    this.remember(digest, entry);
    try {
      this.store?.setBody(digest, entry);
    } catch {
      // The second level is a cache too: a full disk or a locked file only costs a refetch later.
    }
  }

  /** readStore trusts nothing on disk: a body whose bytes do not hash to its digest is ignored. */
  private readStore(digest: string): CachedBody | undefined {
    try {
      const entry = this.store?.getBody(digest);
      return entry && computeDigest(entry.body, digest) === digest ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  private remember(digest: string, entry: CachedBody): void {
    if (entry.body.byteLength > this.maxBytes) return;
    this.entries.set(digest, entry);
    this.bytes += entry.body.byteLength;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.body.byteLength;
    }
  }
}
