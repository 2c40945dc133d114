import { describe, expect, it } from 'vitest';
import { LookPacker, packLook, unpackLook } from '../../shared/packed-look';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER = 'application/vnd.docker.distribution.manifest.v2+json';

describe('packed looks', () => {
  it('sends each digest and media type once, and unpacks every tag in order', () => {
    const look = [
      { tag: '1.0', digest: A, mediaType: OCI },
      { tag: 'latest', digest: B, mediaType: OCI },
      { tag: 'production', digest: A, mediaType: OCI },
      // The same digest under another media type is another pair: unpacking must give each tag its own.
      { tag: 'old', digest: A, mediaType: DOCKER },
      { tag: 'unknown', digest: B, mediaType: null },
    ];
    const packed = packLook(look);
    expect(packed.tags).toEqual(['1.0', 'latest', 'production', 'old', 'unknown']);
    expect(packed.images).toEqual([
      { digest: A, mediaType: OCI },
      { digest: B, mediaType: OCI },
      { digest: A, mediaType: DOCKER },
      { digest: B, mediaType: null },
    ]);
    expect(packed.imageOf).toEqual([0, 1, 0, 2, 3]);
    expect(unpackLook(packed)).toEqual(look);
    // Through JSON, as the answer travels.
    expect(unpackLook(JSON.parse(JSON.stringify(packed)))).toEqual(look);
  });

  it('packs page by page as one look, and an empty look as nothing', () => {
    const packer = new LookPacker();
    packer.add([['a', A, null]]);
    packer.add([
      ['b', B, null],
      ['c', A, null],
    ]);
    expect(packer.result()).toEqual({
      tags: ['a', 'b', 'c'],
      images: [
        { digest: A, mediaType: null },
        { digest: B, mediaType: null },
      ],
      imageOf: [0, 1, 0],
    });
    expect(unpackLook(packLook([]))).toEqual([]);
  });
});
