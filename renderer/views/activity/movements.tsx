// Movements lists how a repository's tags moved ("production: 2.0 → 2.1, Tuesday 14:02, alice"), newest
// first. Each side names the version tag sharing its digest when there is one, and the digest, short.

import type { ReactNode } from 'react';
import { dayAndTime, digestName, exactTime } from '../../../shared/activity';
import type { TagMove } from '../../../shared/events';
import { shortDigest } from '../../../shared/format';
import { clipText, shownText } from '../../lib/shown-text';
import { movesPlaceholder } from './moves-placeholder';

/** ACTOR_LIMIT cuts a user name: the card is narrow and a name of thousands of characters says nothing more. */
const ACTOR_LIMIT = 80;

function Side({ digest, tags, empty }: { digest: string | null; tags: string[]; empty: string }): ReactNode {
  if (digest === null) return <span className="move-empty">{empty}</span>;
  const name = digestName(digest, tags);
  const short = shortDigest(digest);
  return (
    <span className="move-side" title={digest}>
      {tags.length > 0 ? (
        <>
          <span className="move-tag">{shownText(name)}</span> <code className="digest">{short}</code>
        </>
      ) : (
        <code className="digest">{short}</code>
      )}
    </span>
  );
}

/** MovementsProps: the moves to show (null while loading) and the clock for "today 14:02". */
export interface MovementsProps {
  repository: string;
  tag: string | null;
  moves: TagMove[] | null;
  error: string | null;
  now: number;
}

/** Movements is the tag-movement history of one repository, or of one of its tags. */
export function Movements({ repository, tag, moves, error, now }: MovementsProps) {
  return (
    <section className="movements card" aria-labelledby="movements-title" data-testid="movements">
      <h2 className="card-title" id="movements-title">
        {shownText(tag ? `How ${repository}:${tag} moved` : `How the tags of ${repository} moved`)}
      </h2>
      {movesPlaceholder(error, moves, {
        text: 'No tag moves recorded yet. Berth sees a move when someone pushes a tag while the listener runs.',
        testId: 'movements-empty',
      }) ?? (
        <ol className="move-list">
          {moves?.map((m) => (
            <li key={m.eventId} className="move" data-testid="movement" data-tag={m.tag}>
              <span className="move-what">
                <strong className="move-name">{shownText(m.tag)}</strong>:{' '}
                <Side digest={m.fromDigest} tags={m.fromTags} empty="new" /> <span aria-hidden="true">→</span>
                <span className="visually-hidden">to</span>{' '}
                <Side digest={m.toDigest} tags={m.toTags} empty="deleted" />
              </span>
              <span className="move-meta">
                <time dateTime={new Date(m.time).toISOString()} title={exactTime(m.time)}>
                  {dayAndTime(m.time, now)}
                </time>
                {m.actor ? `, ${clipText(m.actor, ACTOR_LIMIT).text}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
