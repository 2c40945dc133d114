// ImageDetailsPanel is the side panel for one tag: what the image is (kind, digest, sizes, created,
// platforms), how it runs (env, labels, entrypoint, cmd, ports), how it was built (history), its raw
// manifest and config, which other images share its layers, where the tag pointed before (by version
// names, moves heard by the listener included), and a
// comparison with any other tag.

import { useEffect, useMemo, useState } from 'react';
import { describeArtifactTag } from '../../../shared/artifacts';
import { shortDigest } from '../../../shared/format';
import type { ImageGroup } from '../../../shared/grouping';
import { imageLayers } from '../../../shared/image-compare';
import { describeReuse, layerReuse } from '../../../shared/layer-reuse';
import { sortTagNames } from '../../../shared/tag-sort';
import { CloseIcon } from '../../components/icons';
import type { DetailEntry } from '../../hooks/use-image-details';
import { clipText, shownText, shownTitle } from '../../lib/shown-text';
import type { TagTableRow } from '../../lib/tag-table';
import { AlsoTaggedAs } from './also-tagged-as';
import { ArtifactIdentity, AttachedArtifacts, isArtifact } from './image-artifacts';
import { ImageCompareView } from './image-compare';
import { ConfigSections, LayerList, Platforms, Summary } from './image-config';
import { RawJson, Section } from './image-sources';
import { TagHistory } from './tag-history';

/** COMPARE_LABEL_LIMIT cuts a tag in the compare menu: a menu is as wide as its longest entry. */
const COMPARE_LABEL_LIMIT = 48;

/** ImageDetailsPanelProps: the row opened, every image's details so far, and the tags to compare with. */
export interface ImageDetailsPanelProps {
  registryId: string;
  repository: string;
  row: TagTableRow;
  details: ReadonlyMap<string, DetailEntry>;
  request(digests: readonly string[], urgent: boolean): void;
  /** tags maps every tag with a known digest to it, for compare. */
  tags: ReadonlyMap<string, string>;
  /** owners maps each digest to the tag that names its image, for layer reuse. */
  owners: ReadonlyMap<string, string>;
  /** group is the row's image (its versions and aliases), for "Also tagged as". */
  group: ImageGroup | undefined;
  /** onOpenTag opens another tag's details. */
  onOpenTag(tag: string): void;
  onClose(): void;
  onCopy(text: string, what: string): void;
  /** onCopyTo opens "Copy to…" for this tag. */
  onCopyTo(tag: string): void;
}

