// `berth inspect` and `berth tags` on an image as docker buildx and cosign leave it in a real registry:
// attestations under their platform, "signed" and "has SBOM" from the referrers fallback tag, and
// artifact tags kept out of the image count and the aliases.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagsJson } from '../../electron/cli/commands';
import type { InspectResult } from '../../shared/model';
import { runBerth } from '../harness/cli';
import { COSIGN_SIG_TYPE, fallbackTag, pushSignedImage, type SignedImage } from '../harness/push-artifacts';
import { type RunningRegistry, startRegistry } from '../harness/registry';

let reg: RunningRegistry;
let signed: SignedImage;

beforeAll(async () => {
  reg = await startRegistry();
  signed = await pushSignedImage(reg.url, 'shop/web', { tags: ['3.1', 'latest'], plainTag: '3.0' });
});
afterAll(() => reg?.stop());

const image = (path: string) => `${reg.host}/${path}`;

describe('berth inspect', () => {
  it('shows attestations under their platform, not as unknown/unknown images', async () => {
    const r = await runBerth(['inspect', image('shop/web:3.1')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('unknown/unknown');
    expect(r.stdout).toContain('Platforms   linux/amd64, linux/arm64/v8\n');
    expect(r.stdout).toMatch(/Size {8}\S+ \S+ over 2 images\n/);
    for (const child of signed.app.children)
      expect(r.stdout).toMatch(
        new RegExp(
          `── \\S+ {2}${child.digest}\\n {3}\\S+ \\S+ in 1 layer, created \\S+\\n {3}attested \\(provenance, SBOM\\)\\n`,
        ),
      );
  });

  it('says signed and has SBOM, and lists what is attached', async () => {
    const r = await runBerth(['inspect', image('shop/web:latest')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Attached    signed, has SBOM, provenance (2 artifacts attached)\n');
    const rows = r.stdout.slice(r.stdout.indexOf('ATTACHED')).trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ATTACHED +DIGEST +ARTIFACT TYPE +TAG$/);
    expect(rows.slice(1).map((row) => row.split(/ +/))).toEqual([
      ['signature', signed.signature.digest, COSIGN_SIG_TYPE, signed.sigTag],
      ['SBOM', signed.sbom.digest, 'application/spdx+json'],
    ]);
  });

  it('says an image nothing is attached to is not signed', async () => {
    const r = await runBerth(['inspect', image('shop/web:3.0')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Attached    not signed, no SBOM\n');
    expect(r.stdout).not.toContain('ATTACHED');
  });

  it('--json marks attestations and referrers', async () => {
    const r = await runBerth(['inspect', image('shop/web:3.1'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as InspectResult;
    expect(json.manifests.map((m) => m.digest)).toEqual(signed.app.children.map((c) => c.digest));
    expect(json.manifests[0]!.attestations).toEqual([
      {
        digest: signed.app.attestations[0]!.digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: signed.app.attestations[0]!.size,
        predicateTypes: ['https://slsa.dev/provenance/v0.2', 'https://spdx.dev/Document'],
      },
    ]);
    expect(json.referrers).toMatchObject({
      subject: signed.app.digest,
      source: 'fallback-tag',
      referrers: [
        {
          digest: signed.signature.digest,
          kind: 'signature',
          artifactType: COSIGN_SIG_TYPE,
          tag: signed.sigTag,
        },
        { digest: signed.sbom.digest, kind: 'sbom', artifactType: 'application/spdx+json' },
      ],
    });
    expect(json).toMatchObject({ artifactType: null, subject: null });
  });

  it('on the signature itself, says what it is and whose it is', async () => {
    const r = await runBerth(['inspect', image(`shop/web:${signed.sigTag}`)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Artifact    signature of ${signed.app.digest}\n            ${COSIGN_SIG_TYPE}\n`,
    );
    expect(r.stdout).not.toContain('Platforms');
    expect(r.stdout).not.toContain('Attached');
  });
});

describe('berth tags', () => {
  it('counts images without the artifact tags and says whose artifacts those tags hold', async () => {
    const r = await runBerth(['tags', image('shop/web')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('5 tags, 2 distinct images, 2 artifact tags (signatures, SBOMs).');
    const line = (tag: string) => r.stdout.split('\n').find((l) => l.startsWith(`${tag} `)) ?? '';
    expect(line(signed.sigTag)).toMatch(/ signature of 3\.1$/);
    expect(line(fallbackTag(signed.app.digest))).toMatch(/ artifacts of 3\.1$/);
    expect(line('3.1')).toMatch(/ ← latest$/);
  });

  it('--json marks artifact groups and keeps artifact tags out of versions and aliases', async () => {
    const r = await runBerth(['tags', image('shop/web'), '--json']);
    const json = JSON.parse(r.stdout) as TagsJson;
    const byOwner = Object.fromEntries(json.groups.map((g) => [g.owner, g]));
    expect(byOwner['3.1']).toMatchObject({ versions: ['3.1'], aliases: ['latest'], artifact: false });
    expect(byOwner[signed.sigTag]).toMatchObject({
      versions: [],
      aliases: [],
      artifacts: [signed.sigTag],
      artifact: true,
    });
    expect(json.groups.filter((g) => !g.artifact)).toHaveLength(2);
  });
});
