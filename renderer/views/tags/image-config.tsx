// What the details panel shows of one image as read: a summary, its layers, how it runs (config), and for
// a multi-arch index each platform with its own layers and config.

import { Fragment } from 'react';
import { formatBytes, shortDigest } from '../../../shared/format';
import { platformLabel, primaryConfig } from '../../../shared/image-compare';
import { mediaTypeLabel } from '../../../shared/media-types';
import type { ImageConfig, ImageDetails, InspectResult } from '../../../shared/model';
import { LongText } from '../../components/long-text';
import { formatCreated } from '../../lib/created';
import { clipText, shownText } from '../../lib/shown-text';
import { countOf } from '../../lib/text';
import { attestedText, isArtifact } from './image-artifacts';
import { Section } from './image-sources';

/** PLATFORM_LIMIT cuts a platform name in a line that also holds the digest, size and layer count. */
const PLATFORM_LIMIT = 80;

/** CopyText copies an exact value and names it for the copy status ("the label value"). */
type CopyText = (text: string, what: string) => void;

/** CommandRow is the entrypoint or the command: its words as one line to read and copy, or (none). */
function CommandRow(props: { label: string; words: string[] | null; testId: string; onCopy: CopyText }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId} className="mono">
        {props.words ? (
          <LongText
            text={props.words.join(' ')}
            onCopy={props.onCopy}
            what={`the ${props.label.toLowerCase()}`}
          />
        ) : (
          '(none)'
        )}
      </dd>
    </>
  );
}

/** ConfigSections: how an image runs (entrypoint, command, ports…), its environment, labels and history. */
export function ConfigSections({ config, onCopy }: { config: ImageConfig; onCopy: CopyText }) {
  const labels = Object.entries(config.labels);
  return (
    <>
      <Section title="Runs" testId="details-runs">
        <dl className="details-grid">
          <CommandRow
            label="Entrypoint"
            words={config.entrypoint}
            testId="details-entrypoint"
            onCopy={onCopy}
          />
          <CommandRow label="Command" words={config.cmd} testId="details-cmd" onCopy={onCopy} />
          <dt>Ports</dt>
          <dd data-testid="details-ports">
            {config.exposedPorts.length > 0 ? <LongText text={config.exposedPorts.join(', ')} /> : '(none)'}
          </dd>
          {config.workingDir && (
            <>
              <dt>Working dir</dt>
              <dd data-testid="details-workdir" className="mono">
                <LongText text={config.workingDir} onCopy={onCopy} what="the working dir" />
              </dd>
            </>
          )}
          {config.user && (
            <>
              <dt>User</dt>
              <dd data-testid="details-user" className="mono">
                <LongText text={config.user} />
              </dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={`Environment (${config.env.length})`} testId="details-env">
        <ul className="plain-list mono">
          {config.env.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an image may set the same variable twice.
            <li key={i}>
              <LongText text={e} onCopy={onCopy} what="the variable" />
            </li>
          ))}
        </ul>
      </Section>
      <Section title={`Labels (${labels.length})`} testId="details-labels">
        <dl className="details-grid mono">
          {labels.map(([k, v]) => (
            <div key={k} className="contents">
              <dt>
                <LongText text={k} onCopy={onCopy} what="the label name" />
              </dt>
              <dd>
                <LongText text={v} multiline onCopy={onCopy} what="the label value" />
              </dd>
            </div>
          ))}
        </dl>
      </Section>
      {config.history.length > 0 && (
        <Section
          title={`History (${countOf(config.history.length, 'step', 'steps')})`}
          testId="details-history"
        >
          <ol className="plain-list mono history-list">
            {config.history.map((h, i) => {
              const step = h.createdBy ?? h.comment;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: history steps have no identity but their place.
                <li key={i} className={h.emptyLayer ? 'muted' : undefined}>
                  {step ? (
                    <LongText text={step} multiline onCopy={onCopy} what="the step" />
                  ) : (
                    '(no command recorded)'
                  )}
                </li>
              );
            })}
          </ol>
        </Section>
      )}
    </>
  );
}

/** LayerList lists an image's layers with their sizes. */
export function LayerList({ image }: { image: Pick<ImageDetails, 'layers'> }) {
  return (
    <ol className="plain-list mono" data-testid="details-layers">
      {image.layers.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an image may list the same layer twice.
        <li key={`${l.digest}-${i}`}>
          <span title={l.digest}>{shortDigest(l.digest)}</span>{' '}
          <span className="muted">{l.size === null ? '' : formatBytes(l.size)}</span>
        </li>
      ))}
    </ol>
  );
}

/** Summary is the image at a glance: kind, total size, created, platforms. */
export function Summary({ result }: { result: InspectResult }) {
  const created = primaryConfig(result)?.created ?? null;
  // An artifact (a signature, an SBOM) has no config: no creation date and no platform to show as unknown.
  const artifact = isArtifact(result);
  return (
    <dl className="details-grid" data-testid="details-summary">
      <dt>Kind</dt>
      <dd data-testid="details-kind">{shownText(mediaTypeLabel(result.mediaType))}</dd>
      <dt>Total size</dt>
      <dd data-testid="details-size">{formatBytes(result.totalSize)}</dd>
      {!(artifact && !created) && (
        <>
          <dt>Created</dt>
          <dd data-testid="details-created">{formatCreated(created) || '(unknown)'}</dd>
        </>
      )}
      {!(artifact && result.platforms.length === 0) && (
        <>
          <dt>{result.platforms.length > 1 ? 'Platforms' : 'Platform'}</dt>
          <dd data-testid="details-platforms">
            {result.platforms.length > 0 ? (
              <LongText text={result.platforms.map(platformLabel).join(', ')} />
            ) : (
              '(unknown)'
            )}
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * Parts writes facts as `a · b · c`, each kept whole on one line: a narrow panel wraps between them, never
 * inside one ("645" on one line and "B" on the next), and after a dot, so no line starts with one.
 */
function Parts({ parts }: { parts: readonly (string | null)[] }) {
  return parts
    .filter((part): part is string => part !== null)
    .map((part, i) => (
      <Fragment key={part}>
        {i > 0 && '\u00a0· '}
        <span className="nowrap">{part}</span>
      </Fragment>
    ));
}

/** Platforms lists a multi-arch image's platforms, each unfolding to its layers and config. */
export function Platforms({ result, onCopy }: { result: InspectResult; onCopy: CopyText }) {
  return (
    <Section title={`Platforms (${result.manifests.length})`} testId="details-platform-list">
      {result.manifests.map((m) => (
        <details
          key={m.digest}
          className="platform-details"
          data-testid="platform"
          data-platform={m.platform ? platformLabel(m.platform) : ''}
        >
          <summary className="long-text">
            <strong>
              {m.platform ? clipText(platformLabel(m.platform), PLATFORM_LIMIT).text : 'unknown platform'}
            </strong>{' '}
            <span className="muted small">
              <Parts
                parts={[
                  shortDigest(m.digest),
                  formatBytes(m.totalSize),
                  countOf(m.layers.length, 'layer', 'layers'),
                  m.config?.created ? formatCreated(m.config.created) : null,
                ]}
              />
            </span>
            {attestedText(m) && (
              <span className="attached-mark" data-testid="platform-attested">
                {attestedText(m)}
              </span>
            )}
            {m.error && <span className="tag-error"> {m.error.message}</span>}
          </summary>
          <LayerList image={m} />
          {m.config && <ConfigSections config={m.config} onCopy={onCopy} />}
        </details>
      ))}
    </Section>
  );
}
