// A version's release numbers packed into one number that orders plain releases as compareParsedVersions
// does, so sorting (renderer/lib/version-order.ts) and finding a first screen (version-top.ts) compare most
// versions with one subtraction instead of a parse and a callback.

/** BITS packs a release's first four numbers into 16+12+12+12 = 52 bits, exact in a double. */
const BITS = [16, 12, 12, 12] as const;
/** SCALE[i] is 2^BITS[i]: the bound of the i-th number and the factor that shifts the key past it. */
const SCALE = BITS.map((b) => 2 ** b);

/**
 * releaseKey packs a release's numbers into one number ordered as compareParsedVersions orders releases
 * (missing numbers count as 0), or NaN when they do not fit.
 */
export function releaseKey(release: readonly number[]): number {
  if (release.length > BITS.length) return Number.NaN;
  let key = 0;
  for (let i = 0; i < BITS.length; i++) {
    const n = release[i] ?? 0;
    if (n >= SCALE[i]!) return Number.NaN;
    key = key * SCALE[i]! + n;
  }
  return key;
}

/**
 * plainKey is releaseKey for a plain release (`1.42.7`: digits and single dots, up to four numbers that
 * fit), read without building its parse; -1 for anything else (parseVersion decides then).
 */
export function plainKey(tag: string): number {
  let key = 0;
  let part = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i < tag.length; i++) {
    const c = tag.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      if (++digits > 15 || n >= SCALE[part]!) return -1;
    } else if (c === 46 && digits > 0 && part < SCALE.length - 1) {
      key = key * SCALE[part]! + n;
      part++;
      n = 0;
      digits = 0;
    } else return -1;
  }
  if (digits === 0) return -1;
  key = key * SCALE[part]! + n;
  for (part++; part < SCALE.length; part++) key *= SCALE[part]!;
  return key;
}
