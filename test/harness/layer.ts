import { gunzipSync, gzipSync } from 'node:zlib';
import { sha256Digest } from './sha256';
import { makeTar } from './tar';

/** makeLayer is a real gzip'd tar holding one small file whose text is seed: same seed, same bytes. */
export function makeLayer(seed: string, fileName = 'berth/layer.txt'): Uint8Array {
  const tar = makeTar([{ name: fileName, content: `${seed}\n` }]);
  return new Uint8Array(gzipSync(tar, { level: 9 }));
}

/** diffIdOf is the digest of a layer's uncompressed tar; bytes that are not gzip count as already uncompressed. */
export function diffIdOf(layer: Uint8Array): string {
  try {
    return sha256Digest(gunzipSync(layer));
  } catch {
    return sha256Digest(layer);
  }
}
