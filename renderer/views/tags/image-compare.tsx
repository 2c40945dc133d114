// ImageCompareView shows what differs between two tags' images (shared/image-compare.ts).

import { useMemo } from 'react';
import { formatBytes, shortDigest } from '../../../shared/format';
import {
  compareImages,
  diffIsEmpty,
  type KeyedChange,
  type ValueChange,
} from '../../../shared/image-compare';
import type { InspectResult } from '../../../shared/model';
import { LongText } from '../../components/long-text';
import { formatCreated } from '../../lib/created';
import { shownText } from '../../lib/shown-text';

function KeyedList({
  title,
  changes,
  testId,
}: {
  title: string;
  changes: readonly KeyedChange[];
  testId: string;
}) {
  if (changes.length === 0) return null;
  return (
    <div className="diff-section" data-testid={testId}>
      <h4>{title}</h4>
      <ul className="diff-list">
        {changes.map((c) => (
          <li key={c.key} data-key={c.key}>
            <code>
              <LongText text={c.key} />
            </code>{' '}
            {c.before === null ? (
              <span className="diff-added">
                added: <LongText text={c.after ?? ''} multiline />
              </span>
            ) : c.after === null ? (
              <span className="diff-removed">
                removed (was <LongText text={c.before} multiline />)
              </span>
            ) : (
              <>
                <span className="diff-removed">
                  <LongText text={c.before} multiline />
                </span>{' '}
                →{' '}
                <span className="diff-added">
                  <LongText text={c.after} multiline />
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const words = (list: string[] | null) => (list === null ? '(none)' : list.join(' '));

/** CommandChange shows the entrypoint or the command before and after. */
function CommandChange(props: { title: string; change: ValueChange<string[] | null>; testId: string }) {
  return (
    <div className="diff-section" data-testid={props.testId}>
      <h4>{props.title}</h4>
      <code>
        <LongText text={words(props.change.before)} />
      </code>{' '}
      →{' '}
      <code>
        <LongText text={words(props.change.after)} />
      </code>
    </div>
  );
}

/** ImageCompareView compares `before` (the open tag) with `after` (the tag picked). */
export function ImageCompareView({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: InspectResult;
  after: InspectResult;
  beforeLabel: string;
  afterLabel: string;
}) {
  const d = useMemo(() => compareImages(before, after), [before, after]);
  if (d.same) {
    return (
      <p className="diff-same" data-testid="compare-same">
        {shownText(beforeLabel)} and {shownText(afterLabel)} are the same image ({shortDigest(before.digest)}
        ): nothing differs.
      </p>
    );
  }
  const sign = d.size.delta > 0 ? '+' : d.size.delta < 0 ? '−' : '±';
  return (
    <div className="compare" data-testid="compare-result">
      <p className="small muted">
        From <strong>{shownText(beforeLabel)}</strong> to <strong>{shownText(afterLabel)}</strong>
      </p>
      {diffIsEmpty(d) && (
        <p data-testid="compare-nothing">Different digests, but nothing shown here differs.</p>
      )}
      <div className="diff-section" data-testid="diff-size">
        <h4>Size</h4>
        {formatBytes(d.size.before)} → {formatBytes(d.size.after)} ({sign}
        {formatBytes(Math.abs(d.size.delta))})
      </div>
      <div className="diff-section" data-testid="diff-layers">
        <h4>Layers</h4>
        <span data-testid="diff-layers-summary">
          {d.layers.added.length} added, {d.layers.removed.length} removed, {d.layers.shared} shared
        </span>
        <ul className="diff-list">
          {d.layers.removed.map((l) => (
            <li key={`r-${l.digest}`} className="diff-removed">
              − <code>{shortDigest(l.digest)}</code> {l.size !== null && formatBytes(l.size)}
            </li>
          ))}
          {d.layers.added.map((l) => (
            <li key={`a-${l.digest}`} className="diff-added">
              + <code>{shortDigest(l.digest)}</code> {l.size !== null && formatBytes(l.size)}
            </li>
          ))}
        </ul>
      </div>
      {d.created && (
        <div className="diff-section" data-testid="diff-created">
          <h4>Created</h4>
          {formatCreated(d.created.before) || '(unknown)'} → {formatCreated(d.created.after) || '(unknown)'}
        </div>
      )}
      {(d.platforms.added.length > 0 || d.platforms.removed.length > 0) && (
        <div className="diff-section" data-testid="diff-platforms">
          <h4>Platforms</h4>
          {d.platforms.added.map((p) => (
            <div key={p} className="diff-added">
              + {shownText(p)}
            </div>
          ))}
          {d.platforms.removed.map((p) => (
            <div key={p} className="diff-removed">
              − {shownText(p)}
            </div>
          ))}
        </div>
      )}
      <KeyedList title="Environment" changes={d.env} testId="diff-env" />
      <KeyedList title="Labels" changes={d.labels} testId="diff-labels" />
      {d.entrypoint && <CommandChange title="Entrypoint" change={d.entrypoint} testId="diff-entrypoint" />}
      {d.cmd && <CommandChange title="Command" change={d.cmd} testId="diff-cmd" />}
    </div>
  );
}
