// Caps on one Link-paged listing (catalog or tags). A registry whose `rel="next"` never ends made `berth tags`
// grow to 4.2 GB and `berth ui` run out of heap after ~75,000 pages. The caps are generous: a real
// 1,000,000-tag repository is ~20 MB in 1,000 pages, far inside them.

import { RegistryError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';

/** LISTING_CAPS are the defaults: 100,000 pages, 5,000,000 entries, 256 MiB of bodies. */
export const LISTING_CAPS = {
  maxPages: 100_000,
  maxEntries: 5_000_000,
  maxBytes: 256 * 1024 * 1024,
};

/** ListingCaps bound one listing: pages fetched, entries returned, body bytes read (the defaults' fields). */
export type ListingCaps = typeof LISTING_CAPS;

/** lastMarker is the `last` query parameter distribution puts in a next-page link ("continue after"). */
function lastMarker(url: URL): string | null {
  return url.searchParams.get('last');
}

/**
 * ListingBudget follows one listing: it counts pages, entries and bytes against the caps, and refuses a
 * next-page link seen before (the same URL, or the same `last` marker with other parameters changed), which
 * means the registry's paging goes round in a circle and would never end.
 */
export class ListingBudget {
  private pages = 0;
  private entries = 0;
  private bytes = 0;
  private readonly urls = new Set<string>();
  private readonly markers = new Set<string>();

  constructor(
    private readonly host: string,
    private readonly what: string,
    private readonly caps: ListingCaps = LISTING_CAPS,
  ) {}

  /** visit records a page address about to be fetched; a repeat throws PROTOCOL/paging-loop. */
  visit(url: URL): void {
    const key = url.pathname + url.search;
    const marker = lastMarker(url);
    if (this.urls.has(key) || (marker !== null && this.markers.has(marker))) {
      throw new RegistryError(
        'PROTOCOL',
        `${this.host} sent Berth back to a page it had already sent (after ${this.pages} pages) while ${this.what}: its list goes round in a circle and would never end. Berth stopped there; the registry's administrator should look at it.`,
        { reason: 'paging-loop' },
      );
    }
    this.urls.add(key);
    if (marker !== null) this.markers.add(marker);
  }

  /** page counts one page read; past a cap it throws TOO_LARGE/listing-limit. */
  page(bytes: number, entries: number): void {
    this.pages += 1;
    this.entries += entries;
    this.bytes += bytes;
    const over =
      this.pages > this.caps.maxPages
        ? `${this.caps.maxPages.toLocaleString('en-US')} pages`
        : this.entries > this.caps.maxEntries
          ? `${this.caps.maxEntries.toLocaleString('en-US')} entries`
          : this.bytes > this.caps.maxBytes
            ? formatBytes(this.caps.maxBytes)
            : null;
    if (over === null) return;
    throw new RegistryError(
      'TOO_LARGE',
      `${this.host} kept sending more while ${this.what}: past ${over} (${this.pages.toLocaleString('en-US')} pages, ${this.entries.toLocaleString('en-US')} entries so far). Berth stopped there to stay responsive; no real listing is that long, so the registry is likely misbehaving.`,
      { reason: 'listing-limit' },
    );
  }
}
