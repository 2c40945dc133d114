// Histogram draws pushes and pulls over the chosen time range as stacked SVG bars, one per round bucket,
// with a legend and a sentence for screen readers. Each bar says its own counts on hover.

import { bucketLabel, exactTime } from '../../../shared/activity';
import type { HistogramResult } from '../../../shared/activity-api';
import { countOf, formatCount } from '../../lib/text';

const WIDTH = 1000;
const HEIGHT = 72;

/** HistogramProps: the counted buckets, or null while they load. */
export interface HistogramProps {
  data: HistogramResult | null;
  loading: boolean;
  error: string | null;
}

/** Histogram shows the shape of the activity at a glance. */
export function Histogram({ data, loading, error }: HistogramProps) {
  const buckets = data?.buckets ?? [];
  const pushes = buckets.reduce((s, b) => s + b.counts.push, 0);
  const pulls = buckets.reduce((s, b) => s + b.counts.pull, 0);
  const tallest = Math.max(1, ...buckets.map((b) => b.counts.push + b.counts.pull));
  const slot = buckets.length > 0 ? WIDTH / buckets.length : WIDTH;
  const gap = Math.min(2, slot * 0.2);
  const scale = (n: number) => (n / tallest) * (HEIGHT - 4);
  const summary = data
    ? `${countOf(pushes, 'push', 'pushes')} and ${countOf(pulls, 'pull', 'pulls')} from ${exactTime(data.since)} to ${exactTime(data.until)}, one bar per ${bucketLabel(data.bucket)}.`
    : 'Loading the histogram.';
  return (
    <section className="histogram" aria-label="Pushes and pulls over time" data-testid="histogram">
      <div className="histogram-legend">
        <span className="legend-item">
          <span className="legend-swatch legend-push" aria-hidden="true" />
          Pushes <strong data-testid="histogram-pushes">{formatCount(pushes)}</strong>
        </span>
        <span className="legend-item">
          <span className="legend-swatch legend-pull" aria-hidden="true" />
          Pulls <strong data-testid="histogram-pulls">{formatCount(pulls)}</strong>
        </span>
        <span className="muted small">{data ? `one bar per ${bucketLabel(data.bucket)}` : ''}</span>
        {loading && <span className="spinner spinner-small" aria-hidden="true" />}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <svg
        className="histogram-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
      >
        <line className="histogram-base" x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {buckets.map((b, i) => {
          const push = scale(b.counts.push);
          const pull = scale(b.counts.pull);
          const x = i * slot + gap / 2;
          const w = Math.max(0.5, slot - gap);
          return (
            <g key={b.start}>
              <title>{`${exactTime(b.start)}: ${countOf(b.counts.push, 'push', 'pushes')}, ${countOf(b.counts.pull, 'pull', 'pulls')}`}</title>
              <rect className="histogram-hit" x={i * slot} y={0} width={slot} height={HEIGHT} />
              {push > 0 && (
                <rect className="histogram-push" x={x} y={HEIGHT - push} width={w} height={push} />
              )}
              {pull > 0 && (
                <rect className="histogram-pull" x={x} y={HEIGHT - push - pull} width={w} height={pull} />
              )}
            </g>
          );
        })}
      </svg>
      {data && (
        <div className="histogram-axis" aria-hidden="true">
          <span>{exactTime(data.since).slice(0, 16)}</span>
          <span>{exactTime(data.until).slice(0, 16)}</span>
        </div>
      )}
    </section>
  );
}
