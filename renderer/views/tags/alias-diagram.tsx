// AliasDiagram draws the whole repository as people think of it: alias tags (latest, production…) on
// the left, one box per image on the right named by its owner tag, and an arrow from each alias into
// the image it re-tags. Multi-arch indexes are one image (the index digest); images that no version
// names are drawn too, marked as such.

import { type ReactNode, type SVGProps, useMemo } from 'react';
import { layoutAliasDiagram } from '../../../shared/alias-diagram';
import { shortDigest } from '../../../shared/format';
import type { ImageGroup } from '../../../shared/grouping';
import { manifestKind } from '../../../shared/media-types';
import type { DetailEntry } from '../../hooks/use-image-details';
import { shownText, shownTitle } from '../../lib/shown-text';
import { platformsOf } from '../../lib/tag-table';

/** DIAGRAM_LIMIT caps the images drawn; past it, filter first. */
export const DIAGRAM_LIMIT = 300;

const ROW = 34;
const BOX_H = 24;
const LEFT_X = 16;
const LEFT_W = 170;
const RIGHT_X = 380;
const RIGHT_W = 330;
const PAD = 12;
/** TOP leaves room for the column headings. */
const TOP = 30;

/** AliasDiagramProps: the digest groups to draw, their details (for platforms) and what a click does. */
export interface AliasDiagramProps {
  groups: readonly ImageGroup[];
  details: ReadonlyMap<string, DetailEntry>;
  /** mediaTypes maps digests to their manifest media type, to know an index before its details are read. */
  mediaTypes: ReadonlyMap<string, string | null>;
  onSelect(tag: string): void;
}

/** DiagramNode is a box of the diagram that acts as a button: a click or Enter selects it. */
function DiagramNode({ onSelect, ...rest }: Omit<SVGProps<SVGGElement>, 'onSelect'> & { onSelect(): void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG node cannot be a <button>; it takes the role and the keys instead.
    <g
      {...rest}
      onClick={onSelect}
      onKeyDown={(e) => e.key === 'Enter' && onSelect()}
      role="button"
      tabIndex={0}
    />
  );
}

/**
 * BoxLabel is a box's text as HTML inside the SVG: SVG text cannot end in an ellipsis, and a tag of 128
 * characters drawn as SVG text runs over its box, the arrows and the next column.
 */
function BoxLabel({
  x,
  width,
  className,
  children,
}: {
  x: number;
  width: number;
  className: string;
  children: ReactNode;
}) {
  return (
    <foreignObject x={x} y={0} width={width} height={BOX_H}>
      <div className={className}>{children}</div>
    </foreignObject>
  );
}

/** AliasDiagram renders the SVG. */
export function AliasDiagram({ groups, details, mediaTypes, onSelect }: AliasDiagramProps) {
  const limited = groups.length > DIAGRAM_LIMIT;
  const layout = useMemo(() => layoutAliasDiagram(groups.slice(0, DIAGRAM_LIMIT)), [groups]);
  const rows = Math.max(layout.pointers.length, layout.images.length, 1);
  const height = TOP + rows * ROW + PAD;
  const width = RIGHT_X + RIGHT_W + 16;
  const imageRow = new Map(layout.images.map((i) => [i.digest, i.row]));
  const y = (row: number) => TOP + row * ROW;

  return (
    <div className="alias-diagram" data-testid="alias-diagram">
      {limited && (
        <p className="muted small" data-testid="diagram-limited">
          Showing the first {DIAGRAM_LIMIT} of {groups.length} images. Filter to see the others.
        </p>
      )}
      {layout.images.length === 0 ? (
        <p className="muted">No image to draw yet.</p>
      ) : (
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={shownTitle(
            `Alias tags and the images they point at: ${layout.pointers.map((p) => `${p.tag} to ${p.owner}`).join(', ') || 'no aliases'}`,
          )}
        >
          <defs>
            <marker
              id="alias-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0 0 L10 5 L0 10 z" className="diagram-arrowhead" />
            </marker>
          </defs>
          <text x={LEFT_X} y={TOP - 10} className="diagram-heading">
            {layout.pointers.length > 0 ? 'Alias tags' : 'No alias tags'}
          </text>
          <text x={RIGHT_X} y={TOP - 10} className="diagram-heading">
            Images, by the tag that owns them
          </text>
          {layout.pointers.map((p) => {
            const y1 = y(p.row) + BOX_H / 2;
            const y2 = y(imageRow.get(p.digest) ?? 0) + BOX_H / 2;
            const x1 = LEFT_X + LEFT_W;
            const x2 = RIGHT_X - 2;
            const mid = (x1 + x2) / 2;
            return (
              <g key={`edge-${p.tag}`}>
                <path
                  d={`M${x1} ${y1} C${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
                  className="diagram-edge"
                  markerEnd="url(#alias-arrow)"
                  data-testid="diagram-edge"
                  data-from={p.tag}
                  data-to={p.owner}
                >
                  <title>
                    {shownTitle(p.tag)} → {shownTitle(p.owner)}
                  </title>
                </path>
              </g>
            );
          })}
          {layout.pointers.map((p) => (
            <DiagramNode
              key={`pointer-${p.tag}`}
              className="diagram-node pointer"
              transform={`translate(${LEFT_X} ${y(p.row)})`}
              onSelect={() => onSelect(p.tag)}
              data-testid="diagram-pointer"
              data-tag={p.tag}
            >
              <rect width={LEFT_W} height={BOX_H} rx={BOX_H / 2} />
              <BoxLabel x={12} width={LEFT_W - 24} className="diagram-label diagram-pointer-label">
                <span className="clip-line">{shownText(p.tag)}</span>
              </BoxLabel>
            </DiagramNode>
          ))}
          {layout.images.map((img) => {
            const entry = details.get(img.digest);
            const isIndex =
              entry?.state === 'ok'
                ? entry.result.kind === 'index'
                : manifestKind(mediaTypes.get(img.digest) ?? undefined) === 'index';
            const platforms = platformsOf(entry);
            const note = isIndex
              ? `multi-arch${platforms.length > 0 ? ` · ${platforms.join(', ')}` : ''}`
              : !img.versioned
                ? 'no version tag'
                : shortDigest(img.digest);
            return (
              <DiagramNode
                key={`image-${img.digest}`}
                className={img.versioned ? 'diagram-node image' : 'diagram-node image unversioned'}
                transform={`translate(${RIGHT_X} ${y(img.row)})`}
                onSelect={() => onSelect(img.owner)}
                data-testid="diagram-image"
                data-owner={img.owner}
                data-digest={img.digest}
                data-kind={isIndex ? 'index' : 'image'}
                data-versioned={img.versioned}
              >
                <title>
                  {isIndex
                    ? `${shownTitle(img.owner)}: ${shownTitle(platforms.join(', '))}`
                    : `${shownTitle(img.owner)} (${img.digest})`}
                </title>
                <rect width={RIGHT_W} height={BOX_H} rx={5} />
                <BoxLabel x={10} width={RIGHT_W - 20} className="diagram-label diagram-image-label">
                  <span className="diagram-owner clip-line">{shownText(img.owner)}</span>
                  <span className="diagram-note clip-line">{shownText(note)}</span>
                </BoxLabel>
              </DiagramNode>
            );
          })}
        </svg>
      )}
    </div>
  );
}
