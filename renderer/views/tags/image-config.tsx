// What the details panel shows of one image as read: a summary, its layers, how it runs (config), and for
// a multi-arch index each platform with its own layers and config.

import { formatBytes, shortDigest } from '../../../shared/format';
import { platformLabel, primaryConfig } from '../../../shared/image-compare';
import { mediaTypeLabel } from '../../../shared/media-types';
import type { ImageConfig, ImageDetails, InspectResult } from '../../../shared/model';
import { formatCreated } from '../../lib/created';
import { attestedText, isArtifact } from './image-artifacts';
import { Section } from './image-sources';

/** ConfigSections: how an image runs (entrypoint, command, ports…), its environment, labels and history. */
export function ConfigSections({ config }: { config: ImageConfig }) {
  const labels = Object.entries(config.labels);
  return (
    <>
      <Section title="Runs" testId="details-runs">
        <dl className="details-grid">
          <dt>Entrypoint</dt>
          <dd data-testid="details-entrypoint">
            <code>{config.entrypoint?.join(' ') ?? '(none)'}</code>
          </dd>
          <dt>Command</dt>
          <dd data-testid="details-cmd">
            <code>{config.cmd?.join(' ') ?? '(none)'}</code>
          </dd>
          <dt>Ports</dt>
          <dd data-testid="details-ports">{config.exposedPorts.join(', ') || '(none)'}</dd>
          {config.workingDir && (
            <>
              <dt>Working dir</dt>
              <dd>
                <code>{config.workingDir}</code>
              </dd>
            </>
          )}
          {config.user && (
            <>
              <dt>User</dt>
              <dd>
                <code>{config.user}</code>
              </dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={`Environment (${config.env.length})`} testId="details-env">
        <ul className="plain-list mono">
          {config.env.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </Section>
      <Section title={`Labels (${labels.length})`} testId="details-labels">
        <dl className="details-grid mono">
          {labels.map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </Section>
      {config.history.length > 0 && (
        <Section title={`History (${config.history.length} steps)`} testId="details-history">
          <ol className="plain-list mono history-list">
            {config.history.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: history steps have no identity but their place.
              <li key={i} className={h.emptyLayer ? 'muted' : undefined}>
                {h.createdBy ?? h.comment ?? '(no command recorded)'}
              </li>
            ))}
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
      <dd data-testid="details-kind">{mediaTypeLabel(result.mediaType)}</dd>
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
            {result.platforms.map(platformLabel).join(', ') || '(unknown)'}
          </dd>
        </>
      )}
    </dl>
  );
}

/** Platforms lists a multi-arch image's platforms, each unfolding to its layers and config. */
export function Platforms({ result }: { result: InspectResult }) {
  return (
    <Section title={`Platforms (${result.manifests.length})`} testId="details-platform-list">
      {result.manifests.map((m) => (
        <details
          key={m.digest}
          className="platform-details"
          data-testid="platform"
          data-platform={m.platform ? platformLabel(m.platform) : ''}
        >
          <summary>
            <strong>{m.platform ? platformLabel(m.platform) : 'unknown platform'}</strong>{' '}
            <span className="muted small">
              {shortDigest(m.digest)} · {formatBytes(m.totalSize)} · {m.layers.length} layers
              {m.config?.created ? ` · ${formatCreated(m.config.created)}` : ''}
            </span>
            {attestedText(m) && (
              <span className="attached-mark" data-testid="platform-attested">
                {attestedText(m)}
              </span>
            )}
            {m.error && <span className="tag-error"> {m.error.message}</span>}
          </summary>
          <LayerList image={m} />
          {m.config && <ConfigSections config={m.config} />}
        </details>
      ))}
    </Section>
  );
}
