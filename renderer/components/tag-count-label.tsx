// TagCountLabel shows a repository's tag count once known, a quiet placeholder until then.

import type { TagCount } from '../hooks/use-tag-counts';
import { countOf } from '../lib/text';

/** TagCountLabel renders "12 tags", "…" while unknown, or a short problem with the full sentence as tooltip. */
export function TagCountLabel({ count }: { count: TagCount | undefined }) {
  if (!count)
    return (
      <span className="tag-count pending" data-testid="tag-count" data-state="pending">
        <span aria-hidden="true">…</span>
        <span className="visually-hidden">Counting tags</span>
      </span>
    );
  if ('error' in count)
    return (
      <span className="tag-count problem" title={count.error} data-testid="tag-count" data-state="error">
        {count.notFound ? 'not found' : 'unavailable'}
      </span>
    );
  return (
    <span className="tag-count" data-testid="tag-count" data-state="ready" data-count={count.count}>
      {countOf(count.count, 'tag', 'tags')}
    </span>
  );
}
