// What is attached to an image but is not an image: signatures, SBOMs and attestations. They reach a
// registry three ways: BuildKit puts attestation manifests into the index (platform unknown/unknown),
// OCI 1.1 artifacts name the image as their `subject` (listed by the referrers API or, where a registry
// lacks it, by a `sha256-<hex>` tag holding an index of them), and cosign writes `sha256-<hex>.sig`
// (`.att`, `.sbom`) tags. Pure, so the table, details, the CLI and tests agree on every word.

import { shortDigest } from './format';
import type { Descriptor, InspectResult, Platform, Referrer } from './model';

/** ArtifactKind is what an attached artifact is for, in the words people use. */
export type ArtifactKind = 'signature' | 'sbom' | 'attestation' | 'other';

/** ArtifactTagKind is what an artifact tag holds: the referrers index (`sha256-<hex>`) or a cosign artifact. */
export type ArtifactTagKind = 'referrers' | 'signature' | 'attestation' | 'sbom';

/** ArtifactTag is an artifact tag read: the digest it is about and what it holds. */
export interface ArtifactTag {
  /** subject is the digest of the image the tag's artifacts are attached to (`sha256:<hex>`). */
  subject: string;
  kind: ArtifactTagKind;
}

// The referrers tag schema writes `<alg>-<hex>` with the algorithm cut to 32 and the hex to 64
// characters (as regclient and crane do); cosign appends `.sig`, `.att` or `.sbom` to the same.
const ARTIFACT_TAG_RE = /^(sha256|sha512)-([0-9a-f]{64})(?:\.(sig|att|sbom))?$/;

const SUFFIX_KIND: Record<string, ArtifactTagKind> = { sig: 'signature', att: 'attestation', sbom: 'sbom' };

/**
 * artifactTag reads an artifact tag (`sha256-<hex>`, `sha256-<hex>.sig|.att|.sbom`), or returns null
 * for any other tag. For sha512 the subject holds only the 64 hex characters the tag keeps.
 */
export function artifactTag(tag: string): ArtifactTag | null {
  const m = ARTIFACT_TAG_RE.exec(tag);
  if (!m) return null;
  return { subject: `${m[1]}:${m[2]}`, kind: m[3] ? SUFFIX_KIND[m[3]]! : 'referrers' };
}

/** isArtifactTag says whether a tag only carries artifacts for another image, so it names no image itself. */
export function isArtifactTag(tag: string): boolean {
  // Cheap first test: every artifact tag starts with "sha"; most tags in a repository do not.
  return tag.startsWith('sha') && ARTIFACT_TAG_RE.test(tag);
}

/** referrersTag is the referrers tag schema's tag for a digest: `sha256:<hex>` → `sha256-<hex>`. */
export function referrersTag(digest: string): string {
  const at = digest.indexOf(':');
  const algorithm = digest.slice(0, at).replace(/[^a-zA-Z0-9._-]/g, '-');
  const hex = digest.slice(at + 1).replace(/[^a-zA-Z0-9._-]/g, '-');
  return `${algorithm.slice(0, 32)}-${hex.slice(0, 64)}`;
}

const TAG_KIND_WORD: Record<ArtifactTagKind, string> = {
  referrers: 'artifacts',
  signature: 'signature',
  attestation: 'attestation',
  sbom: 'SBOM',
};

/**
 * describeArtifactTag says what an artifact tag is for people: "signature of 2.1", or "SBOM of
 * 1a2b3c4d5e6f" (the short digest) when no tag names the image it belongs to.
 */
export function describeArtifactTag(a: {
  kind: ArtifactTagKind;
  subject: string;
  subjectName: string | null;
}): string {
  return `${TAG_KIND_WORD[a.kind]} of ${a.subjectName ?? shortDigest(a.subject)}`;
}

/** COSIGN_SUFFIXES are the tags cosign writes beside an image, with what each holds. */
export const COSIGN_SUFFIXES: readonly { suffix: string; kind: ArtifactKind }[] = [
  { suffix: '.sig', kind: 'signature' },
  { suffix: '.att', kind: 'attestation' },
  { suffix: '.sbom', kind: 'sbom' },
];

const SIGNATURE_TYPES = [
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  'application/vnd.dev.cosign.simplesigning.v1+json',
  'application/vnd.cncf.notary.signature',
];
const SBOM_TYPES = ['application/vnd.dev.cosign.artifact.sbom.v1+json', 'application/vnd.syft+json'];
const ATTESTATION_TYPES = [
  'application/vnd.dev.cosign.artifact.att.v1+json',
  'application/vnd.in-toto+json',
  'application/vnd.dsse.envelope.v1+json',
];

/**
 * artifactKind tells from an artifact type (or, for older artifacts, a config or layer media type)
 * what the artifact is for. A sigstore bundle is counted as a signature: that is what it proves first.
 */
