// Attestations and referrers in the Tags screen through `berth ui` in Chromium, against a real
// docker-registry holding an image as `docker buildx build --push` and cosign leave it: attestation
// manifests in the index, a signature and an SBOM attached by subject, the referrers fallback tag
// (`sha256-<hex>`) and cosign's `sha256-<hex>.sig` tag. Artifacts are not images: not counted, no arrows,
// and the details panel says "signed", "has SBOM" and lists them.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COSIGN_SIG_TYPE,
  fallbackTag,
  type PushedAttestedIndex,
  pushSignedImage,
} from '../harness/push-artifacts';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { test as base, expect } from './fixtures';
import type { AppShell } from './pages/app-shell';
import type { TagsPage } from './pages/tags-page';

interface Signed {
  registry: RunningRegistry;
  app: PushedAttestedIndex;
}

const test = base.extend<object, { signed: Signed }>({
  signed: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const storage = await mkdtemp(join(tmpdir(), 'berth-artifacts-'));
      const registry = await startRegistry({ storageDir: storage });
      const { app } = await pushSignedImage(registry.url, 'signed/app', {
        tags: ['1.0', 'latest'],
        plainTag: '0.9',
      });
      await use({ registry, app });
      await registry.stop();
      await rm(storage, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

async function openSigned(app: AppShell, registry: RunningRegistry): Promise<TagsPage> {
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: registry.host, name: 'Signed images' }, 1);
  return repos.open('signed/app');
}

test('artifact tags are not images: not counted, no arrows, named by whose they are', async ({
  app,
  signed,
}) => {
  const tags = await openSigned(app, signed.registry);
  const sig = `${fallbackTag(signed.app.digest)}.sig`;
  const index = fallbackTag(signed.app.digest);
  await tags.waitForDigests(5);
  await expect(tags.status).toHaveText('5 tags · 2 images · 2 artifact tags');
  await expect(tags.platforms(sig)).toHaveText('signature of 1.0');
  await expect(tags.platforms(index)).toHaveText('artifacts of 1.0');
  await expect(tags.aliasOf(sig)).toHaveCount(0);
  await expect(tags.row(sig).getByTestId('image-group')).toHaveCount(0);
  // The image gets a mark from the cosign tag beside it; one nothing is attached to gets none.
  await expect(tags.attachedMarks('1.0')).toHaveText(['signed']);
  await expect(tags.attachedMarks('0.9')).toHaveCount(0);
  // The platforms column lists real platforms only: no unknown/unknown from the attestations.
  await tags.waitForDetails();
  await expect(tags.platforms('1.0')).toHaveText('linux/amd64, linux/arm64/v8');

  const diagram = await tags.showDiagram();
  // Only 1.0 has an alias (latest); 0.9 is counted, and the artifacts are neither.
  await expect(diagram.getByTestId('diagram-image')).toHaveCount(1);
  await expect(diagram.getByTestId('diagram-pointer')).toHaveCount(1);
  await expect(diagram.getByTestId('diagram-summary')).toHaveText(
    '1 image with aliases · 1 without aliases (see the table)',
  );
});

test('details: signed, has SBOM, the artifacts, and attestations under their platform', async ({
  app,
  signed,
}) => {
  const tags = await openSigned(app, signed.registry);
  await tags.waitForDigests(5);
  const panel = await tags.openDetails('1.0');
  const attached = panel.getByTestId('details-attached');
  await expect(attached.getByTestId('attached-summary')).toHaveText('signed · has SBOM · provenance');
  await expect(attached.getByTestId('attached-summary')).toHaveAttribute('data-signed', 'true');
  await expect(attached.getByTestId('attached-artifact')).toHaveCount(2);
  await expect(attached.getByTestId('attached-artifact').first()).toHaveAttribute('data-kind', 'signature');
  await expect(attached.getByTestId('attached-artifact').first()).toContainText(COSIGN_SIG_TYPE);
  await expect(attached.getByTestId('attached-artifact').nth(1)).toHaveAttribute('data-kind', 'sbom');

  const platforms = panel.getByTestId('platform');
  await expect(platforms).toHaveCount(2);
  await expect(platforms.getByTestId('platform-attested')).toHaveText([
    'attested (provenance, SBOM)',
    'attested (provenance, SBOM)',
  ]);

  const plain = await tags.openDetails('0.9');
  await expect(plain.getByTestId('attached-summary')).toHaveText('not signed · no SBOM');
  await expect(plain.getByTestId('attached-artifact')).toHaveCount(0);

  const sig = await tags.openDetails(`${fallbackTag(signed.app.digest)}.sig`);
  await expect(sig.getByTestId('details-attached-to')).toHaveText('signature of 1.0');
  await expect(sig.getByTestId('details-artifact-kind')).toContainText('signature');
  await expect(sig.getByTestId('details-artifact-subject')).toHaveText('1.0');
  await expect(sig.getByTestId('details-attached')).toHaveCount(0);
});
