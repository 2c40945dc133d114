// SameImageMarks writes, on a version row, what else its image is called, as the classic text view
// does: `= 2.3` for sibling versions, `← qatesting, perftesting` for the aliases pointing at it. Alias
// rows already carry their `→ 2.1 = 2.3` badge; so nobody has to switch on "group by image" to see it.

import { joinNames, joinVersions } from '../../../shared/grouping';
import type { SameImage } from '../../../shared/same-image';
import { shownText, shownTitle, shownTitleList } from '../../lib/shown-text';

/** SameImageMarks shows a version row's sibling versions and the aliases pointing at it; nothing otherwise. */
export function SameImageMarks({ tag, same }: { tag: string; same: SameImage }) {
  return (
    <>
      {same.equals.length > 0 && (
        <span
          className="same-versions clip-line"
          title={`${shownTitle(tag)} is the same image as ${shownTitleList(same.equals)}`}
          data-testid="same-versions"
        >
          <span aria-hidden="true">= </span>
          <span className="visually-hidden">same image as </span>
          {shownText(joinVersions(same.equals))}
        </span>
      )}
      {same.pointedBy.length > 0 && (
        <span
          className="pointed-by clip-line"
          title={`Also tagged ${shownTitleList(same.pointedBy)}: ${same.pointedBy.length === 1 ? 'that name points' : 'these names point'} at ${shownTitle(tag)}`}
          data-testid="pointed-by"
        >
          <span aria-hidden="true">← </span>
          <span className="visually-hidden">also tagged </span>
          {shownText(joinNames(same.pointedBy))}
        </span>
      )}
    </>
  );
}
