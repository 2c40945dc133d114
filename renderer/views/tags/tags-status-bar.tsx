// TagsStatusBar is the line under the toolbar: how many tags and images, the digest progress, tags that
// could not be read, the image-details progress, and what was copied. What changed since the last look is
// the summary line's (since-summary.tsx).

import { useSyncExternalStore } from 'react';
import type { LiveCount } from '../../lib/live-count';
import type { KnownCurrent } from '../../lib/tag-store';
import { countOf, formatCount } from '../../lib/text';
import { DigestProgress } from './digest-progress';

/** TagsStatusBarProps: the counts the view has. */
export interface TagsStatusBarProps {
  phase: 'loading' | 'resolving' | 'done' | 'error';
  /** cached: the last look is shown while the registry is asked. */
  cached: boolean;
  /** rechecking: there is a last look, and this reading checks its digests again (rows on screen first). */
  rechecking?: boolean;
  total: number;
  resolved: number;
  /** progress is the digests read while they are read, moving on its own: only this line redraws for it. */
  progress?: LiveCount;
  /** images counts the images; a digest only artifact tags (`sha256-<hex>.sig`) name is not one. */
  images: number;
  /** artifactTags counts the tags holding signatures, SBOMs and other artifacts, not images. */
  artifactTags?: number;
  problems: number;
  detailsPending: number;
  /** detailsSettled: every image's details read (or failed); tests and the benchmark wait for it. */
  detailsSettled: boolean;
  copied: { text: string; message: string } | null;
  /** known: the registry's notifications since the last look spared reading every tag again. */
  known?: KnownCurrent | null;
}

/** knownText says what a reopen read again, and why the rest needed no request. */
function knownText({ known, reread }: KnownCurrent): string {
  const read = `${countOf(reread, 'tag', 'tags')} changed since your last look ${reread === 1 ? 'was' : 'were'} read again`;
  return known === 0 ? read : `${read}; the rest are known current from the registry's notifications`;
}

function statusText(p: TagsStatusBarProps): string {
  const tags = countOf(p.total, 'tag', 'tags');
  switch (p.phase) {
    case 'loading':
      // A long list's first screen may be drawn while the whole list is still on its way.
      if (p.cached) return 'Showing your last look · asking the registry…';
      return p.total > 0 ? `${tags} · loading the list…` : 'Loading tags…';
    case 'resolving':
      // The count follows in its own box (DigestProgress), so its changes do not lay out the line again.
      return p.rechecking ? `${tags} · checking your last look again…` : `${tags} · reading digests…`;
    case 'done':
      return p.total === 0
        ? ''
        : `${tags} · ${countOf(p.images, 'image', 'images')}${
            p.artifactTags ? ` · ${countOf(p.artifactTags, 'artifact tag', 'artifact tags')}` : ''
          }`;
    case 'error':
      return p.total > 0 ? `Stopped after ${formatCount(p.resolved)} of ${tags}` : '';
  }
}

const NO_PROGRESS = { subscribe: () => () => {}, get: () => 0 };

/** TagsStatusBar renders the line, or nothing when there is nothing to say. */
export function TagsStatusBar(props: TagsStatusBarProps) {
  const progress = props.progress ?? NO_PROGRESS;
  const read = useSyncExternalStore(progress.subscribe, progress.get);
  // While digests are read the count moves on its own; the screen's own count is exact once they stop.
  const p = props.phase === 'resolving' ? { ...props, resolved: Math.max(read, props.resolved) } : props;
  const status = statusText(p);
  if (status === '') return null;
  return (
    <div className="toolbar status-bar">
      <span
        className={
          p.phase === 'loading' || p.phase === 'resolving' ? 'catalog-status loading' : 'catalog-status'
        }
        role="status"
        aria-live="polite"
        data-testid="tags-status"
        data-state={p.phase}
        data-total={p.total}
        data-resolved={p.resolved}
        data-rechecking={p.rechecking ? 'true' : 'false'}
      >
        {p.phase === 'loading' && <span className="spinner spinner-small" aria-hidden="true" />}
        {status}
        {/* A space for whoever reads the text (a screen reader, a copy): the line's gap draws it on screen. */}
        {p.phase === 'resolving' && ' '}
        {p.phase === 'resolving' && <DigestProgress resolved={p.resolved} total={p.total} />}
      </span>
      {p.known && (
        <span
          className="small muted"
          data-testid="tags-known"
          data-known={p.known.known}
          data-reread={p.known.reread}
        >
          {knownText(p.known)}
        </span>
      )}
      {p.problems > 0 && (
        <span className="small warn-text" data-testid="tags-problems">
          {countOf(p.problems, 'tag', 'tags')} could not be read
        </span>
      )}
      <span
        className="small muted"
        data-testid="details-progress"
        data-pending={p.detailsPending}
        data-settled={p.detailsSettled}
      >
        {p.detailsPending > 0 && p.phase === 'done'
          ? ` · reading image details… ${formatCount(p.detailsPending)} left`
          : ''}
      </span>
      <span className="spacer" />
      <span
        className="small copy-status"
        role="status"
        aria-live="polite"
        data-testid="copy-status"
        data-copied={p.copied?.text ?? ''}
      >
        {p.copied?.message ?? ''}
      </span>
    </div>
  );
}
