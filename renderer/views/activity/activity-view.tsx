// ActivityView is the Activity screen: first what changed (tag moves across every repository), then the
// listener's setup, a histogram of pushes and pulls, the filtered timeline (live while the listener runs;
// Berth's own reads hidden and counted) and, for a repository, how its tags moved. Other views
// link here with navigate({ name: 'activity', repository, tag, registryId }).

import { useEffect, useState } from 'react';
import { emptyFilterForm, quietFor, relativeTime } from '../../../shared/activity';
import { listenerLine } from '../../../shared/activity-feed';
import { BackIcon, ReloadIcon, WarningIcon } from '../../components/icons';
import { useActivityFilter, useSuggestions } from '../../hooks/use-activity-filter';
import { useActivityLive } from '../../hooks/use-activity-live';
import {
  useEventCounts,
  useHistogram,
  useLiveRefresh,
  useRecentMoves,
  useTagMoves,
} from '../../hooks/use-activity-summaries';
import { useGlobalKeys } from '../../hooks/use-global-keys';
import { useListKeys } from '../../hooks/use-list-keys';
import { useNow } from '../../hooks/use-now';
import { useTimeline } from '../../hooks/use-timeline';
import { clipText } from '../../lib/shown-text';
import { useNavigation } from '../../state/navigation';
import { ActivitySourceCard } from './activity-source';
import { FilterBar } from './filter-bar';
import { Histogram } from './histogram';
import { ListenerSetup } from './listener-setup';
import { Movements } from './movements';
import { MovesFeed } from './moves-feed';
import { TimelinePanel } from './timeline-panel';

/** FEED_FIRST and FEED_MORE are how many tag moves the feed shows at first, and after "Show more". */
const FEED_FIRST = 6;
const FEED_MORE = 100;

/** ActivityViewProps: where the screen opens (a repository and tag to show), and where Back returns. */
export interface ActivityViewProps {
  repository: string | null;
  tag: string | null;
  registryId: string | null;
}

/** ActivityView is the whole screen; a new source remounts it, so every part reads the new source. */
export function ActivityView(props: ActivityViewProps) {
  const [rev, setRev] = useState(0);
  const [sourceOpen, setSourceOpen] = useState(false);
  return (
    <ActivityScreen
      key={rev}
      {...props}
      sourceOpen={sourceOpen}
      onToggleSource={() => setSourceOpen(!sourceOpen)}
      onSourceChanged={() => setRev((r) => r + 1)}
    />
  );
}

interface ActivityScreenProps extends ActivityViewProps {
  sourceOpen: boolean;
  onToggleSource(): void;
  onSourceChanged(): void;
}

