// Choosing one platform of a multi-platform image, as `--platform linux/arm64/v8` asks for it.

import { platformLabel } from './image-compare';
import type { Platform } from './model';

// Each part as the OCI image spec and Go's GOOS/GOARCH spell them: lower-case words, digits, _ . -
const PART = /^[a-z0-9][a-z0-9._-]*$/;

/** parsePlatform reads `os/arch` or `os/arch/variant` (any case); null when the text has another shape. */
export function parsePlatform(text: string): Platform | null {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) return null;
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** PlatformChoice is the outcome of matching: the one entry, or every entry that matched, or none. */
export type PlatformChoice<T> =
  | { kind: 'one'; entry: T }
  | { kind: 'ambiguous'; entries: T[] }
  | { kind: 'none' };

/**
 * choosePlatform finds the entry built for `wanted`. A wanted variant must match exactly; without
 * one, an entry without a variant wins over entries with one (as `docker pull` prefers), and
 * several variants left to choose from are ambiguous rather than guessed.
 */
export function choosePlatform<T extends { platform: Platform }>(
  entries: readonly T[],
  wanted: Platform,
): PlatformChoice<T> {
  const same = entries.filter(
    (e) => e.platform.os === wanted.os && e.platform.architecture === wanted.architecture,
  );
  const hits = wanted.variant
    ? same.filter((e) => e.platform.variant === wanted.variant)
    : same.some((e) => !e.platform.variant)
      ? same.filter((e) => !e.platform.variant)
      : same;
  if (hits.length === 1) return { kind: 'one', entry: hits[0]! };
  return hits.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', entries: hits };
}

/** platformList writes platforms for a sentence: `linux/amd64, linux/arm64/v8`. */
export function platformList(entries: readonly { platform: Platform }[]): string {
  return entries.map((e) => platformLabel(e.platform)).join(', ');
}
