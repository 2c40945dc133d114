// Timeline is the virtualized list of events, newest first: who did what to which repository and tag,
// and when ("3 minutes ago", the exact time on hover). Older pages load as the list nears its end. Names
// come from the registry's events: drawn through shownText, and a row stays one line however long they are.

import { useCallback } from 'react';
import { exactTime, KIND_LABELS, relativeTime } from '../../../shared/activity';
import type { KnownRegistry } from '../../../shared/event-origin';
import { type ActivityEvent, eventSubject } from '../../../shared/events';
import { shortDigest } from '../../../shared/format';
import { type ListSelection, listSelection, VirtualList } from '../../components/virtual-list';
import { clipText, shownText, shownTitle } from '../../lib/shown-text';

/** ROW_HEIGHT is one event's row, in pixels. */
const ROW_HEIGHT = 40;

function what(e: ActivityEvent): string {
  if (e.kind === 'other' && e.action === 'test') return 'sent a test event';
  if (e.kind === 'other') return `reported "${e.action}" for`;
  return KIND_LABELS[e.kind];
}

/** ACTOR_LIMIT cuts a user name in a one-line row, so what they did and to what still shows. */
const ACTOR_LIMIT = 40;

/** REGISTRY_LIMIT cuts a registry's name: the row keeps its room for who did what. */
const REGISTRY_LIMIT = 24;

function EventRow({ e, now, registry }: { e: ActivityEvent; now: number; registry: KnownRegistry | null }) {
  const subject = e.tag ? `${e.repository}:${e.tag}` : eventSubject(e);
  const actor = e.actor ?? 'someone';
  return (
    <>
      <span className={`kind-badge kind-${e.kind}`}>{e.isBlob ? 'layer' : e.kind}</span>
      <span className="event-text" title={shownTitle(`${actor} ${what(e)} ${subject}`)}>
        <span className="event-actor">{clipText(actor, ACTOR_LIMIT).text}</span> {shownText(what(e))}{' '}
        <span className="event-subject" data-testid="event-subject">
          {shownText(subject)}
        </span>
        {e.resolution === 'ambiguous' && (
          <span className="muted small" title="Several tags pointed at this digest">
            {' '}
            (one of these)
          </span>
        )}
      </span>
      <span
        className={registry ? 'event-registry' : 'event-registry unknown'}
        title={registry ? shownTitle(`From the registry ${registry.name} (${registry.host})`) : undefined}
        data-testid="event-registry"
      >
        {registry ? clipText(registry.name, REGISTRY_LIMIT).text : 'unknown registry'}
      </span>
      {e.digest && (
        <code className="digest event-digest" title={e.digest}>
          {shortDigest(e.digest)}
        </code>
      )}
      <time className="event-time" dateTime={new Date(e.time).toISOString()} title={exactTime(e.time)}>
        {relativeTime(e.time, now)}
      </time>
    </>
  );
}

/** TimelineProps: the loaded events, paging, the selection and what Enter does. */
export interface TimelineProps extends ListSelection {
  events: ActivityEvent[];
  /** registries names each event's registry (null: unknown). */
  registries: ReadonlyMap<ActivityEvent, KnownRegistry | null>;
  now: number;
  more: boolean;
  onLoadMore(): void;
}

/** Timeline renders only the rows on screen, so a long history scrolls smoothly. */
export function Timeline(props: TimelineProps) {
  const { events, more, onLoadMore } = props;
  const onVisibleRange = useCallback(
    (_start: number, end: number) => {
      if (more && end >= events.length - 20) onLoadMore();
    },
    [more, events.length, onLoadMore],
  );
  return (
    <VirtualList
      id="activity"
      label="Registry events, newest first"
      count={events.length}
      rowHeight={ROW_HEIGHT}
      {...listSelection(props)}
      renderRow={(i) => (
        <EventRow e={events[i]!} now={props.now} registry={props.registries.get(events[i]!) ?? null} />
      )}
      rowKey={(i) => events[i]!.id}
      onVisibleRange={onVisibleRange}
      testId="timeline"
    />
  );
}
