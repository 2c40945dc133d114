// Bounds on one inspect. An index of 1,000 child manifests with 10,000 layers each, every part within the
// per-body caps, took `berth inspect` to 3.5 GB and "Invalid string length" with --json. Berth now reads a
// fixed number of platforms in full, lists the rest by the index's descriptors, and lists at most so many
// layers per image while still counting every layer's size.

import { type ErrorData, RegistryError } from '../../../shared/errors';
import type { Descriptor, InspectResult, OmittedLayers } from '../../../shared/model';

/** INSPECT_LIMITS: 32 platforms (real images have a handful), 1,000 layers (Docker allows 127), 64 MiB. */
export const INSPECT_LIMITS = {
  /** platformsRead is how many child images of an index are read in full (manifest and config). */
  platformsRead: 32,
  /** layersListed is how many layers one image lists; the rest are counted, not listed. */
  layersListed: 1000,
  /** bytesRead stops reading further children once manifests and configs read reach it. */
  bytesRead: 64 * 1024 * 1024,
};

/** InspectLimits bound one inspect's work and memory: the defaults' fields, with other numbers in tests. */
export type InspectLimits = typeof INSPECT_LIMITS;

/** InspectBudget tracks one inspect against its limits. */
export class InspectBudget {
  private bytes = 0;
  private claimed = 0;
  /** skipped counts children left unread. */
  skipped = 0;

  constructor(readonly limits: InspectLimits = INSPECT_LIMITS) {}

  /** spent records bytes read (a manifest or config body, from the network or the cache). */
  spent(bytes: number): void {
    this.bytes += bytes;
  }

  /** claim asks to read one more child in full; false (and counted as skipped) once a limit is reached. */
  claim(): boolean {
    if (this.claimed < this.limits.platformsRead && this.bytes < this.limits.bytesRead) {
      this.claimed += 1;
      return true;
    }
    this.skipped += 1;
    return false;
  }

  /** withinBytes says whether a small extra read (an attestation manifest) still fits the bytes limit; it claims no platform. */
  withinBytes(): boolean {
    return this.bytes < this.limits.bytesRead;
  }

  /** listed cuts a layer list to the limit and says what was left out (null when nothing was). */
  listed<T extends { size: number | null }>(
    layers: readonly T[],
  ): { layers: T[]; omitted: OmittedLayers | null } {
    const max = this.limits.layersListed;
    if (layers.length <= max) return { layers: [...layers], omitted: null };
    const rest = layers.slice(max);
    return {
      layers: layers.slice(0, max),
      omitted: { count: rest.length, size: rest.reduce((sum, l) => sum + (l.size ?? 0), 0) },
    };
  }

  /** notRead is the per-child error data for an image of an index that was listed but not read. */
  notRead(child: Descriptor): ErrorData {
    return new RegistryError(
      'TOO_LARGE',
      `Not read: this image index is larger than Berth reads in full (at most ${this.limits.platformsRead} platforms or ${Math.round(this.limits.bytesRead / (1024 * 1024))} MiB of manifests per look). Inspect ${child.digest} on its own to see it.`,
      { reason: 'inspect-limit' },
    ).toData();
  }
}

/** limitNotes says in sentences what the limits left out, so no front shows a cut result as whole. */
export function limitNotes(result: InspectResult, budget: InspectBudget): string[] {
  const notes: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  if (budget.skipped > 0) {
    const total = result.manifests.length;
    notes.push(
      `This image index lists ${n(total)} images; Berth read ${n(total - budget.skipped)} of them in full and lists the other ${n(budget.skipped)} by platform only. Their sizes are not in the total.`,
    );
  }
  const cut = [
    ...(result.omittedLayers
      ? [{ name: 'This image', omitted: result.omittedLayers.count, listed: result.layers.length }]
      : []),
    ...result.manifests.flatMap((m) =>
      m.omittedLayers
        ? [{ name: `The image ${m.digest}`, omitted: m.omittedLayers.count, listed: m.layers.length }]
        : [],
    ),
  ];
  if (cut.length > 0) {
    const first = cut[0]!;
    const more = cut.length > 1 ? ` (and ${n(cut.length - 1)} more images like it)` : '';
    notes.push(
      `${first.name}${more} has ${n(first.listed + first.omitted)} layers; the first ${n(first.listed)} are listed. Every layer counts in the size.`,
    );
  }
  return notes;
}
