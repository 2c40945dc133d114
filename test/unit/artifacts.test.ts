// Signatures, SBOMs and attestations are not images: artifact tags, artifact kinds, attestation grouping
// and the naming rule's 'artifact' class, on tricky inputs.

import { describe, expect, it } from 'vitest';
import { layoutAliasDiagram, tagRoles } from '../../shared/alias-diagram';
import {
  artifactKind,
  artifactSummary,
  artifactTag,
  attestationLabels,
  isArtifactTag,
  predicateLabel,
  referrerLabel,
  referrersTag,
  splitIndex,
  summaryWords,
} from '../../shared/artifacts';
import { classifyTag, groupByDigest, imageCount, nameImage } from '../../shared/grouping';
import type { Descriptor, ImageDetails } from '../../shared/model';

const hex = (c: string) => c.repeat(64);
const digest = (c: string) => `sha256:${hex(c)}`;

describe('artifact tags', () => {
  it.each([
    [`sha256-${hex('a')}`, { subject: digest('a'), kind: 'referrers' }],
    [`sha256-${hex('b')}.sig`, { subject: digest('b'), kind: 'signature' }],
    [`sha256-${hex('c')}.att`, { subject: digest('c'), kind: 'attestation' }],
    [`sha256-${hex('d')}.sbom`, { subject: digest('d'), kind: 'sbom' }],
    [`sha512-${hex('e')}`, { subject: `sha512:${hex('e')}`, kind: 'referrers' }],
  ])('%s is an artifact tag', (tag, read) => {
    expect(artifactTag(tag)).toEqual(read);
    expect(isArtifactTag(tag)).toBe(true);
    expect(classifyTag(tag)).toBe('artifact');
  });

  it.each([
    'sha-1a2b3c4',
    `sha256-${hex('a').slice(1)}`, // 63 hex digits
    `sha256-${hex('a')}0`, // 65
    `sha256-${hex('A')}`, // digests are lower case
    `sha256-${hex('a')}.sig.bak`,
    `sha256-${hex('a')}.sigs`,
    `sha256:${hex('a')}`,
    `x-sha256-${hex('a')}`,
    'latest',
    '1.2.3',
  ])('%s is not an artifact tag', (tag) => {
    expect(artifactTag(tag)).toBeNull();
    expect(isArtifactTag(tag)).toBe(false);
    expect(classifyTag(tag)).not.toBe('artifact');
  });

  it('classifies the other tags as the naming rule always did', () => {
    expect(['2.1', 'v3', '20240501', '2.0.1-rc1'].map(classifyTag)).toEqual([
      'version',
      'version',
      'version',
      'version',
    ]);
    expect(['latest', 'production', 'sha-1a2b3c'].map(classifyTag)).toEqual(['alias', 'alias', 'alias']);
  });

  it('writes the referrers tag schema as regclient and crane do', () => {
    expect(referrersTag(digest('f'))).toBe(`sha256-${hex('f')}`);
    // sha512: the hex is cut to 64 characters, so the tag stays within the 128 a tag may have.
    expect(referrersTag(`sha512:${'0123456789abcdef'.repeat(8)}`)).toBe(
      `sha512-${'0123456789abcdef'.repeat(4)}`,
    );
  });
});

