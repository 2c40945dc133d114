// DiagramBlock is one image of the alias diagram: its box on the left (named by its versions, `2.1 = 2.3`),
// its alias tags stacked on the right, and a straight arrow from each alias into the box. A folded image
// ends with "+N more"; an unfolded one with "Show fewer".

import type { DiagramImage } from '../../../shared/alias-diagram';
import { shownText, shownTitle } from '../../lib/shown-text';

/** ARROW_W is the width of the arrow column between the image box and its aliases. */
const ARROW_W = 56;
/** HEAD is the arrowhead's length; it points into the image box. */
const HEAD = 7;

/** DiagramBlockProps: the image laid out, where it sits, what find marks, and what clicks do. */
export interface DiagramBlockProps {
  image: DiagramImage;
  top: number;
  height: number;
  rowHeight: number;
  note: string;
  index: boolean;
  /** found holds the tags the find box matches; current is the one it points at now. */
  found: ReadonlySet<string>;
  current: string | null;
  onSelect(tag: string): void;
  onToggle(): void;
}

/** findClass marks a node the find box matched, and the match it points at now. */
function findClass(tags: readonly string[], found: ReadonlySet<string>, current: string | null): string {
  if (current !== null && tags.includes(current)) return ' found current';
  return tags.some((t) => found.has(t)) ? ' found' : '';
}

/** Arrow is one straight arrow at row centre y, from the alias column into the image box. */
function Arrow({ y, tag, owner, dashed }: { y: number; tag?: string; owner: string; dashed?: boolean }) {
  return (
    <g
      className={dashed ? 'diagram-edge folded' : 'diagram-edge'}
      data-testid={tag === undefined ? undefined : 'diagram-edge'}
      data-from={tag}
      data-to={owner}
    >
      <path d={`M${ARROW_W - 2} ${y} L${HEAD + 1} ${y}`} />
      <path className="diagram-arrowhead" d={`M1 ${y} L${HEAD + 1} ${y - 4} L${HEAD + 1} ${y + 4} z`} />
    </g>
  );
}

/** DiagramBlock renders one image with its aliases. */
export function DiagramBlock(props: DiagramBlockProps) {
  const { image, height, rowHeight, found, current, onSelect } = props;
  const long = image.aliases.length > image.shown.length || image.expanded;
  const y = (i: number) => i * rowHeight + rowHeight / 2;
  const names = image.names.join(' = ');
  return (
    <li
      className="diagram-block"
      // Placed with `top`, not a transform: a sticky label's offset is worked out before transforms apply,
      // so under translateY a tall block's label stuck 'top' pixels too low, out of view.
      style={{ top: props.top, height }}
      aria-label={shownTitle(`${image.name}, also tagged ${image.aliases.join(', ')}`)}
      data-testid="diagram-block"
      data-owner={image.owner}
    >
      <button
        type="button"
        className={`diagram-image${image.versioned ? '' : ' unversioned'}${image.rows > 1 ? ' tall' : ''}${findClass(image.names, found, current)}`}
        title={`${shownTitle(names)} (${props.index ? 'multi-arch, ' : ''}${image.digest}). Open ${shownTitle(image.owner)}`}
        onClick={() => onSelect(image.owner)}
        data-testid="diagram-image"
        data-owner={image.owner}
        data-name={image.name}
        data-digest={image.digest}
        data-kind={props.index ? 'index' : 'image'}
        data-versioned={image.versioned}
      >
        <span className="diagram-image-label" data-testid="diagram-image-label">
          <span className="diagram-owner clip-line">{shownText(image.name)}</span>
          <span className="diagram-note clip-line">{shownText(props.note)}</span>
        </span>
      </button>
      <svg className="diagram-arrows" width={ARROW_W} height={height} aria-hidden="true">
        {image.shown.map((tag, i) => (
          <Arrow key={tag} y={y(i)} tag={tag} owner={image.owner} />
        ))}
        {image.hidden > 0 && <Arrow y={y(image.shown.length)} owner={image.owner} dashed />}
      </svg>
      <div className="diagram-aliases">
        {image.shown.map((tag) => (
          <button
            type="button"
            key={tag}
            className={`diagram-pointer${findClass([tag], found, current)}`}
            style={{ height: rowHeight - 6 }}
            title={`${shownTitle(tag)} → ${shownTitle(image.name)}: the same image. Open ${shownTitle(tag)}`}
            onClick={() => onSelect(tag)}
            data-testid="diagram-pointer"
            data-tag={tag}
          >
            <span className="clip-line">{shownText(tag)}</span>
          </button>
        ))}
        {long && (
          <button
            type="button"
            className="diagram-more"
            style={{ height: rowHeight - 6 }}
            onClick={props.onToggle}
            aria-expanded={image.expanded}
            title={
              image.expanded
                ? 'Fold the list of aliases again'
                : `Show all ${image.aliases.length} alias tags of ${shownTitle(image.name)}`
            }
            data-testid="diagram-more"
          >
            {image.expanded ? 'Show fewer' : `+${image.hidden} more`}
          </button>
        )}
      </div>
    </li>
  );
}
