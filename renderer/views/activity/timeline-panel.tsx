// TimelinePanel is the Activity screen's main column: the event count, then the timeline, or what stands
// in for it (loading, an error with Retry, "no event matches" with a way to clear the filters, or how to
// get events at all).

import type { KeyboardEvent } from 'react';
import { countLine, type EventCounts } from '../../../shared/activity-feed';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { ActivityIcon, SearchIcon } from '../../components/icons';
import { LoadingState } from '../../components/loading-state';
import { useEventRegistries } from '../../hooks/use-event-registries';
import type { Timeline as TimelineState } from '../../hooks/use-timeline';
import { formatCount } from '../../lib/text';
import { Timeline } from './timeline';

/** TimelinePanelProps: the loaded timeline, the selection, and the ways out of an empty list. */
export interface TimelinePanelProps {
  timeline: TimelineState;
  now: number;
  /** filtered says the filters narrow the view, so an empty list means "nothing matches". */
  filtered: boolean;
  /** running: the listener is on (the count says "live", the empty state says so). */
  running: boolean;
  selected: number;
  onSelect(index: number): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onClearFilters(): void;
  /** onOpenSetup shows the listener's setup; null while it is shown already. */
  onOpenSetup: (() => void) | null;
  /** counts are what the filter selects, Berth's own reads included and alone; null while they load. */
  counts: EventCounts | null;
  /** berthShown: Berth's own reads are in the list; onToggleBerth shows or hides them. */
  berthShown: boolean;
  onToggleBerth(): void;
}

/** CountLine says how many events match and what became of Berth's own reads, with a way to show them. */
function CountLine({ props }: { props: TimelinePanelProps }) {
  const { timeline, running, counts } = props;
  const n = timeline.events.length;
  if (timeline.phase !== 'ready') return null;
  // Until the counts come (or if they fail), the loaded rows are what can be told.
  const line =
    counts === null
      ? n === 0
        ? ''
        : `${formatCount(n)}${timeline.more ? '+' : ''} ${n === 1 ? 'event' : 'events'}`
      : countLine(counts, props.berthShown);
  return (
    <>
      {line && `${line}, newest first${running ? ' · live' : ''}`}
      {counts !== null && counts.berth > 0 && (
        <>
          {' · '}
          <button
            type="button"
            className="link-button"
            onClick={props.onToggleBerth}
            data-testid="toggle-berth-reads"
          >
            {props.berthShown ? 'Hide them' : 'Show them'}
          </button>
        </>
      )}
    </>
  );
}

/** TimelinePanel renders the count line and the list or its stand-in. */
export function TimelinePanel(props: TimelinePanelProps) {
  const { timeline, running } = props;
  const events = timeline.events;
  const registries = useEventRegistries(events);
  return (
    <div className="activity-timeline list-body">
      <div className="activity-count muted small" role="status" data-testid="timeline-count">
        <CountLine props={props} />
        {timeline.loadingMore && ' · loading older events…'}
      </div>
      {timeline.phase === 'loading' ? (
        <LoadingState label="Loading the activity…" testId="timeline-loading" />
      ) : timeline.phase === 'error' && timeline.error ? (
        <ErrorState
          title="The activity could not be loaded"
          error={timeline.error}
          onRetry={timeline.retry}
          testId="timeline-error"
        />
      ) : events.length === 0 && !props.berthShown && (props.counts?.berth ?? 0) > 0 ? (
        <EmptyState
          icon={<ActivityIcon size={28} />}
          title="Only Berth's own reads"
          testId="timeline-berth-only"
        >
          <p className="placeholder-text">
            Every event here is Berth itself reading the registry (checking tags, opening details), not a
            person's pull.
          </p>
          <button type="button" className="button" onClick={props.onToggleBerth}>
            Show them
          </button>
        </EmptyState>
      ) : events.length === 0 && props.filtered ? (
        <EmptyState icon={<SearchIcon size={28} />} title="No event matches" testId="timeline-no-match">
          <p className="placeholder-text">Nothing stored matches these filters.</p>
          <button type="button" className="button" onClick={props.onClearFilters}>
            Clear the filters
          </button>
        </EmptyState>
      ) : events.length === 0 ? (
        <EmptyState icon={<ActivityIcon size={28} />} title="No activity yet" testId="timeline-empty">
          <p className="placeholder-text">
            {running
              ? 'The listener is on. Events appear here as soon as the registry sends them: push an image, or use "Send test event".'
              : 'Start the listener and point your registry at it: Berth then shows who pushed and pulled what, and when each tag moved.'}
          </p>
          {props.onOpenSetup && (
            <button type="button" className="button" onClick={props.onOpenSetup}>
              Set up the listener
            </button>
          )}
        </EmptyState>
      ) : (
        <Timeline
          events={events}
          registries={registries}
          now={props.now}
          more={timeline.more}
          onLoadMore={timeline.loadMore}
          selected={props.selected}
          onSelect={props.onSelect}
          onOpen={() => {}}
          onKeyDown={props.onKeyDown}
        />
      )}
    </div>
  );
}