export function artifactKind(type: string | null | undefined): ArtifactKind {
  if (!type) return 'other';
  const t = type.toLowerCase().split(';')[0]!.trim();
  if (SIGNATURE_TYPES.includes(t) || t.startsWith('application/vnd.dev.sigstore.bundle')) return 'signature';
  if (SBOM_TYPES.includes(t) || t.includes('spdx') || t.includes('cyclonedx')) return 'sbom';
  if (ATTESTATION_TYPES.includes(t) || t.includes('in-toto')) return 'attestation';
  return 'other';
}

/** ARTIFACT_KIND_LABEL names each kind for people. */
export const ARTIFACT_KIND_LABEL: Record<ArtifactKind, string> = {
  signature: 'signature',
  sbom: 'SBOM',
  attestation: 'attestation',
  other: 'artifact',
};

/** referrerLabel names one referrer for people: "signature", "SBOM", or its artifact type when it is something else. */
export function referrerLabel(r: Pick<Referrer, 'kind' | 'artifactType'>): string {
  return r.kind === 'other' && r.artifactType ? r.artifactType : ARTIFACT_KIND_LABEL[r.kind];
}

/**
 * predicateLabel names an in-toto predicate type (what an attestation states) for people:
 * SLSA provenance → "provenance", SPDX or CycloneDX → "SBOM", anything else its last path part.
 */
export function predicateLabel(predicateType: string): string {
  const p = predicateType.toLowerCase();
  if (p.includes('slsa.dev/provenance')) return 'provenance';
  if (p.includes('spdx') || p.includes('cyclonedx')) return 'SBOM';
  if (p.includes('vuln')) return 'vulnerability scan';
  const last = predicateType.replace(/\/+$/, '').split('/').pop();
  return last || predicateType;
}

/** attestationLabels lists what a set of attestations states, each word once: ["provenance", "SBOM"]. */
export function attestationLabels(attestations: readonly { predicateTypes?: string[] }[]): string[] {
  const labels: string[] = [];
  for (const a of attestations)
    for (const p of a.predicateTypes ?? []) {
      const label = predicateLabel(p);
      if (!labels.includes(label)) labels.push(label);
    }
  return labels;
}

/** isAttestationDescriptor tells BuildKit's attestation manifests (platform unknown/unknown) from real platforms. */
export function isAttestationDescriptor(d: Pick<Descriptor, 'annotations'>): boolean {
  return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}

/** attestationSubject is the digest of the image an attestation manifest describes, or null when it names none. */
export function attestationSubject(d: Pick<Descriptor, 'annotations'>): string | null {
  return d.annotations?.['vnd.docker.reference.digest'] ?? null;
}

/** IndexEntries is an index's entries split: the platform images, and the attestations each of them has. */
export interface IndexEntries {
  images: Descriptor[];
  /** attestations maps an image digest to the attestation manifests describing it, in index order. */
  attestations: Map<string, Descriptor[]>;
  /** orphans are attestations naming no image of this index (none, or one that is not listed). */
  orphans: Descriptor[];
}

/** splitIndex separates an index's platform images from its attestation manifests and hangs each on its image. */
export function splitIndex(entries: readonly Descriptor[]): IndexEntries {
  const images = entries.filter((d) => !isAttestationDescriptor(d));
  const known = new Set(images.map((d) => d.digest));
  const attestations = new Map<string, Descriptor[]>();
  const orphans: Descriptor[] = [];
  for (const d of entries) {
    if (!isAttestationDescriptor(d)) continue;
    const subject = attestationSubject(d);
    if (subject === null || !known.has(subject)) {
      orphans.push(d);
      continue;
    }
    const list = attestations.get(subject);
    if (list) list.push(d);
    else attestations.set(subject, [d]);
  }
  return { images, attestations, orphans };
}

/** isUnknownPlatform is BuildKit's placeholder platform for attestations: unknown/unknown. */
export function isUnknownPlatform(p: Platform | null | undefined): boolean {
  return p?.os === 'unknown' && p.architecture === 'unknown';
}

/** ArtifactSummary is what the details and the CLI say in one line: signed, has an SBOM, has provenance. */
export interface ArtifactSummary {
  signed: boolean;
  sbom: boolean;
  provenance: boolean;
  /** artifacts counts the referrers (signatures, SBOMs, … attached by subject or cosign tag). */
  artifacts: number;
}

/** artifactSummary reads an inspected image's referrers and its platforms' attestations into one summary. */
export function artifactSummary(r: Pick<InspectResult, 'referrers' | 'manifests'>): ArtifactSummary {
  const referrers = r.referrers?.referrers ?? [];
  const labels = attestationLabels(r.manifests.flatMap((m) => m.attestations));
  return {
    signed: referrers.some((a) => a.kind === 'signature'),
    sbom: referrers.some((a) => a.kind === 'sbom') || labels.includes('SBOM'),
    provenance: labels.includes('provenance'),
    artifacts: referrers.length,
  };
}

/** summaryWords says an ArtifactSummary as words: ["signed", "has SBOM", "provenance"]; empty when nothing is known. */
export function summaryWords(s: ArtifactSummary): string[] {
  const words: string[] = [];
  if (s.signed) words.push('signed');
  if (s.sbom) words.push('has SBOM');
  if (s.provenance) words.push('provenance');
  return words;
}
