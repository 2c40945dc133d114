import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImageConfig } from './image-config';
import { diffIdOf, makeLayer } from './layer';
import { buildImageManifest } from './manifest';
import { MEDIA_TYPES } from './media-types';
import { runCommand } from './run-command';
import { sha256Digest } from './sha256';

async function writeBlob(dir: string, bytes: Uint8Array): Promise<{ digest: string; size: number }> {
  const digest = sha256Digest(bytes);
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  return { digest, size: bytes.byteLength };
}

/** writeOciLayout writes a minimal valid OCI image layout: one image, one real gzip'd tar layer, tagged (default 'latest'). */
export async function writeOciLayout(dir: string, opts: { tag?: string } = {}): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const layer = makeLayer('berth skopeo layout', 'hello.txt');
  const config = buildImageConfig({
    diffIds: [diffIdOf(layer)],
    created: '2026-01-01T00:00:00.000Z',
    platform: { os: 'linux', architecture: 'amd64' },
    overrides: { config: { Cmd: ['cat', '/hello.txt'], Entrypoint: null } },
  });
  const layerBlob = await writeBlob(dir, layer);
  const configBlob = await writeBlob(dir, new TextEncoder().encode(JSON.stringify(config)));
  const manifest = buildImageManifest('oci', { mediaType: MEDIA_TYPES.ociConfig, ...configBlob }, [
    { mediaType: MEDIA_TYPES.ociLayer, ...layerBlob },
  ]);
  const manifestBlob = await writeBlob(dir, manifest);
  const index = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: [
      {
        mediaType: MEDIA_TYPES.ociManifest,
        ...manifestBlob,
        annotations: { 'org.opencontainers.image.ref.name': opts.tag ?? 'latest' },
      },
    ],
  };
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}

// Only what skopeo needs: PATH to find helpers, and every config location pointed into the temp HOME.
function skopeoEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_RUNTIME_DIR: home,
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
    TMPDIR: home,
  };
}

/** skopeoCopy runs `skopeo copy` with a throwaway HOME and no proxy, so no user config or credentials leak in. */
export async function skopeoCopy(
  src: string,
  dest: string,
  opts: { format?: 'oci' | 'v2s2'; destCreds?: string; srcCreds?: string } = {},
): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'berth-skopeo-'));
  try {
    const env = skopeoEnv(home);
    // --insecure-policy: the host's /etc/containers/policy.json is not ours to depend on.
    const args = ['--insecure-policy', 'copy', '--dest-tls-verify=false'];
    if (src.startsWith('docker://')) args.push('--src-tls-verify=false');
    if (opts.format) args.push('--format', opts.format);
    if (opts.destCreds) args.push('--dest-creds', opts.destCreds);
    if (opts.srcCreds) args.push('--src-creds', opts.srcCreds);
    args.push(src, dest);
    await runCommand('skopeo', args, { env, timeoutMs: 120_000 });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** skopeoRead runs a read-only skopeo command (inspect, list-tags) over plain http and returns its exact stdout. */
async function skopeoRead(args: string[], creds?: string): Promise<Buffer> {
  const home = await mkdtemp(join(tmpdir(), 'berth-skopeo-'));
  const all = ['--insecure-policy', ...args.slice(0, 1), '--tls-verify=false'];
  if (creds) all.push('--creds', creds);
  all.push(...args.slice(1));
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        'skopeo',
        all,
        { env: skopeoEnv(home), encoding: 'buffer', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`skopeo ${all.join(' ')} failed: ${error.message}\n${stderr}`));
          else resolve(stdout);
        },
      );
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** skopeoRawManifest is `skopeo inspect --raw`: the manifest bytes exactly as the registry serves them. */
export function skopeoRawManifest(image: string, creds?: string): Promise<Buffer> {
  return skopeoRead(['inspect', '--raw', `docker://${image}`], creds);
}

/** skopeoTags is `skopeo list-tags`: every tag of a repository, sorted. */
export async function skopeoTags(repository: string, creds?: string): Promise<string[]> {
  const out = await skopeoRead(['list-tags', `docker://${repository}`], creds);
  return ((JSON.parse(out.toString('utf8')) as { Tags: string[] | null }).Tags ?? []).sort();
}
