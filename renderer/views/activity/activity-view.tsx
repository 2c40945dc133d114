// ActivityView is the Activity screen: the listener's setup, a histogram of pushes and pulls, the
// filtered timeline (live while the listener runs) and, for a repository, how its tags moved. Other views
// link here with navigate({ name: 'activity', repository, tag, registryId }).

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type ActivityFilter,
  emptyFilterForm,
  parseFilterForm,
  quietFor,
  relativeTime,
  TIME_RANGES,
} from '../../../shared/activity';
import type { HistogramResult } from '../../../shared/activity-api';
import type { ActivityEvent, TagMove } from '../../../shared/events';
import { api } from '../../api';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { ActivityIcon, BackIcon, ReloadIcon, SearchIcon, WarningIcon } from '../../components/icons';
import { LoadingState } from '../../components/loading-state';
import { useActivityLive } from '../../hooks/use-activity-live';
import { useGlobalKeys } from '../../hooks/use-global-keys';
import { useListKeys } from '../../hooks/use-list-keys';
import { useNow } from '../../hooks/use-now';
import { useTimeline } from '../../hooks/use-timeline';
import { toShownError } from '../../lib/errors';
import { countOf, formatCount } from '../../lib/text';
import { useNavigation } from '../../state/navigation';
import { FilterBar } from './filter-bar';
import { Histogram } from './histogram';
import { ListenerSetup } from './listener-setup';
import { Movements } from './movements';
import { Timeline } from './timeline';

/** ActivityViewProps: where the screen opens (a repository and tag to show), and where Back returns. */
export interface ActivityViewProps {
  repository: string | null;
  tag: string | null;
  registryId: string | null;
}