describe('artifactKind', () => {
  it.each([
    ['application/vnd.dev.cosign.artifact.sig.v1+json', 'signature'],
    ['application/vnd.cncf.notary.signature', 'signature'],
    ['application/vnd.dev.sigstore.bundle.v0.3+json', 'signature'],
    ['application/vnd.dev.sigstore.bundle+json;version=0.3', 'signature'],
    ['application/spdx+json', 'sbom'],
    ['text/spdx', 'sbom'],
    ['application/vnd.cyclonedx+xml', 'sbom'],
    ['application/vnd.dev.cosign.artifact.sbom.v1+json', 'sbom'],
    ['application/vnd.in-toto+json', 'attestation'],
    ['application/vnd.dev.cosign.artifact.att.v1+json', 'attestation'],
    ['application/vnd.cncf.helm.config.v1+json', 'other'],
    ['', 'other'],
    [null, 'other'],
  ])('%s → %s', (type, kind) => {
    expect(artifactKind(type)).toBe(kind);
  });

  it('names referrers for people, and unknown ones by their type', () => {
    expect(referrerLabel({ kind: 'sbom', artifactType: 'application/spdx+json' })).toBe('SBOM');
    expect(referrerLabel({ kind: 'other', artifactType: 'application/x.example' })).toBe(
      'application/x.example',
    );
    expect(referrerLabel({ kind: 'other', artifactType: null })).toBe('artifact');
  });
});

describe('attestation labels', () => {
  it.each([
    ['https://slsa.dev/provenance/v0.2', 'provenance'],
    ['https://slsa.dev/provenance/v1', 'provenance'],
    ['https://spdx.dev/Document', 'SBOM'],
    ['https://cyclonedx.org/bom', 'SBOM'],
    ['https://cosign.sigstore.dev/attestation/vuln/v1', 'vulnerability scan'],
    ['https://example.com/custom/v1/', 'v1'],
  ])('%s → %s', (predicate, label) => {
    expect(predicateLabel(predicate)).toBe(label);
  });

  it('lists each word once, in first-seen order, and nothing for unread attestations', () => {
    expect(
      attestationLabels([
        { predicateTypes: ['https://spdx.dev/Document', 'https://slsa.dev/provenance/v0.2'] },
        { predicateTypes: ['https://slsa.dev/provenance/v1'] },
        {},
      ]),
    ).toEqual(['SBOM', 'provenance']);
    expect(attestationLabels([{}])).toEqual([]);
  });
});

const image = (c: string, arch: string): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digest(c),
  size: 500,
  platform: { os: 'linux', architecture: arch },
});
const attestation = (c: string, subject: string | null): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digest(c),
  size: 800,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: {
    'vnd.docker.reference.type': 'attestation-manifest',
    ...(subject ? { 'vnd.docker.reference.digest': subject } : {}),
  },
});

describe('splitIndex', () => {
  it('hangs each attestation on the platform image it describes, keeping the images in index order', () => {
    const amd64 = image('1', 'amd64');
    const arm64 = image('2', 'arm64');
    const split = splitIndex([amd64, arm64, attestation('3', amd64.digest), attestation('4', arm64.digest)]);
    expect(split.images.map((d) => d.platform?.architecture)).toEqual(['amd64', 'arm64']);
    expect(split.attestations.get(amd64.digest)?.map((d) => d.digest)).toEqual([digest('3')]);
    expect(split.attestations.get(arm64.digest)?.map((d) => d.digest)).toEqual([digest('4')]);
    expect(split.orphans).toEqual([]);
  });

  it('keeps attestations naming no image of the index apart, and an image with two attestations has both', () => {
    const amd64 = image('1', 'amd64');
    const split = splitIndex([
      attestation('5', amd64.digest), // listed before its image: still found
      amd64,
      attestation('6', amd64.digest),
      attestation('7', digest('9')),
      attestation('8', null),
    ]);
    expect(split.images).toEqual([amd64]);
    expect(split.attestations.get(amd64.digest)?.map((d) => d.digest)).toEqual([digest('5'), digest('6')]);
    expect(split.orphans.map((d) => d.digest)).toEqual([digest('7'), digest('8')]);
  });

  it('leaves an index without attestations as it is', () => {
    const entries = [image('1', 'amd64'), image('2', 'arm64')];
    expect(splitIndex(entries)).toEqual({ images: entries, attestations: new Map(), orphans: [] });
  });
});

