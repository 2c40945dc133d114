// SinceSummaryLine is the line above a reopened repository's tags that says what changed since the person
// last marked it seen ("Since Tuesday 10:04: production moved 2.0 → 2.2, 2 new tags, 1 gone"), lists the
// tags that are gone (their rows are no longer there to mark), and offers "Mark as seen", the only thing
// that makes it go away.

import type { SinceSummary } from '../../../shared/since-summary';
import type { ShownError } from '../../lib/errors';
import { clipText, shownText } from '../../lib/shown-text';

/** LIST_LIMIT bounds the tags listed by name; the tooltip has them all. */
const LIST_LIMIT = 10;
/** TAG_LIMIT cuts one tag's name in the list; a tag can be 128 characters. */
const TAG_LIMIT = 40;

/** SinceSummaryProps: the summary, and marking it seen. */
export interface SinceSummaryProps {
  summary: SinceSummary;
  marking: boolean;
  error: ShownError | null;
  onMarkSeen(): void;
}

function TagList({ label, tags, testId }: { label: string; tags: readonly string[]; testId: string }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, LIST_LIMIT).map((t) => clipText(t, TAG_LIMIT).text);
  const more = tags.length - shown.length;
  return (
    <span className="since-list small" data-testid={testId} title={shownText(tags.join(', '))}>
      {label}: {shown.join(', ')}
      {more > 0 ? ` and ${more} more` : ''}
    </span>
  );
}

/** SinceSummaryLine renders the summary with its lists and the "Mark as seen" button. */
export function SinceSummaryLine({ summary, marking, error, onMarkSeen }: SinceSummaryProps) {
  return (
    <section
      className="since-summary"
      aria-label="Changes since you marked this repository seen"
      data-testid="since-summary"
    >
      <div className="since-lines">
        <span className="since-text" data-testid="since-text">
          {shownText(summary.text)}
        </span>
        <TagList label="Gone" tags={summary.gone} testId="since-gone" />
        <TagList label="New" tags={summary.added} testId="since-new" />
        {error && (
          <span className="small field-error" role="alert">
            {error.message}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={onMarkSeen}
        disabled={marking}
        title="Stop showing these changes: the next ones are told from now"
        data-testid="mark-seen"
      >
        {marking ? 'Marking…' : 'Mark as seen'}
      </button>
    </section>
  );
}