/** useDebounced follows a value after it stopped changing for ms milliseconds. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function distinct(values: (string | null)[], max = 200): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))].slice(0, max).sort();
}

const HISTOGRAM_BARS = 60;

/** ActivityView is the whole screen. */
export function ActivityView({ repository, tag, registryId }: ActivityViewProps) {
  const { navigate } = useNavigation();
  const now = useNow(15_000);
  const [form, setForm] = useState(() => ({
    ...emptyFilterForm(),
    repository: repository ?? '',
    tag: tag ?? '',
  }));
  const parsed = useMemo(() => parseFilterForm(form, Date.now()), [form]);
  const key = useDebounced(JSON.stringify(parsed.filter), 250);
  const filter = useMemo(() => JSON.parse(key) as ActivityFilter, [key]);
  const timeline = useTimeline(filter, key);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [setupOpen, setSetupOpen] = useState<boolean | null>(null);

  // The histogram and tag moves reload after live events, at most once a second.
  const [refresh, setRefresh] = useState(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(refreshTimer.current ?? undefined), []);
  const onEvents = useCallback(
    (events: ActivityEvent[]) => {
      timeline.addLive(events);
      if (refreshTimer.current === null) {
        refreshTimer.current = setTimeout(() => {
          refreshTimer.current = null;
          setRefresh((n) => n + 1);
        }, 1000);
      }
    },
    [timeline.addLive],
  );
  const live = useActivityLive(onEvents);
  const status = live.status;

  const [histogram, setHistogram] = useState<{ data: HistogramResult | null; error: string | null }>({
    data: null,
    error: null,
  });
  const [histogramLoading, setHistogramLoading] = useState(true);
  useEffect(() => {
    void refresh;
    let current = true;
    const until = filter.until ?? Date.now();
    const since = filter.since ?? until - TIME_RANGES['30d'];
    setHistogramLoading(true);
    api
      .call('events.histogram', { ...filter, since, until, bars: HISTOGRAM_BARS })
      .then(
        (data) => current && setHistogram({ data, error: null }),
        (err: unknown) => current && setHistogram((h) => ({ ...h, error: toShownError(err).message })),
      )
      .finally(() => current && setHistogramLoading(false));
    return () => {
      current = false;
    };
  }, [filter, refresh]);

  const movesKey = `${filter.repository ?? ''}:${filter.tag ?? ''}`;
  const [moves, setMoves] = useState<{ key: string; list: TagMove[] | null; error: string | null }>({
    key: '',
    list: null,
    error: null,
  });
  useEffect(() => {
    void refresh;
    if (!filter.repository) return;
    let current = true;
    const key = `${filter.repository}:${filter.tag ?? ''}`;
    api
      .call('events.tagHistory', {
        repository: filter.repository,
        ...(filter.tag ? { tag: filter.tag } : {}),
      })
      .then(
        (list) => current && setMoves({ key, list, error: null }),
        (err: unknown) => current && setMoves({ key, list: [], error: toShownError(err).message }),
      );
    return () => {
      current = false;
    };
  }, [filter.repository, filter.tag, refresh]);

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
  const suggestions = useMemo(
    () => ({
      repositories: distinct(events.map((e) => e.repository)),
      tags: distinct(events.map((e) => e.tag)),
      actors: distinct(events.map((e) => e.actor)),
    }),
    [events],
  );

  const filtered =
    form.repository.trim() !== '' ||
    form.tag.trim() !== '' ||
    form.actor.trim() !== '' ||
    form.action !== '' ||
    form.range !== '7d' ||
    form.includeBlobs;
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
              <BackIcon /> Back to {filter.repository}
            </button>
          )}
          <h1 className="page-title">Activity</h1>
          <p className="page-subtitle">
            {status === null
              ? 'Pushes, pulls and deletes your registries report to Berth.'
              : status.running
                ? `Listening at ${status.url} · ${countOf(live.storedTotal, 'event', 'events')} stored`
                : `The listener is off · ${countOf(live.storedTotal, 'event', 'events')} stored`}
          </p>
        </div>
        <div className="page-actions">
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
          <FilterBar form={form} problems={parsed.problems} onChange={setForm} suggestions={suggestions} />
        </div>
        <div className="activity-section">
          <Histogram data={histogram.data} loading={histogramLoading} error={histogram.error} />
        </div>
        <div className={filter.repository ? 'activity-main with-side' : 'activity-main'}>
          <div className="activity-timeline list-body">
            <div className="activity-count muted small" role="status" data-testid="timeline-count">
              {timeline.phase === 'ready' &&
                (events.length === 0
                  ? ''
                  : `${formatCount(events.length)}${timeline.more ? '+' : ''} ${events.length === 1 ? 'event' : 'events'}, newest first${status?.running ? ' · live' : ''}`)}
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
            ) : events.length === 0 && filtered ? (
              <EmptyState icon={<SearchIcon size={28} />} title="No event matches" testId="timeline-no-match">
                <p className="placeholder-text">Nothing stored matches these filters.</p>
                <button type="button" className="button" onClick={() => setForm(emptyFilterForm())}>
                  Clear the filters
                </button>
              </EmptyState>
            ) : events.length === 0 ? (
              <EmptyState icon={<ActivityIcon size={28} />} title="No activity yet" testId="timeline-empty">
                <p className="placeholder-text">
                  {status?.running
                    ? 'The listener is on. Events appear here as soon as the registry sends them: push an image, or use "Send test event".'
                    : 'Start the listener and point your registry at it: Berth then shows who pushed and pulled what, and when each tag moved.'}
                </p>
                {!showSetup && (
                  <button type="button" className="button" onClick={() => setSetupOpen(true)}>
                    Set up the listener
                  </button>
                )}
              </EmptyState>
            ) : (
              <Timeline
                events={events}
                now={now}
                more={timeline.more}
                onLoadMore={timeline.loadMore}
                selected={selected}
                onSelect={(i) => setSelectedId(events[i]?.id ?? null)}
                onOpen={() => {}}
                onKeyDown={listKeys}
              />
            )}
          </div>
          {filter.repository && (
            <Movements
              repository={filter.repository}
              tag={filter.tag ?? null}
              moves={moves.key === movesKey ? moves.list : null}
              error={moves.key === movesKey ? moves.error : null}
              now={now}
            />
          )}
        </div>
      </div>
    </div>
  );
}
