// The tags table's columns and cells: the tag with its alias and new/moved marks, the digest with copy,
// the image, the type or platforms, created, size, and the pull commands. Cells read the image details
// read so far; a column with a sort key makes its header a sort button.

import type { ColumnDef } from '@tanstack/react-table';
import { type ReactNode, useMemo } from 'react';
import { type ArtifactTagKind, describeArtifactTag } from '../../../shared/artifacts';
import { formatBytes, shortDigest } from '../../../shared/format';
import { joinNames } from '../../../shared/grouping';
import { mediaTypeLabel } from '../../../shared/media-types';
import type { SortKey } from '../../../shared/tag-sort';
import { ArrowRightIcon } from '../../components/icons';
import type { DetailEntry } from '../../hooks/use-image-details';
import { formatCreated } from '../../lib/created';
import { shownText, shownTitle, shownTitleList } from '../../lib/shown-text';
import { createdOf, platformsOf, sizeOf, type TagTableRow } from '../../lib/tag-table';
import { DigestCell } from './digest-cell';
import { SameImageMarks } from './same-image-marks';

/** CellContext is what the cells read besides their row. */
export interface CellContext {
  details: ReadonlyMap<string, DetailEntry>;
  pullBase: string;
  grouped: boolean;
  onCopy(text: string, what: string): void;
}

/** ATTACHED_MARK words what artifact tags beside an image hold, for the marks beside its tags. */
const ATTACHED_MARK: Partial<Record<ArtifactTagKind, { text: string; title: string }>> = {
  signature: { text: 'signed', title: 'A signature is stored beside this image (a cosign .sig tag)' },
  sbom: { text: 'SBOM', title: 'An SBOM is stored beside this image (a cosign .sbom tag)' },
  attestation: { text: 'attested', title: 'An attestation is stored beside this image (a cosign .att tag)' },
  referrers: {
    text: 'artifacts',
    title: 'Signatures, SBOMs or other artifacts are attached to this image (open it to see them)',
  },
};

/** AttachedMarks shows beside the tag what the repository's artifact tags hold for its image: signed, SBOM… */
function AttachedMarks({ kinds }: { kinds: readonly ArtifactTagKind[] }) {
  // "artifacts" says little once a more telling mark is there.
  const shown = kinds.length > 1 ? kinds.filter((k) => k !== 'referrers') : kinds;
  return shown.map((kind) => {
    const mark = ATTACHED_MARK[kind];
    return mark ? (
      <span
        key={kind}
        className={`attached-mark attached-${kind}`}
        title={mark.title}
        data-testid="attached-mark"
        data-kind={kind}
      >
        {mark.text}
      </span>
    ) : null;
  });
}

function TagCell({ row, grouped }: { row: TagTableRow; grouped: boolean }) {
  const others = grouped ? row.tags.filter((t) => t !== row.tag) : [];
  return (
    <>
      <span className="tag-name clip-line" title={shownTitle(row.tag)} data-testid="tag-name">
        {shownText(row.tag)}
      </span>
      {row.aliasOf && (
        <span
          className="alias-badge"
          title={`${shownTitle(row.tag)} is another name for ${shownTitle(row.aliasOf)}: the same image`}
          data-testid="alias-of"
        >
          <ArrowRightIcon size={12} />
          <span className="visually-hidden">same image as </span>
          <span className="clip-line">{shownText(row.aliasOf)}</span>
        </span>
      )}
      <SameImageMarks tag={row.tag} same={row.same} />
      <AttachedMarks kinds={row.attached} />
      {row.change && row.change.kind !== 'gone' && (
        <span
          className={`change-mark change-${row.change.kind}`}
          data-testid="change-mark"
          data-kind={row.change.kind}
          title={
            row.change.kind === 'new'
              ? 'Not there at your last look'
              : `Pointed at ${shortDigest(row.change.previousDigest)} at your last look`
          }
        >
          {row.change.kind}
        </span>
      )}
      {others.length > 0 && (
        <span className="muted small also clip-line" title={shownTitleList(others)} data-testid="also-named">
          also {shownText(joinNames(others))}
        </span>
      )}
    </>
  );
}

function PlatformCell({ row, entry }: { row: TagTableRow; entry: DetailEntry | undefined }) {
  if (row.attachedTo) {
    // An artifact tag names no image: say whose signature (SBOM, …) it holds instead of "OCI image".
    const label = describeArtifactTag(row.attachedTo);
    return (
      <span className="muted small ellipsis" title={label} data-testid="platforms" data-artifact="true">
        {label}
      </span>
    );
  }
  if (entry?.state === 'error') {
    return (
      <span className="tag-error" title={entry.error.message} data-testid="details-error">
        {entry.error.message}
      </span>
    );
  }
  const platforms = platformsOf(entry);
  const label =
    entry?.state === 'ok' && entry.result.kind === 'index'
      ? platforms.join(', ')
      : row.info?.mediaType
        ? mediaTypeLabel(row.info.mediaType)
        : '';
  const known = row.info?.mediaType ? mediaTypeLabel(row.info.mediaType) !== row.info.mediaType : true;
  const shown = shownText(label);
  return (
    <span
      className={known ? 'muted small ellipsis' : 'small ellipsis warn-text'}
      title={
        known
          ? shownTitle(label)
          : `Berth does not know the media type ${shownTitle(row.info?.mediaType ?? '')}`
      }
      data-testid="platforms"
    >
      {shown}
    </span>
  );
}

