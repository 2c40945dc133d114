// The words of "Copy to…": what a preview found, what a finished copy did, and why one could not go
// ahead, headed by the registry the problem is on. Headlines are picked by side, code and reason; the
// engine's own sentence (which names the host and what to do) follows them unchanged.

import { formatBytes, shortDigest } from '../../shared/format';
import type {
  TransferOutcome,
  TransferPreview,
  TransferProblem,
  TransferProgress,
} from '../../shared/transfer-api';

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** SideNames are the two registries' names as people gave them. */
export interface SideNames {
  source: string;
  target: string;
}

/** problemHeadline says in a few words what stopped a copy and on which registry. */
export function problemHeadline(problem: TransferProblem, names: SideNames): string {
  const { side, error } = problem;
  const name = side === 'source' ? names.source : side === 'target' ? names.target : null;
  switch (error.code) {
    case 'UNAUTHORIZED':
      return name ? `Berth could not sign in to ${name}` : 'Berth could not sign in';
    case 'FORBIDDEN':
      return side === 'target'
        ? `Your account may not push to ${name}`
        : `Your account may not read this from ${name ?? 'the registry'}`;
    case 'CONNECTION':
    case 'TIMEOUT':
      return name ? `${name} cannot be reached` : 'A registry cannot be reached';
    case 'TLS':
      return name ? `Berth cannot talk securely to ${name}` : 'Berth cannot talk securely to a registry';
    case 'NOT_FOUND':
      return side === 'source' ? `${names.source} does not have this` : 'Something was not found';
    default:
      return name ? `The copy cannot go ahead: ${name} refused` : 'The copy cannot go ahead';
  }
}

/** previewSentence is a preview in one line: "3 platforms, 14 layers, 210 MB; the target already has 9". */
export function previewSentence(p: TransferPreview, targetName: string): string {
  const c = p.counts;
  const blobs = c.blobs.copied + c.blobs.mounted + c.blobs.skipped;
  if (p.copy.length === 0) {
    if (p.unchanged.length > 0) {
      return p.unchanged.length === 1
        ? `${targetName} already has this image under that tag: there is nothing to copy.`
        : `${targetName} already has all ${plural(p.unchanged.length, 'tag')}: there is nothing to copy.`;
    }
    return p.failed.length > 0 ? 'No tag could be read from the source.' : 'No tag matches: nothing to copy.';
  }
  const parts: string[] = [];
  if (p.copy.length > 1 || p.images > 1) {
    parts.push(`${plural(p.copy.length, 'tag')} (${plural(p.images, 'image')})`);
  }
  if (p.platforms > 0) parts.push(plural(p.platforms, 'platform'));
  parts.push(plural(blobs, 'layer'));
  parts.push(formatBytes(c.bytes.copied + c.bytes.mounted + c.bytes.skipped));
  let have = '';
  if (c.blobs.skipped > 0) {
    have =
      c.blobs.skipped === blobs
        ? `; ${targetName} already has every layer`
        : `; ${targetName} already has ${c.blobs.skipped} (${formatBytes(c.bytes.skipped)})`;
  } else if (blobs > 0) have = `; ${targetName} has none of them yet`;
  const unchanged = p.unchanged.length > 0 ? ` ${plural(p.unchanged.length, 'tag')} already up to date.` : '';
  return `${parts.join(', ')}${have}.${unchanged}`;
}

/** progressFraction is how far a copy is, 0 to 1: by bytes when there are bytes to send, else by layers. */
export function progressFraction(
  p: Pick<TransferProgress, 'bytesDone' | 'bytesTotal' | 'blobsDone' | 'blobsTotal'>,
): number {
  const f = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.blobsTotal > 0 ? p.blobsDone / p.blobsTotal : 0;
  return Math.max(0, Math.min(1, f));
}

/** progressSentence says how far a copy is in words, beside the bar. */
export function progressSentence(p: TransferProgress): string {
  const bytes = p.bytesTotal > 0 ? ` · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : '';
  const images = p.imagesTotal > 1 ? ` · ${p.imagesDone} of ${plural(p.imagesTotal, 'image')}` : '';
  return `${p.blobsDone} of ${plural(p.blobsTotal, 'layer')}${bytes}${images}`;
}

/** Copied names what was copied, as people write it: `app:2.1`. */
export interface CopiedNames {
  from: string;
  to: string;
}

/**
 * outcomeSentence words a finished copy: "Copied app:2.1 to Prod as app:2.1 — digest identical.", or for
 * a repository the counts; any tag whose digests differ after the copy is said plainly.
 */
export function outcomeSentence(o: TransferOutcome, names: CopiedNames, targetName: string): string {
  const mismatched = o.verified.filter((v) => v.targetDigest !== v.sourceDigest);
  const check =
    o.verified.length === 0
      ? ''
      : mismatched.length === 0
        ? o.verified.length === 1
          ? ' — digest identical.'
          : ` — all ${o.verified.length} digests identical.`
        : ` — but ${plural(mismatched.length, 'tag')} read back with another digest (${mismatched
            .slice(0, 3)
            .map((m) => `${m.tag}: ${shortDigest(m.targetDigest)}`)
            .join(', ')}).`;
  const sent = o.counts.bytes.copied > 0 ? ` ${formatBytes(o.counts.bytes.copied)} sent.` : '';
  const copiedOne = o.copied.length + o.unchanged.length === 1;
  const verb = o.copied.length === 0 && o.unchanged.length > 0 ? 'Already there:' : 'Copied';
  const what = copiedOne
    ? `${verb} ${names.from} to ${targetName} as ${names.to}`
    : `${verb} ${plural(o.copied.length, 'tag')} from ${names.from} to ${targetName} (${names.to})${
        o.unchanged.length > 0 ? `, ${o.unchanged.length} already up to date` : ''
      }`;
  return `${what}${check || '.'}${sent}`;
}