/** ImageDetailsPanel is the panel; it asks for the image's details first if they are not read yet. */
export function ImageDetailsPanel(props: ImageDetailsPanelProps) {
  const { row, details, request, tags, owners } = props;
  const digest = row.digest;
  const entry = digest ? details.get(digest) : undefined;
  const [compareWith, setCompareWith] = useState<string>('');
  const otherDigest = compareWith ? (tags.get(compareWith) ?? null) : null;
  const other = otherDigest ? details.get(otherDigest) : undefined;

  useEffect(() => {
    if (digest) request([digest], true);
  }, [digest, request]);
  useEffect(() => {
    if (otherDigest) request([otherDigest], true);
  }, [otherDigest, request]);

  const reuse = useMemo(() => {
    if (!digest || entry?.state !== 'ok') return [];
    const others = [];
    for (const [d, e] of details) {
      if (e.state !== 'ok') continue;
      others.push({
        digest: d,
        label: owners.get(d) ?? shortDigest(d),
        layers: imageLayers(e.result).map((l) => l.digest),
      });
    }
    const target = { digest, label: row.tag, layers: imageLayers(entry.result).map((l) => l.digest) };
    return layerReuse(target, others);
  }, [digest, entry, details, owners, row.tag]);

  // By version, as the table lists them: the order in which digests resolved changes from one visit to the next.
  const compareChoices = useMemo(
    () => sortTagNames([...tags.keys()].filter((t) => t !== row.tag)),
    [tags, row.tag],
  );

  return (
    <aside
      className="details-panel"
      aria-label={`Details of ${shownText(row.tag)}`}
      data-testid="details-panel"
      data-tag={row.tag}
    >
      <header className="details-header">
        <h2 className="details-title" title={shownTitle(row.tag)} data-testid="details-title">
          {shownText(row.tag)}
        </h2>
        {row.aliasOf && (
          <span className="alias-badge clip-line" title={`Same image as ${shownTitle(row.aliasOf)}`}>
            → {shownText(row.aliasOf)}
          </span>
        )}
        {row.attachedTo && (
          <span className="alias-badge clip-line" data-testid="details-attached-to">
            {describeArtifactTag(row.attachedTo)}
          </span>
        )}
        <span className="spacer" />
        {digest && (
          <button
            type="button"
            className="button button-small"
            onClick={() => props.onCopyTo(row.tag)}
            title="Copy this tag to another registry or repository"
            data-testid="details-copy-to"
          >
            Copy to…
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Close the details"
          title="Close (Escape)"
          onClick={props.onClose}
          data-testid="details-close"
        >
          <CloseIcon size={14} />
        </button>
      </header>
      <div className="details-body" data-testid="details-body">
        {digest && (
          <div className="details-digest">
            <code data-testid="details-digest">{digest}</code>
            <button
              type="button"
              className="button button-small"
              onClick={() => props.onCopy(digest, 'the digest')}
            >
              Copy
            </button>
          </div>
        )}
        <AlsoTaggedAs tag={row.tag} group={props.group} onOpen={props.onOpenTag} />
        {row.info?.error ? (
          <p className="tag-error" data-testid="details-error">
            {row.info.error.message}
          </p>
        ) : !digest || !entry || entry.state === 'loading' ? (
          <p className="muted" data-testid="details-loading">
            Reading the image…
          </p>
        ) : entry.state === 'error' ? (
          <p className="tag-error" data-testid="details-error">
            {entry.error.message}
          </p>
        ) : (
          <>
            <Summary result={entry.result} />
            {isArtifact(entry.result) ? (
              <ArtifactIdentity result={entry.result} owners={owners} />
            ) : (
              <AttachedArtifacts
                key={entry.result.digest}
                registryId={props.registryId}
                repository={props.repository}
                result={entry.result}
              />
            )}
            {entry.result.kind === 'index' ? (
              <Platforms result={entry.result} onCopy={props.onCopy} />
            ) : (
              <>
                <Section title={`Layers (${entry.result.layers.length})`} testId="details-layer-section">
                  <LayerList image={entry.result} />
                </Section>
                {entry.result.config && <ConfigSections config={entry.result.config} onCopy={props.onCopy} />}
              </>
            )}
            <Section title="Shared layers" testId="details-reuse">
              {reuse.length === 0 ? (
                <p className="muted small">
                  No other image of this repository read so far shares a layer with it.
                </p>
              ) : (
                <ul className="plain-list">
                  {reuse.map((r) => (
                    <li key={r.digest} data-testid="reuse-entry">
                      {shownText(describeReuse(r))}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title="Compare with another tag" testId="details-compare">
              <select
                className="input"
                value={compareWith}
                onChange={(e) => setCompareWith(e.target.value)}
                aria-label="Tag to compare with"
                data-testid="compare-with"
              >
                <option value="">Pick a tag…</option>
                {compareChoices.map((t) => (
                  <option key={t} value={t}>
                    {clipText(t, COMPARE_LABEL_LIMIT).text}
                  </option>
                ))}
              </select>
              {compareWith &&
                (other?.state === 'ok' ? (
                  <ImageCompareView
                    before={entry.result}
                    after={other.result}
                    beforeLabel={row.tag}
                    afterLabel={compareWith}
                  />
                ) : other?.state === 'error' ? (
                  <p className="tag-error">{other.error.message}</p>
                ) : (
                  <p className="muted small">Reading {shownText(compareWith)}…</p>
                ))}
            </Section>
            {digest && (
              <RawJson
                key={digest}
                registryId={props.registryId}
                repository={props.repository}
                digest={digest}
                onCopy={props.onCopy}
              />
            )}
          </>
        )}
        <TagHistory registryId={props.registryId} repository={props.repository} tag={row.tag} tags={tags} />
      </div>
    </aside>
  );
}
