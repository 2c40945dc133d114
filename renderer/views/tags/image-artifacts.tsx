// What is attached to an image, for the details panel: whether it is signed and has an SBOM, and the list
// of artifacts (images.referrers, read when the panel opens: it costs the registry a few requests, so
// the table never asks). For an artifact itself, what it is and whose it is.

import {
  artifactKind,
  artifactSummary,
  attestationLabels,
  referrerLabel,
  summaryWords,
} from '../../../shared/artifacts';
import { shortDigest } from '../../../shared/format';
import type { ImageDetails, InspectResult } from '../../../shared/model';
import { useCall } from '../../hooks/use-call';
import { Section } from './image-sources';

/** isArtifact says an inspected manifest is itself an artifact (a signature, an SBOM), not an image. */
export function isArtifact(r: Pick<InspectResult, 'artifactType' | 'subject'>): boolean {
  return r.artifactType !== null || r.subject !== null;
}

/** ArtifactIdentity is the summary rows of an artifact: what it is, and the image it belongs to. */
export function ArtifactIdentity({
  result,
  owners,
}: {
  result: InspectResult;
  owners: ReadonlyMap<string, string>;
}) {
  const kind = referrerLabel({ kind: artifactKind(result.artifactType), artifactType: result.artifactType });
  const subject = result.subject;
  return (
    <dl className="details-grid" data-testid="details-artifact">
      <dt>Artifact</dt>
      <dd data-testid="details-artifact-kind" title={result.artifactType ?? undefined}>
        {kind}
        {result.artifactType && kind !== result.artifactType && (
          <span className="muted small"> ({result.artifactType})</span>
        )}
      </dd>
      {subject && (
        <>
          <dt>Attached to</dt>
          <dd data-testid="details-artifact-subject" title={subject}>
            {owners.get(subject) ?? shortDigest(subject)}
          </dd>
        </>
      )}
    </dl>
  );
}

/** attestedText says under a platform what its attestations state: "attested (provenance, SBOM)". */
export function attestedText(m: Pick<ImageDetails, 'attestations'>): string | null {
  if (m.attestations.length === 0) return null;
  const labels = attestationLabels(m.attestations);
  return labels.length > 0 ? `attested (${labels.join(', ')})` : 'attested';
}

/** AttachedArtifacts reads and shows what is attached to one image: signed, has SBOM, and the list. */
export function AttachedArtifacts({
  registryId,
  repository,
  result,
}: {
  registryId: string;
  repository: string;
  result: InspectResult;
}) {
  const [list] = useCall('images.referrers', { registryId, repository, digest: result.digest });
  const read = list.phase === 'ready' ? list.value : null;
  const summary = artifactSummary({ manifests: result.manifests, ...(read ? { referrers: read } : {}) });
  const words = summaryWords(summary);
  if (read && !summary.signed) words.push('not signed');
  if (read && !summary.sbom) words.push('no SBOM');
  return (
    <Section title="Signatures and SBOMs" testId="details-attached">
      {list.phase === 'loading' ? (
        <p className="muted small" data-testid="attached-loading">
          Looking for signatures and SBOMs…
        </p>
      ) : (
        <>
          <p data-testid="attached-summary" data-signed={summary.signed} data-sbom={summary.sbom}>
            {words.join(' · ') || 'Nothing attached'}
          </p>
          {list.phase === 'error' && (
            <p className="tag-error small" data-testid="attached-error">
              {list.error.message}
            </p>
          )}
          {read?.error && (
            <p className="warn-text small" data-testid="attached-error">
              {read.error.message}
            </p>
          )}
          {read && read.referrers.length > 0 && (
            <ul className="plain-list">
              {read.referrers.map((a) => (
                <li key={a.digest} data-testid="attached-artifact" data-kind={a.kind}>
                  <strong>{referrerLabel(a)}</strong>{' '}
                  <span className="muted small mono" title={a.digest}>
                    {shortDigest(a.digest)}
                  </span>
                  {a.artifactType && a.artifactType !== referrerLabel(a) && (
                    <span className="muted small"> · {a.artifactType}</span>
                  )}
                  {a.tag && <span className="muted small"> · tag {a.tag}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Section>
  );
}
