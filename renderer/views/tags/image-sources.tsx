// The details panel's sections that read more than the image: the raw manifest and config (images.raw,
// on demand). Section is the frame of every details section (tag-history.tsx uses it too).

import { type ReactNode, useEffect, useState } from 'react';
import type { RawImage } from '../../../shared/api';
import { shortDigest } from '../../../shared/format';
import { mediaTypeLabel } from '../../../shared/media-types';
import { api } from '../../api';
import { type ShownError, toShownError } from '../../lib/errors';
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
  const [raw, setRaw] = useState<RawImage | ShownError | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || raw !== null) return;
    let live = true;
    api.call('images.raw', { registryId, repository, digest }).then(
      (r) => live && setRaw(r),
      (e: unknown) => live && setRaw(toShownError(e)),
    );
    return () => {
      live = false;
    };
  }, [open, raw, registryId, repository, digest]);
  // JSON.stringify leaves bidi overrides as they are: escape them for the screen (Copy stays exact).
  const pretty = (text: string) => {
    let laidOut = text;
    try {
      laidOut = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON after all (or cut at 1 MiB): show it as stored.
    }
    return shownText(laidOut, { keepNewlines: true });
  };
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
      ) : raw === null ? (
        <p className="muted small">Reading…</p>
      ) : 'message' in raw ? (
        <p className="tag-error">{raw.message}</p>
      ) : (
        <>
          <div className="raw-head">
            <span className="small muted">Manifest ({mediaTypeLabel(raw.mediaType)})</span>
            <button
              type="button"
              className="button button-small"
              onClick={() => onCopy(raw.manifest, 'the manifest JSON')}
              data-testid="copy-manifest"
            >
              Copy
            </button>
          </div>
          <pre className="raw-json" data-testid="raw-manifest">
            {pretty(raw.manifest)}
          </pre>
          {raw.config && (
            <>
              <div className="raw-head">
                <span className="small muted">Config {shortDigest(raw.config.digest)}</span>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onCopy(raw.config!.json, 'the config JSON')}
                  data-testid="copy-config"
                >
                  Copy
                </button>
              </div>
              <pre className="raw-json" data-testid="raw-config">
                {pretty(raw.config.json)}
              </pre>
            </>
          )}
          {(raw.truncated || raw.config?.truncated) && <p className="small warn-text">Cut at 1 MiB.</p>}
        </>
      )}
    </Section>
  );
}
