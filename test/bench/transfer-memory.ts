// The memory half of the transfer bench: how much a `berth copy` of one large layer (512 MiB by default,
// random-looking so nothing compresses it away) raises the process's peak RSS over copying a tiny image.
// The layer is generated and pushed as a stream, so the bench itself never holds it either.

import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';
import type { TransferJson } from '../../electron/cli/transfer-report';
import { MEDIA_TYPES } from '../harness/media-types';
import { pushBlob, pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { BERTH } from './paths';
import { runOk } from './timed';

const MiB = 1024 * 1024;

/** PeakRun is one measured process: its peak resident memory and wall time. */
export interface PeakRun {
  peakMiB: number;
  seconds: number;
  mibPerSecond?: number;
}

async function check(
  res: { statusCode: number; body: { dump(): Promise<void> } },
  want: number,
  what: string,
) {
  await res.body.dump();
  if (res.statusCode !== want) throw new Error(`${what}: expected ${want}, got ${res.statusCode}`);
}

/** pushLargeLayer streams `size` pseudo-random bytes into one PATCH, hashing on the way, then commits them. */
async function pushLargeLayer(
  url: string,
  repo: string,
  size: number,
): Promise<{ digest: string; size: number }> {
  const start = await request(`${url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(String(start.headers['location']), url);
  await check(start, 202, 'POST upload');
  const hash = createHash('sha256');
  const cipher = createCipheriv(
    'aes-256-ctr',
    createHash('sha256').update('big layer').digest(),
    Buffer.alloc(16),
  );
  const zero = Buffer.alloc(MiB);
  async function* bytes() {
    for (let left = size; left > 0; left -= MiB) {
      const chunk = cipher.update(zero.subarray(0, Math.min(left, MiB)));
      hash.update(chunk);
      yield chunk;
    }
  }
  const patch = await request(location.href, {
    method: 'PATCH',
    headers: { 'content-type': 'application/octet-stream' },
    body: Readable.from(bytes()),
  });
  const next = new URL(String(patch.headers['location']), location);
  await check(patch, 202, 'PATCH layer');
  const digest = `sha256:${hash.digest('hex')}`;
  next.searchParams.set('digest', digest);
  await check(await request(next.href, { method: 'PUT' }), 201, 'PUT layer');
  return { digest, size };
}

/** peakOf runs a program under /usr/bin/time and reads its maximum resident set size (KiB) from the last line. */
async function peakOf(label: string, file: string, args: string[], env: NodeJS.ProcessEnv) {
  const run = await runOk(label, '/usr/bin/time', ['-f', '%M', file, ...args], { env, timeoutMs: 1_800_000 });
  const kib = Number(run.stderr.trim().split('\n').pop());
  if (!Number.isFinite(kib)) throw new Error(`${label}: no peak memory in "${run.stderr.slice(-200)}"`);
  return { peakMiB: Math.round(kib / 1024), seconds: Math.round(run.ms / 100) / 10, stdout: run.stdout };
}

/** measureLargeCopy pushes a tiny image and a `layerMiB` one, and measures berth (and skopeo) copying each. */
export async function measureLargeCopy(
  registries: RunningRegistry[],
  env: NodeJS.ProcessEnv,
  layerMiB: number,
  log: (msg: string) => void,
): Promise<{ layerBytes: number; baseline: PeakRun; berth: PeakRun; skopeo: PeakRun }> {
  const [source, target] = await Promise.all([startRegistry(), startRegistry()]);
  registries.push(source, target);
  await pushImage(source.url, 'small/app', { tags: ['1'] });
  const layer = await pushLargeLayer(source.url, 'big/app', layerMiB * MiB);
  const config = await pushBlob(
    source.url,
    'big/app',
    new TextEncoder().encode('{"architecture":"amd64","os":"linux"}'),
  );
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: MEDIA_TYPES.ociConfig, ...config },
      layers: [{ mediaType: MEDIA_TYPES.ociLayer, ...layer }],
    }),
  );
  await putManifest(source.url, 'big/app', '1', manifest, MEDIA_TYPES.ociManifest);
  log(`pushed a ${layerMiB} MiB layer (${layer.digest})`);

  const copy = (repo: string) => [
    BERTH,
    'copy',
    `${source.host}/${repo}:1`,
    `${target.host}/${repo}:1`,
    '--json',
  ];
  const baseline = await peakOf('berth copy (tiny)', process.execPath, copy('small/app'), env);
  const big = await peakOf('berth copy (large)', process.execPath, copy('big/app'), env);
  const json = JSON.parse(big.stdout.toString('utf8')) as TransferJson;
  if (json.blobs.copied !== 2 || json.bytes.copied !== layer.size + config.size) {
    throw new Error(`berth copy moved ${json.bytes.copied} bytes in ${json.blobs.copied} blobs`);
  }
  log(`berth: tiny ${baseline.peakMiB} MiB, large ${big.peakMiB} MiB peak RSS, ${big.seconds} s`);
  const skopeo = await peakOf(
    'skopeo copy (large)',
    'skopeo',
    [
      '--insecure-policy',
      'copy',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${source.host}/big/app:1`,
      `docker://${target.host}/skopeo/app:1`,
    ],
    env,
  );
  log(`skopeo: large ${skopeo.peakMiB} MiB peak RSS, ${skopeo.seconds} s`);
  const rate = (r: { seconds: number }) => Math.round(layerMiB / r.seconds);
  return {
    layerBytes: layer.size,
    baseline: { peakMiB: baseline.peakMiB, seconds: baseline.seconds },
    berth: { peakMiB: big.peakMiB, seconds: big.seconds, mibPerSecond: rate(big) },
    skopeo: { peakMiB: skopeo.peakMiB, seconds: skopeo.seconds, mibPerSecond: rate(skopeo) },
  };
}
