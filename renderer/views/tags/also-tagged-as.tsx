// AlsoTaggedAs is the details panel's answer to "which tags are this same image?": every other name of
// the image, versions first, each a button that opens that tag. It needs only the digests, so it shows
// before the image's manifest and config are read.

import type { ImageGroup } from '../../../shared/grouping';
import { alsoTaggedAs } from '../../../shared/same-image';
import { isVersionTag } from '../../../shared/version';
import { shownText, shownTitle } from '../../lib/shown-text';
import { Section } from './image-sources';

/** AlsoTaggedAs lists the image's other tags; a click on one opens it. Nothing when the tag is the image's only name. */
export function AlsoTaggedAs({
  tag,
  group,
  onOpen,
}: {
  tag: string;
  group: ImageGroup | undefined;
  onOpen(tag: string): void;
}) {
  const others = group ? alsoTaggedAs(tag, group) : [];
  if (others.length === 0) return null;
  return (
    <Section title="Also tagged as" testId="also-tagged-as">
      <ul className="also-tagged">
        {others.map((t) => {
          const version = isVersionTag(t);
          return (
            <li key={t}>
              <button
                type="button"
                className={`chip ${version ? 'version' : 'alias'}`}
                title={`${shownTitle(t)} is the same image as ${shownTitle(tag)}${version ? '' : ' (another name for it)'}. Open ${shownTitle(t)}`}
                onClick={() => onOpen(t)}
                data-testid="also-tagged-tag"
                data-kind={version ? 'version' : 'alias'}
              >
                {shownText(t)}
              </button>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
