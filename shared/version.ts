// Version-aware ordering of tag names: `1.10` after `1.9`, `2.0-rc1` before `2.0`, `v1.2` like `1.2`.

/** VERSION_RE matches version-like tags: optional `v`, dotted numbers, optional `-pre` and `+build`. */
const VERSION_RE = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

/** ParsedVersion is a tag read as a version; `release` holds its numbers, `pre` its pre-release part. */
export interface ParsedVersion {
  release: number[];
  pre: string | null;
  build: string | null;
}

/** parseVersion reads a tag as a version, or returns null when it is not version-like (`latest`, `main`). */
export function parseVersion(tag: string): ParsedVersion | null {
  const m = VERSION_RE.exec(tag);
  if (!m) return null;
  const release = m[1]!.split('.').map(Number);
  if (release.some((n) => !Number.isSafeInteger(n))) return null;
  return { release, pre: m[2] ?? null, build: m[3] ?? null };
}

/** isVersionTag says whether a tag reads as a version (`1.2`, `v3`, `2.0.1-rc1`). */
export function isVersionTag(tag: string): boolean {
  return parseVersion(tag) !== null;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** compareNatural orders strings with digit runs compared as numbers (`build-9` before `build-10`). */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function comparePre(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // a release sorts after its pre-releases
  if (b === null) return -1;
  return compareNatural(a, b);
}

/** compareVersions orders tags ascending: versions by their numbers, then non-version tags naturally. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (va && !vb) return -1;
  if (!va && vb) return 1;
  if (!va || !vb) return compareNatural(a, b);
  const len = Math.max(va.release.length, vb.release.length);
  for (let i = 0; i < len; i++) {
    const d = (va.release[i] ?? 0) - (vb.release[i] ?? 0);
    if (d !== 0) return d;
  }
  return (
    comparePre(va.pre, vb.pre) ||
    va.release.length - vb.release.length ||
    compareNatural(va.build ?? '', vb.build ?? '') ||
    compareNatural(a, b)
  );
}
