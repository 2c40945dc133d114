// TagsLegend is the one line under the tags table that says what the arrow means, with a real alias of
// this repository as the example: people who never met "alias tags" read `latest → 2.2` as a move.

import { ArrowRightIcon } from '../../components/icons';
import { clipText, shownTitle } from '../../lib/shown-text';

/** NAME_LIMIT cuts a tag in the example: the legend is one line, and tags may be 128 characters long. */
const NAME_LIMIT = 24;

/** TagsLegendProps: an alias of the repository and the image it names, for the example. */
export interface TagsLegendProps {
  alias: string;
  target: string;
}

/** TagsLegend explains the arrow with `alias → target`; the view shows it only when an alias exists. */
export function TagsLegend({ alias, target }: TagsLegendProps) {
  const a = clipText(alias, NAME_LIMIT).text;
  const t = clipText(target, NAME_LIMIT).text;
  return (
    <p
      className="tags-legend small muted"
      data-testid="tags-legend"
      title={`${shownTitle(alias)} and ${shownTitle(target)} have the same digest: pulling either gets the same image`}
    >
      <span className="tags-legend-example" aria-hidden="true">
        {a}{' '}
        <span className="alias-badge">
          <ArrowRightIcon size={12} />
          {t}
        </span>
      </span>{' '}
      means <strong>{a}</strong> is another name for the image tagged <strong>{t}</strong>: the same digest.
    </p>
  );
}
