// MovesFeed is the first thing on the Activity screen: what changed, across every repository, newest first.
// Each line says which tag moved to which image (by version name, never hex when a name is known), in
// which repository and registry, who did it and when: "production moved 2.0 → 2.2 · app · Demo · alice".

import { dayAndTime, exactTime } from '../../../shared/activity';
import { moveSentence } from '../../../shared/activity-feed';
import type { TagMove } from '../../../shared/events';
import { useEventRegistries } from '../../hooks/use-event-registries';
import { clipText, shownText, shownTitle } from '../../lib/shown-text';
import { movesPlaceholder } from './moves-placeholder';

/** NAME_LIMIT cuts a user or repository name: a line of the feed is a glance, not a record. */
const NAME_LIMIT = 60;

/** MovesFeedProps: the newest moves (null while loading), whether more can be shown, and the clock. */
export interface MovesFeedProps {
  moves: TagMove[] | null;
  error: string | null;
  now: number;
  /** onMore shows a longer list; null when everything stored is shown. */
  onMore: (() => void) | null;
  /** onOpenRepository filters the screen to one repository. */
  onOpenRepository(repository: string): void;
}

/** MovesFeed lists tag moves of every repository; an empty store says how moves get here. */
export function MovesFeed({ moves, error, now, onMore, onOpenRepository }: MovesFeedProps) {
  const registries = useEventRegistries(moves ?? []);
  return (
    <section className="card moves-feed" aria-labelledby="feed-title" data-testid="moves-feed">
      <h2 className="card-title" id="feed-title">
        What changed
      </h2>
      {movesPlaceholder(
        error,
        moves,
        {
          text: 'No tag has moved yet. When someone pushes a tag while the listener runs, it shows here.',
          testId: 'feed-empty',
        },
        'muted small',
      ) ?? (
        <ol className="feed-list">
          {moves?.map((m) => {
            const registry = registries.get(m);
            return (
              <li
                key={m.eventId}
                className="feed-move"
                data-testid="feed-move"
                data-repository={m.repository}
              >
                <span className="feed-what">{shownText(moveSentence(m))}</span>
                <span className="feed-meta">
                  <button
                    type="button"
                    className="link-button feed-repository"
                    title={shownTitle(`Show the activity of ${m.repository}`)}
                    onClick={() => onOpenRepository(m.repository)}
                  >
                    {clipText(m.repository, NAME_LIMIT).text}
                  </button>
                  <span
                    className={registry ? 'feed-registry' : 'feed-registry unknown'}
                    data-testid="feed-registry"
                  >
                    {registry ? `registry ${clipText(registry.name, NAME_LIMIT).text}` : 'unknown registry'}
                  </span>
                  {m.actor && <span className="feed-actor">{clipText(m.actor, NAME_LIMIT).text}</span>}
                  <time dateTime={new Date(m.time).toISOString()} title={exactTime(m.time)}>
                    {dayAndTime(m.time, now)}
                  </time>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {onMore && (
        <button
          type="button"
          className="button button-small feed-more"
          onClick={onMore}
          data-testid="feed-more"
        >
          Show more
        </button>
      )}
    </section>
  );
}
