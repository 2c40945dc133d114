// Version-like tag names that the fast version orders must treat exactly as the table comparator does:
// ties the packed keys cannot tell apart, pre-releases, builds, leading zeros, numbers too large to pack,
// and plain names. Shared by the tests of versionOrder and versionTop.

/** TRICKY holds what the packed keys cannot tell apart or cannot hold, beside plain releases and names. */
export const TRICKY = [
  ...'2.0 latest 1.10 2.0-rc1 1.9 v1.2 production 2.0-rc10 2.0-rc2 alpha 1.2 1.2.0 01.2 1.02'.split(' '),
  ...'1.2.0.0 1.2.3.4.5 70000.1 1.5000 1.2+b1 1.2+b2 v2 2 1.0.0-alpha 1.0.0-alpha.1 latest2'.split(' '),
  ...'Latest _x -y 9007199254740993 1.2.3.4.5.6 0 0.0 4095.4095.4095.4095 65535.1 65536 1.4096'.split(' '),
];

/** sampleTricky draws `n` names from TRICKY with a fixed seed, repeats included. */
export function sampleTricky(seed: number, n: number): string[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return TRICKY[x % TRICKY.length]!;
  });
}
