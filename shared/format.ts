/** formatBytes writes a byte count for people: 4 MiB, 512 KiB, 1.3 GiB. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 1 : 0);
  return `${text} ${units[unit]}`;
}

/** shortDigest shortens `sha256:abcdef…` to its first 12 hex characters, as Docker shows image IDs. */
export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return '';
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}