function ActivityScreen({
  repository,
  tag,
  registryId,
  sourceOpen,
  onToggleSource,
  onSourceChanged,
}: ActivityScreenProps) {
  const { navigate } = useNavigation();
  const now = useNow(15_000);
  const { form, setForm, problems, filter, key, filtered } = useActivityFilter(repository, tag);
  const timeline = useTimeline(filter, key);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [setupOpen, setSetupOpen] = useState<boolean | null>(null);

  // The histogram and tag moves reload after live events, at most once a second.
  const { onEvents, refresh } = useLiveRefresh(timeline.addLive);
  const live = useActivityLive(onEvents);
  const status = live.status;
  const histogram = useHistogram(filter, refresh);
  const moves = useTagMoves(filter, refresh);
  const [feedLimit, setFeedLimit] = useState(FEED_FIRST);
  const feed = useRecentMoves(feedLimit, refresh);
  const counts = useEventCounts(filter, refresh);

  const events = timeline.events;
  const selected = selectedId === null ? -1 : events.findIndex((e) => e.id === selectedId);
  const listKeys = useListKeys({
    count: events.length,
    selected,
    setSelected: (i) => setSelectedId(events[i]?.id ?? null),
    onOpen: () => {},
  });
  useGlobalKeys({
    slash: () => document.querySelector<HTMLInputElement>('[data-testid="filter-repository"]')?.focus(),
  });
  const suggestions = useSuggestions(events);

  // The setup opens by itself when the screen finds the listener off; after that, people decide.
  useEffect(() => {
    if (status && setupOpen === null) setSetupOpen(!status.running);
  }, [status, setupOpen]);
  const showSetup = setupOpen ?? false;
  const quiet =
    status?.running && status.startedAt
      ? quietFor(live.lastEventAt, Date.parse(status.startedAt), now, status.quietMinutes)
      : null;

  return (
    <div className="page activity-page" data-testid="activity-view">
      <header className="page-header">
        <div className="page-heading">
          {registryId && filter.repository && (
            <button
              type="button"
              className="button button-quiet back-button"
              onClick={() =>
                navigate({ name: 'registry', registryId, repository: filter.repository ?? null })
              }
              data-testid="activity-back"
            >
              <BackIcon /> Back to {clipText(filter.repository, 48).text}
            </button>
          )}
          <h1 className="page-title">Activity</h1>
          <p className="page-subtitle" data-testid="activity-subtitle">
            {status === null
              ? 'Pushes, pulls and deletes your registries report to Berth.'
              : listenerLine(status)}
          </p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className={sourceOpen ? 'button current' : 'button'}
            aria-expanded={sourceOpen}
            aria-controls="activity-source"
            onClick={onToggleSource}
            data-testid="toggle-source"
          >
            Source
          </button>
          <button
            type="button"
            className={showSetup ? 'button current' : 'button'}
            aria-expanded={showSetup}
            aria-controls="listener-setup"
            onClick={() => setSetupOpen(!showSetup)}
            data-testid="toggle-setup"
          >
            <span className={status?.running ? 'status-dot status-ok' : 'status-dot'} aria-hidden="true" />
            {status?.running ? 'Listener on' : 'Listener off'}
          </button>
        </div>
      </header>
      <div className="activity-scroll">
        {live.error && (
          <div className="inline-alert" role="alert" data-testid="live-error">
            <span>{live.error.message}</span>
            <button type="button" className="button button-small" onClick={live.retry}>
              <ReloadIcon /> Retry
            </button>
          </div>
        )}
        <div className="activity-section">
          <MovesFeed
            moves={feed.moves}
            error={feed.error}
            now={now}
            onMore={
              feedLimit < FEED_MORE && feed.moves?.length === feedLimit ? () => setFeedLimit(FEED_MORE) : null
            }
            onOpenRepository={(repository) => setForm({ ...form, repository, tag: '' })}
          />
        </div>
        {sourceOpen && (
          <div id="activity-source" className="activity-section">
            <ActivitySourceCard onChanged={onSourceChanged} />
          </div>
        )}
        {showSetup && status && (
          <div id="listener-setup" className="activity-section">
            <ListenerSetup
              status={status}
              onStatus={live.setStatus}
              lastEventAt={live.lastEventAt}
              now={now}
            />
          </div>
        )}
        {quiet !== null && status && (
          <div className="inline-alert activity-quiet" role="alert" data-testid="quiet-warning">
            <WarningIcon className="banner-icon" />
            <span>
              Nothing has arrived for {relativeTime(now - quiet, now).replace(' ago', '')} although the
              listener is on. Check that the registry's config.yml has the notifications block, that it was
              restarted, and that it can reach {status.url}.
            </span>
          </div>
        )}
        <div className="activity-section">
          <FilterBar form={form} problems={problems} onChange={setForm} suggestions={suggestions} />
        </div>
        <div className="activity-section">
          <Histogram data={histogram.data} loading={histogram.loading} error={histogram.error} />
        </div>
        <div className={filter.repository ? 'activity-main with-side' : 'activity-main'}>
          <TimelinePanel
            timeline={timeline}
            now={now}
            filtered={filtered}
            running={status?.running ?? false}
            selected={selected}
            onSelect={(i) => setSelectedId(events[i]?.id ?? null)}
            onKeyDown={listKeys}
            onClearFilters={() => setForm(emptyFilterForm())}
            onOpenSetup={showSetup ? null : () => setSetupOpen(true)}
            counts={counts}
            berthShown={form.showBerthReads}
            onToggleBerth={() => setForm({ ...form, showBerthReads: !form.showBerthReads })}
          />
          {filter.repository && (
            <Movements
              repository={filter.repository}
              tag={filter.tag ?? null}
              moves={moves.moves}
              error={moves.error}
              now={now}
            />
          )}
        </div>
      </div>
    </div>
  );
}
