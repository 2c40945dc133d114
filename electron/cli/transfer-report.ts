// What `berth copy` and `berth sync` print: a progress line on stderr while they run, then a summary for
// people, or the stable `--json` shape for scripts.

import type { ErrorData } from '../../shared/errors';
import { formatBytes, shortDigest } from '../../shared/format';
import { plural } from '../../shared/plural';
import { compareVersions } from '../../shared/version';
import type { TransferCounts } from '../core/transfer/counts';
import type { TagPlan } from '../core/transfer/plan';
import type { TransferResult } from '../core/transfer/sync';
import { note, out, table } from './table';

/** TransferJson is the stable `--json` shape of `berth copy` and `berth sync`. */
export interface TransferJson extends TransferCounts {
  source: string;
  destination: string;
  /** dryRun says the counts are what would have been copied: nothing was written. */
  dryRun: boolean;
  /** images is how many distinct images the plan had to copy. */
  images: number;
  /** items lists every selected tag: copied (or to copy), already up to date, or unreadable at the source. */
  items: { tag: string; digest: string | null; action: 'copy' | 'unchanged' | 'failed' }[];
  /** failures lists images that could not be copied, with their tags and why. */
  failures: { digest: string | null; tags: string[]; error: ErrorData }[];
}

/** toJson turns a transfer result into the `--json` shape. */
export function toJson(
  source: string,
  destination: string,
  result: TransferResult,
  opts: { dryRun?: boolean },
): TransferJson {
  const { plan, counts, failures } = result;
  return {
    source,
    destination,
    dryRun: opts.dryRun ?? false,
    images: plan.images.length,
    ...counts,
    items: [
      ...plan.copy.map(({ tag, digest }) => ({ tag, digest, action: 'copy' as const })),
      ...plan.unchanged.map(({ tag, digest }) => ({ tag, digest, action: 'unchanged' as const })),
      ...plan.failed.map(({ tag }) => ({ tag, digest: null, action: 'failed' as const })),
    ],
    failures: [
      ...plan.failed.map(({ tag, error }) => ({ digest: null, tags: [tag], error })),
      ...failures.map(({ digest, tags, error }) => ({ digest, tags, error })),
    ],
  };
}

function blobLine(c: TransferCounts, dryRun: boolean): string {
  const sent = `${plural(c.blobs.copied, 'blob')} ${dryRun ? 'to send' : 'sent'} (${formatBytes(c.bytes.copied)})`;
  const linked = c.blobs.mounted > 0 ? `, ${c.blobs.mounted} linked from the source repository` : '';
  return `${sent}${linked}, ${c.blobs.skipped} already there`;
}

/**
 * describeResult prints the summary for people: the plan table on a dry run, then one line of totals.
 * Tags and messages come from registries, so everything goes through out/note (control characters escaped).
 */
export function describeResult(json: TransferJson): void {
  if (json.dryRun) {
    const sorted = [...json.items].sort((a, b) => compareVersions(a.tag, b.tag));
    const rows = sorted.map((i) => [
      i.tag,
      shortDigest(i.digest),
      i.action === 'copy' ? 'copy' : i.action === 'unchanged' ? 'up to date' : 'cannot read',
    ]);
    if (rows.length > 0) out(table(['TAG', 'DIGEST', 'ACTION'], rows));
  }
  const t = json.tags;
  const verb = json.dryRun ? 'Would copy' : 'Copied';
  const tags = t.copied > 0 ? `${plural(t.copied, 'tag')} (${plural(json.images, 'image')})` : 'nothing';
  const upToDate = t.skipped > 0 ? `; ${plural(t.skipped, 'tag')} already up to date` : '';
  note(`${verb} ${tags} from ${json.source} to ${json.destination}${upToDate}.`);
  if (json.blobs.copied + json.blobs.mounted + json.blobs.skipped > 0)
    note(`  ${blobLine(json, json.dryRun)}.`);
  for (const f of json.failures) {
    const what = f.tags.join(', ') || shortDigest(f.digest);
    note(`berth: could not copy ${what}: ${f.error.message}`);
  }
}

/** ProgressLine draws images, blobs and bytes on one stderr line while a transfer runs (terminals only). */
export class ProgressLine {
  private readonly enabled = process.stderr.isTTY === true;
  private readonly sent: string;
  private last = 0;
  private images = 0;
  private imagesDone = 0;
  private latest: TransferCounts | null = null;

  constructor(opts: { dryRun?: boolean } = {}) {
    this.sent = opts.dryRun ? 'to send' : 'sent';
  }

  /** plan records how many images there are to copy. */
  plan(plan: TagPlan): void {
    this.images = plan.images.length;
    this.draw(true);
  }

  /** counts records the latest counters; drawing happens at most ten times a second. */
  counts(counts: TransferCounts): void {
    this.latest = counts;
    this.draw(false);
  }

  /** imageDone counts one more image finished (copied or failed). */
  imageDone(): void {
    this.imagesDone++;
    this.draw(this.imagesDone === this.images);
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const c = this.latest;
    const blobs = c
      ? ` · blobs ${c.blobs.copied} ${this.sent}, ${c.blobs.mounted} linked, ${c.blobs.skipped} already there · ${formatBytes(c.bytes.copied)}`
      : '';
    process.stderr.write(`\r\x1b[KImages ${this.imagesDone}/${this.images}${blobs}`);
  }

  /** done clears the line. */
  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }
}
