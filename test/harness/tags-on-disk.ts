// Tags written straight into a docker-registry's filesystem storage, beside an image pushed the normal
// way: tens of thousands of tags in seconds, where pushing each through the API takes minutes. The
// registry reads tag links from disk on every request, so a running registry serves them at once. Only
// for tests and the storages they build: the layout is Distribution's (registry/storage/paths.go).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** writeTagLinks points every tag in `tags` at `digest` (a manifest already pushed to `repository`). */
export function writeTagLinks(
  storageDir: string,
  repository: string,
  digest: string,
  tags: readonly string[],
): void {
  const [algorithm, hex] = digest.split(':') as [string, string];
  const root = join(storageDir, 'docker/registry/v2/repositories', repository, '_manifests/tags');
  for (const tag of tags) {
    const current = join(root, tag, 'current');
    const index = join(root, tag, 'index', algorithm, hex);
    mkdirSync(current, { recursive: true });
    mkdirSync(index, { recursive: true });
    writeFileSync(join(current, 'link'), digest);
    writeFileSync(join(index, 'link'), digest);
  }
}