function PullButton(props: {
  command: string;
  what: string;
  onCopy(text: string, what: string): void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button button-small button-quiet"
      title={`Copy: ${shownTitle(props.command)}`}
      onClick={(e) => {
        e.stopPropagation();
        props.onCopy(props.command, props.what);
      }}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}

/** ColumnMeta says which sort a column header switches to, if any, and what the column means (its tooltip). */
export interface ColumnMeta {
  sortKey?: SortKey;
  /** title explains the column to someone who does not know registries; the header shows it on hover. */
  title: string;
}

/** useColumns defines the table's columns once per change of what the cells read. */
export function useColumns(ctx: CellContext): ColumnDef<TagTableRow>[] {
  const { details, pullBase, grouped, onCopy } = ctx;
  return useMemo<ColumnDef<TagTableRow>[]>(
    () => [
      {
        id: 'tag',
        header: 'Tag',
        meta: {
          sortKey: 'version',
          title: 'The tag’s name. “latest → 2.2” means latest is another name for the image tagged 2.2',
        } satisfies ColumnMeta,
        cell: ({ row }) => <TagCell row={row.original} grouped={grouped} />,
      },
      {
        id: 'digest',
        header: 'Digest',
        meta: {
          title:
            'The image’s fingerprint, shortened: tags with the same digest are the same image. Click it for the full digest; the copy button copies it',
        } satisfies ColumnMeta,
        cell: ({ row }) => <DigestCell row={row.original} onCopy={onCopy} />,
      },
      {
        id: 'image',
        header: 'Image',
        meta: {
          title: 'Which image the tag is, named by its version tag, and how many tags name that image',
        } satisfies ColumnMeta,
        cell: ({ row }) =>
          // An artifact tag names no image: its type column says whose artifact it is.
          row.original.owner && !row.original.attachedTo ? (
            <span
              className="small ellipsis"
              data-testid="image-group"
              title={`The image tagged ${shownTitle(row.original.owner)}`}
            >
              {shownText(row.original.owner)}
              {row.original.imageTags > 1 && <span className="muted"> · {row.original.imageTags} tags</span>}
            </span>
          ) : null,
      },
      {
        id: 'platforms',
        header: 'Type',
        meta: {
          title:
            'What the tag holds: one image, or a multi-platform image with the systems it runs on (linux/amd64, linux/arm64…)',
        } satisfies ColumnMeta,
        cell: ({ row }) => (
          <PlatformCell
            row={row.original}
            entry={row.original.digest ? details.get(row.original.digest) : undefined}
          />
        ),
      },
      {
        id: 'created',
        header: 'Created',
        meta: {
          sortKey: 'created',
          title: 'When the image was built, as its build recorded it (UTC)',
        } satisfies ColumnMeta,
        cell: ({ row }) => {
          const entry = row.original.digest ? details.get(row.original.digest) : undefined;
          return (
            <span className="small muted" data-testid="created">
              {entry?.state === 'loading' || (row.original.digest && !entry && !row.original.attachedTo)
                ? '…'
                : formatCreated(createdOf(entry))}
            </span>
          );
        },
      },
      {
        id: 'size',
        header: 'Size',
        meta: {
          sortKey: 'size',
          title: 'The image’s compressed size in the registry: about what a pull downloads',
        } satisfies ColumnMeta,
        cell: ({ row }) => {
          const size = sizeOf(row.original.digest ? details.get(row.original.digest) : undefined);
          return (
            <span className="small muted numeric" data-testid="size">
              {size === null ? '' : formatBytes(size)}
            </span>
          );
        },
      },
      {
        id: 'pull',
        header: 'Pull',
        meta: {
          title:
            'Copy a docker pull command: by tag (:tag, follows the tag when it moves) or by digest (@digest, always exactly this image)',
        } satisfies ColumnMeta,
        cell: ({ row }) => {
          const r = row.original;
          return (
            <span className="pull-buttons">
              <PullButton
                command={`docker pull ${pullBase}:${r.tag}`}
                what="the pull command"
                onCopy={onCopy}
                testId="copy-pull-tag"
              >
                :tag
              </PullButton>
              {r.digest && (
                <PullButton
                  command={`docker pull ${pullBase}@${r.digest}`}
                  what="the pull command by digest"
                  onCopy={onCopy}
                  testId="copy-pull-digest"
                >
                  @digest
                </PullButton>
              )}
            </span>
          );
        },
      },
    ],
    [details, pullBase, grouped, onCopy],
  );
}
