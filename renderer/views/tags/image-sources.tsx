// The details panel's sections that read more than the image: the raw manifest and config (images.raw,
// on demand). Section is the frame of every details section (tag-history.tsx uses it too).

import { type ReactNode, useState } from 'react';
import type { RawImage } from '../../../shared/api';
import { shortDigest } from '../../../shared/format';
import { mediaTypeLabel } from '../../../shared/media-types';
import { useCall } from '../../hooks/use-call';
import { shownText } from '../../lib/shown-text';

/** Section is one titled part of the details panel. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="details-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** RawJson shows the manifest and config as stored, read when asked for, with copy. */
export function RawJson({
  registryId,
  repository,
  digest,
  onCopy,
}: {
  registryId: string;
  repository: string;
  digest: string;
  onCopy(t: string, w: string): void;
}) {
  const [open, setOpen] = useState(false);
  // Read only once asked for: a manifest and a config can be a megabyte each.
  const [read] = useCall('images.raw', open ? { registryId, repository, digest } : null);
  return (
    <Section title="Raw JSON" testId="details-raw">
      {!open ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => setOpen(true)}
          data-testid="show-raw"
        >
          Show the manifest and config
        </button>
      ) : read.phase === 'loading' ? (
        <p className="muted small">Reading…</p>
      ) : read.phase === 'error' ? (
        <p className="tag-error">{read.error.message}</p>
      ) : (
        <RawBodies raw={read.value} onCopy={onCopy} />
      )}
    </Section>
  );
}

/** RawBodies shows the manifest and, for an image, its config, and says when either was cut. */
function RawBodies({ raw, onCopy }: { raw: RawImage; onCopy(t: string, w: string): void }) {
  return (
    <>
      <RawBody
        heading={`Manifest (${mediaTypeLabel(raw.mediaType)})`}
        json={raw.manifest}
        what="manifest"
        onCopy={onCopy}
      />
      {raw.config && (
        <RawBody
          heading={`Config ${shortDigest(raw.config.digest)}`}
          json={raw.config.json}
          what="config"
          onCopy={onCopy}
        />
      )}
      {(raw.truncated || raw.config?.truncated) && <p className="small warn-text">Cut at 1 MiB.</p>}
    </>
  );
}

/** RawBody is one stored body, laid out for reading, with a Copy button that copies it exactly. */
function RawBody(props: {
  heading: string;
  json: string;
  what: 'manifest' | 'config';
  onCopy(t: string, w: string): void;
}) {
  const { json, what } = props;
  return (
    <>
      <div className="raw-head">
        <span className="small muted">{props.heading}</span>
        <button
          type="button"
          className="button button-small"
          onClick={() => props.onCopy(json, `the ${what} JSON`)}
          data-testid={`copy-${what}`}
        >
          Copy
        </button>
      </div>
      <pre className="raw-json" data-testid={`raw-${what}`}>
        {laidOut(json)}
      </pre>
    </>
  );
}

/** laidOut indents JSON for the screen, with bidi overrides escaped (JSON.stringify leaves them as they are). */
function laidOut(text: string): string {
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON after all (or cut at 1 MiB): show it as stored.
  }
  return shownText(pretty, { keepNewlines: true });
}
