// Walking text by code points in place, without spreading it into an array: an emoji or any character
// outside the Basic Multilingual Plane is two UTF-16 units, and a cut or a step must never split them.

/** codePointWidth is how many UTF-16 units the code point at `i` takes (2 for a surrogate pair). */
export function codePointWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const next = s.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}
