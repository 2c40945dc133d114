// TagRowView draws one tag: its name, a "→ 2.2" badge when it is an alias, and its short digest.

import { shortDigest } from '../../shared/format';
import { mediaTypeLabel } from '../../shared/media-types';
import type { TagRow } from '../lib/tag-rows';
import { ArrowRightIcon, TagIcon } from './icons';

/** TagRowView renders the content of one row of the tags list. */
export function TagRowView({ row }: { row: TagRow }) {
  const { tag, info, aliasOf, aliases } = row;
  return (
    <>
      <TagIcon className="row-icon" />
      <span className="tag-name" data-testid="tag-name">
        {tag}
      </span>
      {aliasOf && (
        <span
          className="alias-badge"
          title={`${tag} is another name for ${aliasOf}: the same image`}
          data-testid="alias-of"
        >
          <ArrowRightIcon size={12} />
          <span className="visually-hidden">same image as </span>
          {aliasOf}
        </span>
      )}
      {aliases.length > 0 && (
        <span className="muted small also" data-testid="also-named">
          also {aliases.join(', ')}
        </span>
      )}
      <span className="spacer" />
      {info?.error ? (
        <span className="tag-error" title={info.error.message} data-testid="tag-error">
          {info.error.message}
        </span>
      ) : info?.digest ? (
        <>
          <span className="muted small media-type">{mediaTypeLabel(info.mediaType ?? undefined)}</span>
          <code className="digest" title={info.digest} data-testid="tag-digest">
            {shortDigest(info.digest)}
          </code>
        </>
      ) : (
        <span className="digest pending" data-testid="tag-digest-pending">
          <span aria-hidden="true">…</span>
          <span className="visually-hidden">Reading the digest</span>
        </span>
      )}
    </>
  );
}
