// How the tags view writes image creation times: UTC, to the minute, the same on every machine.

/** formatCreated writes an ISO time as `2026-01-03 14:05` (UTC), or an empty string when unknown. */
export function formatCreated(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
