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
  // Most tags are plain dotted numbers or plain names: read those without the expression (100,000 tags).
  const first = tag.charCodeAt(0);
  if (first !== 118 /* v */ && (first < 48 || first > 57)) return null;
  const plain = plainRelease(tag);
  if (plain) return { release: plain, pre: null, build: null };
  const m = VERSION_RE.exec(tag);
  if (!m) return null;
  const release = m[1]!.split('.').map(Number);
  if (release.some((n) => !Number.isSafeInteger(n))) return null;
  return { release, pre: m[2] ?? null, build: m[3] ?? null };
}

/** plainRelease reads `1.2.3` (digits and single dots only) as numbers, or returns null for anything else. */
function plainRelease(tag: string): number[] | null {
  const release: number[] = [];
  let n = 0;
  let digits = 0;
  for (let i = 0; i < tag.length; i++) {
    const c = tag.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c === 46 && digits > 0 && digits <= 15) {
      release.push(n);
      n = 0;
      digits = 0;
    } else return null;
  }
  if (digits === 0 || digits > 15) return null;
  release.push(n);
  return release;
}

/** isVersionTag says whether a tag reads as a version (`1.2`, `v3`, `2.0.1-rc1`). */
export function isVersionTag(tag: string): boolean {
  // Plain names and plain releases, most tags of a large repository, are told without the parse cache:
  // filling it with 100,000 entries held the screen ~100 ms right after its first rows.
  const first = tag.charCodeAt(0);
  if (first !== 118 /* v */ && (first < 48 || first > 57)) return false;
  return plainRelease(tag) !== null || parsedVersion(tag) !== null;
}

// Sorting 100,000 tags compares each one ~17 times: remember parses instead of re-running the expression.
const parsedCache = new Map<string, ParsedVersion | null>();
const PARSED_CACHE_LIMIT = 200_000;

/** parsedVersion is parseVersion, remembered; the result is shared, so callers must not change it. */
export function parsedVersion(tag: string): ParsedVersion | null {
  let v = parsedCache.get(tag);
  if (v === undefined) {
    if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
    v = parseVersion(tag);
    parsedCache.set(tag, v);
  }
  return v;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** compareNatural orders strings with digit runs compared as numbers (`build-9` before `build-10`). */
export function compareNatural(a: string, b: string): number {
  const primary = compareTagChars(a, b);
  return (primary ?? collator.compare(a, b)) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * rankOf places a tag character as the collator does at base strength: `_` < `-` < `.` < digits <
 * letters (case ignored). Any other character returns -1, and the collator decides.
 */
function rankOf(c: number): number {
  if (c >= 97 && c <= 122) return c; // a-z
  if (c >= 65 && c <= 90) return c + 32; // A-Z, as lower case
  if (c === 95) return 1; // _
  if (c === 45) return 2; // -
  if (c === 46) return 3; // .
  return -1;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * compareTagChars is the collator's base-strength numeric order for the characters a tag may hold
 * ([A-Za-z0-9_.-]), without ICU: sorting 100,000 tags spent most of its time in Intl.Collator. It
 * returns null for any other character, so the collator stays the reference.
 */
function compareTagChars(a: string, b: string): number | null {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      // Compare digit runs as numbers: skip leading zeros, then the longer run is larger, then digit by digit.
      while (i < a.length && a.charCodeAt(i) === 48) i++;
      while (j < b.length && b.charCodeAt(j) === 48) j++;
      let ea = i;
      let eb = j;
      while (ea < a.length && isDigit(a.charCodeAt(ea))) ea++;
      while (eb < b.length && isDigit(b.charCodeAt(eb))) eb++;
      if (ea - i !== eb - j) return ea - i - (eb - j);
      for (; i < ea; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
      continue;
    }
    const ra = isDigit(ca) ? 10 : rankOf(ca);
    const rb = isDigit(cb) ? 10 : rankOf(cb);
    if (ra < 0 || rb < 0) return null;
    if (ra !== rb) return ra - rb;
    i++;
    j++;
  }
  if (i < a.length || j < b.length) {
    // The rest must be tag characters too, or the collator decides.
    for (let k = i; k < a.length; k++)
      if (!isDigit(a.charCodeAt(k)) && rankOf(a.charCodeAt(k)) < 0) return null;
    for (let k = j; k < b.length; k++)
      if (!isDigit(b.charCodeAt(k)) && rankOf(b.charCodeAt(k)) < 0) return null;
    return i < a.length ? 1 : -1;
  }
  return 0;
}

function comparePre(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // a release sorts after its pre-releases
  if (b === null) return -1;
  return compareNatural(a, b);
}

/** compareVersions orders tags ascending: versions by their numbers, then non-version tags naturally. */
export function compareVersions(a: string, b: string): number {
  return compareParsedVersions(a, parsedVersion(a), b, parsedVersion(b));
}

/** compareParsedVersions is compareVersions for tags already parsed (sorting 100,000 tags parses each once). */
export function compareParsedVersions(
  a: string,
  va: ParsedVersion | null,
  b: string,
  vb: ParsedVersion | null,
): number {
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