describe('artifactSummary', () => {
  const platform = (predicateTypes?: string[]): ImageDetails => ({
    digest: digest('1'),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 1,
    platform: null,
    layers: [],
    totalSize: 0,
    config: null,
    attestations: [
      { digest: digest('2'), mediaType: '', size: 1, ...(predicateTypes ? { predicateTypes } : {}) },
    ],
  });

  it('says signed and has SBOM from referrers, provenance and SBOM from attestations', () => {
    const signed = artifactSummary({
      manifests: [],
      referrers: {
        subject: digest('0'),
        source: 'fallback-tag',
        referrers: [
          { digest: digest('3'), mediaType: '', size: 1, artifactType: null, kind: 'signature' },
          { digest: digest('4'), mediaType: '', size: 1, artifactType: null, kind: 'other' },
        ],
      },
    });
    expect(signed).toEqual({ signed: true, sbom: false, provenance: false, artifacts: 2 });
    expect(summaryWords(signed)).toEqual(['signed']);
    const attested = artifactSummary({
      manifests: [platform(['https://slsa.dev/provenance/v0.2', 'https://spdx.dev/Document'])],
    });
    expect(summaryWords(attested)).toEqual(['has SBOM', 'provenance']);
    expect(summaryWords(artifactSummary({ manifests: [platform()] }))).toEqual([]);
  });
});

describe('the naming rule and artifact tags', () => {
  const sig = `sha256-${hex('a')}.sig`;
  const fallback = `sha256-${hex('a')}`;

  it('an image named by versions, aliases and an artifact tag keeps the artifact tag out of both', () => {
    expect(nameImage(['2.1', 'latest', sig])).toEqual({
      name: '2.1',
      owner: '2.1',
      versions: ['2.1'],
      aliases: ['latest'],
      tags: ['2.1', 'latest', sig],
      artifacts: [sig],
      artifact: false,
    });
    // Without versions the best other tag still names it, never the artifact tag.
    expect(nameImage([sig, 'main'])).toMatchObject({ name: 'main', owner: 'main', aliases: [] });
  });

  it('a digest only artifact tags name is an artifact, not an image, and is not counted', () => {
    const groups = groupByDigest([
      { tag: '1.0', digest: digest('a') },
      { tag: 'latest', digest: digest('a') },
      { tag: '2.0', digest: digest('b') },
      { tag: sig, digest: digest('c') },
      { tag: fallback, digest: digest('d') },
    ]);
    expect(groups.map((g) => [g.owner, g.artifact, g.versions, g.aliases])).toEqual([
      ['1.0', false, ['1.0'], ['latest']],
      ['2.0', false, ['2.0'], []],
      [fallback, true, [], []],
      [sig, true, [], []],
    ]);
    expect(groups).toHaveLength(4);
    expect(imageCount(groups)).toBe(2);
  });

  it('draws no node and no arrow for artifacts, and tells what image an artifact tag belongs to', () => {
    const groups = groupByDigest([
      { tag: '1.0', digest: digest('a') },
      { tag: 'latest', digest: digest('a') },
      { tag: sig, digest: digest('c') },
      { tag: `sha256-${hex('e')}.att`, digest: digest('f') },
    ]);
    const diagram = layoutAliasDiagram(groups);
    expect(diagram.images.map((i) => i.owner)).toEqual(['1.0']);
    expect(diagram.pointers.map((p) => p.tag)).toEqual(['latest']);
    const roles = tagRoles(groups);
    expect(roles.get(sig)).toMatchObject({
      pointer: false,
      aliasOf: null,
      attachedTo: { kind: 'signature', subject: digest('a'), subjectName: '1.0' },
    });
    // Its image is not tagged here (or was deleted): the artifact still says which digest it is for.
    expect(roles.get(`sha256-${hex('e')}.att`)?.attachedTo).toEqual({
      kind: 'attestation',
      subject: digest('e'),
      subjectName: null,
    });
    expect(roles.get('latest')).toMatchObject({ pointer: true, aliasOf: '1.0', attachedTo: null });
  });
});
