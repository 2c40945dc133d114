/** CachedBody is a verified body and the media type it was served with. */
export interface CachedBody {
  body: Uint8Array;
  mediaType: string;
}

/** DigestCache keeps verified bodies by digest; content at a digest never changes, so entries never go stale. */
export class DigestCache {
  private readonly entries = new Map<string, CachedBody>();
  private bytes = 0;

  /** maxBytes bounds the memory held; the least recently used bodies are dropped first. */
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** get returns the body stored for a digest, marking it recently used. */
  get(digest: string): CachedBody | undefined {
    const entry = this.entries.get(digest);
    if (entry) {
      this.entries.delete(digest);
      this.entries.set(digest, entry);
    }
    return entry;
  }

  /** set stores a body that was verified against its digest. */
  set(digest: string, entry: CachedBody): void {
    if (entry.body.byteLength > this.maxBytes || this.entries.has(digest)) return;
    this.entries.set(digest, entry);
    this.bytes += entry.body.byteLength;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.body.byteLength;
    }
  }
}
