import { describe, expect, it } from 'vitest';
import { decodePart, encodePart } from '../../electron/core/cache/look-part';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';

describe('a look part for the saving worker', () => {
  it('carries each tag with its digest and media type, unread tags and unknown types too', () => {
    const tags = [
      { tag: '1.0', digest: A, mediaType: OCI },
      { tag: 'latest', digest: A, mediaType: OCI },
      { tag: 'broken', digest: null, mediaType: null },
      { tag: 'old', digest: A, mediaType: null },
      { tag: 'v2', digest: B, mediaType: OCI },
    ];
    const part = encodePart(tags);
    expect(part.names).toBe('1.0\nlatest\nbroken\nold\nv2');
    expect(part.images).toEqual([
      [A, OCI],
      [null, null],
      [A, null],
      [B, OCI],
    ]);
    expect([...part.imageOf]).toEqual([0, 0, 1, 2, 3]);
    expect(decodePart(part)).toEqual(tags);
  });

  it('survives a structured clone with its index transferred, and an empty part is no tags', () => {
    const tags = Array.from({ length: 5000 }, (_, i) => ({
      tag: `t-${i}`,
      digest: i % 2 ? A : B,
      mediaType: OCI,
    }));
    const part = encodePart(tags);
    const copy = structuredClone(part, { transfer: [part.imageOf.buffer] });
    expect(part.imageOf.length).toBe(0); // transferred: the sender's view is emptied
    expect(decodePart(copy)).toEqual(tags);
    expect(decodePart(encodePart([]))).toEqual([]);
  });
});
