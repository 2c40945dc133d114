// moveSummary writes a tag move in one short line, so tests can state a whole history as a list of
// strings. The app draws moves as markup (renderer/views/activity/movements.tsx) from the same digestName.

import { digestName } from '../../shared/activity';
import type { TagMove } from '../../shared/events';

/** moveSummary writes a tag move as `2.0 → 2.1`, `new → 2.1` or `2.1 → deleted`. */
export function moveSummary(m: Pick<TagMove, 'fromDigest' | 'toDigest' | 'fromTags' | 'toTags'>): string {
  const from = m.fromDigest === null ? 'new' : digestName(m.fromDigest, m.fromTags);
  const to = m.toDigest === null ? 'deleted' : digestName(m.toDigest, m.toTags);
  return `${from} → ${to}`;
}
