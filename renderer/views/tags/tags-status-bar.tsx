// TagsStatusBar is the line under the toolbar: how many tags and images, the digest progress, tags that
// could not be read, the image-details progress, and what was copied. What changed since the last look is
// the summary line's (since-summary.tsx).

import type { KnownCurrent } from '../../lib/tag-store';
import { countOf, formatCount } from '../../lib/text';

/** TagsStatusBarProps: the counts the view has. */
export interface TagsStatusBarProps {
  phase: 'loading' | 'resolving' | 'done' | 'error';
  /** cached: the last look is shown while the registry is asked. */
  cached: boolean;
  /** rechecking: there is a last look, and this reading checks its digests again (rows on screen first). */
  rechecking?: boolean;
  total: number;
  resolved: number;
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
      return p.cached ? 'Showing your last look · asking the registry…' : 'Loading tags…';
    case 'resolving':
      return p.rechecking
        ? `${tags} · checking your last look again… ${formatCount(p.resolved)} of ${formatCount(p.total)}`
        : `${tags} · reading digests… ${formatCount(p.resolved)} of ${formatCount(p.total)}`;
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

/** TagsStatusBar renders the line, or nothing when there is nothing to say. */
export function TagsStatusBar(p: TagsStatusBarProps) {
  const status = statusText(p);
  if (status === '') return null;
  const busy = p.phase === 'loading' || p.phase === 'resolving';
  return (
    <div className="toolbar status-bar">
      <span
        className={busy ? 'catalog-status loading' : 'catalog-status'}
        role="status"
        aria-live="polite"
        data-testid="tags-status"
        data-state={p.phase}
        data-total={p.total}
        data-resolved={p.resolved}
        data-rechecking={p.rechecking ? 'true' : 'false'}
      >
        {busy && <span className="spinner spinner-small" aria-hidden="true" />}
        {status}
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
