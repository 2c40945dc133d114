// TagHistory is the details panel's "Where this tag pointed": the images the tag was seen on at each look
// (tags.history) and the moves the listener heard (events.tagHistory, with who), newest first, each image
// named by its versions (shared/tag-pointers.ts), and a way to the Activity screen for this tag.

import { useEffect, useMemo, useState } from 'react';
import type { TagDigestHistory } from '../../../shared/api';
import type { TagMove } from '../../../shared/events';
import { shortDigest } from '../../../shared/format';
import { tagPointers } from '../../../shared/tag-pointers';
import { api } from '../../api';
import { formatCreated } from '../../lib/created';
import { clipText, shownText, shownTitle } from '../../lib/shown-text';
import { useNavigation } from '../../state/navigation';
import type { ImageDetailsPanelProps } from './image-details';
import { Section } from './image-sources';

/** ACTOR_LIMIT cuts a user name: the panel is narrow. */
const ACTOR_LIMIT = 40;
/** MOVES_LIMIT bounds the moves read: the panel shows a tag's recent story, Activity the rest. */
const MOVES_LIMIT = 50;

/** TagHistoryProps: the tag, and the panel's repository and every tag's digest now (to name the images). */
export type TagHistoryProps = Pick<ImageDetailsPanelProps, 'registryId' | 'repository' | 'tags'> & {
  tag: string;
};

/** TagHistory reads the looks and moves when the tag (or its digest) changes; either may be missing. */
export function TagHistory({ registryId, repository, tag, tags }: TagHistoryProps) {
  const [looks, setLooks] = useState<TagDigestHistory[] | null>(null);
  const [moves, setMoves] = useState<TagMove[]>([]);
  const { navigate } = useNavigation();
  const digest = tags.get(tag) ?? null;
  useEffect(() => {
    void digest;
    let live = true;
    api.call('tags.history', { registryId, repository, tag }).then(
      (h) => live && setLooks(h),
      () => live && setLooks([]),
    );
    // Without a listener (or an activity store) there are no moves: the looks still tell the story.
    api.call('events.tagHistory', { repository, tag, limit: MOVES_LIMIT }).then(
      (m) => live && setMoves(m),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [registryId, repository, tag, digest]);
  const pointers = useMemo(() => tagPointers(tag, looks ?? [], moves, tags), [tag, looks, moves, tags]);
  return (
    <Section title="Where this tag pointed" testId="details-tag-history">
      {looks === null ? (
        <p className="muted small">Reading…</p>
      ) : pointers.length === 0 ? (
        <p className="muted small">No earlier look at this repository is recorded yet.</p>
      ) : (
        <ol className="plain-list">
          {pointers.map((p) =>
            p.kind === 'look' ? (
              <li
                key={`look-${p.digest}-${p.firstSeen}`}
                data-testid="tag-history-entry"
                data-kind="look"
                data-digest={p.digest}
              >
                <strong title={p.digest}>{shownText(p.name)}</strong>
                {p.name !== shortDigest(p.digest) && <code className="digest"> {shortDigest(p.digest)}</code>}
                {p.current && <span className="muted"> (now)</span>}{' '}
                <span className="muted small">
                  seen {formatCreated(p.firstSeen)}
                  {p.lastSeen !== p.firstSeen ? ` – ${formatCreated(p.lastSeen)}` : ''}
                </span>
              </li>
            ) : (
              <li key={`move-${p.eventId}`} data-testid="tag-history-move" data-kind="move">
                {shownText(p.text)}{' '}
                <span className="muted small">
                  {formatCreated(new Date(p.time).toISOString())}
                  {p.actor ? ` by ${clipText(p.actor, ACTOR_LIMIT).text}` : ''}
                </span>
              </li>
            ),
          )}
        </ol>
      )}
      <button
        type="button"
        className="button button-small"
        data-testid="tag-activity-link"
        title={`Who moved ${shownTitle(tag)}, and when`}
        onClick={() => navigate({ name: 'activity', repository, tag, registryId })}
      >
        Who moved this tag, and when (Activity)
      </button>
    </Section>
  );
}
