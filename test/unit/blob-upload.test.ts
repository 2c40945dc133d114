import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { uploadLocation, withDigest } from '../../electron/core/registry/blob-upload';
import { computeDigest } from '../../electron/core/registry/digest';
import { DigestVerifier } from '../../electron/core/registry/digest-stream';
import { RegistryError } from '../../shared/errors';
import { thrown } from '../harness/thrown';

const base = new URL('http://127.0.0.1:5000/v2/team/app/blobs/uploads/');

describe('uploadLocation', () => {
  it('resolves the relative Location distribution sends against the request URL', () => {
    const url = uploadLocation('/v2/team/app/blobs/uploads/0b1c?_state=ab%3D', base, 'h');
    expect(url.href).toBe('http://127.0.0.1:5000/v2/team/app/blobs/uploads/0b1c?_state=ab%3D');
    expect(uploadLocation('0b1c', base, 'h').href).toBe(
      'http://127.0.0.1:5000/v2/team/app/blobs/uploads/0b1c',
    );
    expect(uploadLocation('https://uploads.example.com/s/1', base, 'h').host).toBe('uploads.example.com');
  });

  it('refuses no Location, other schemes, and https downgraded to http', () => {
    expect(thrown(() => uploadLocation(undefined, base, 'reg')).message).toContain('no Location');
    expect(thrown(() => uploadLocation('ftp://x/y', base, 'reg')).code).toBe('PROTOCOL');
    const secure = new URL('https://reg.example.com/v2/a/blobs/uploads/');
    const e = thrown(() => uploadLocation('http://reg.example.com/v2/a/blobs/uploads/1', secure, 'reg'));
    expect(e.code).toBe('PROTOCOL');
    expect(e.message).toContain('plain http');
  });
});

describe('withDigest', () => {
  it("appends the digest and keeps the registry's state parameter byte for byte", () => {
    const loc = new URL('http://h/v2/a/blobs/uploads/1?_state=x%2By%3D%3D');
    expect(withDigest(loc, `sha256:${'a'.repeat(64)}`)).toBe(
      `http://h/v2/a/blobs/uploads/1?_state=x%2By%3D%3D&digest=sha256%3A${'a'.repeat(64)}`,
    );
    expect(withDigest(new URL('http://h/u/1'), 'sha256:0')).toBe('http://h/u/1?digest=sha256%3A0');
  });
});

describe('DigestVerifier', () => {
  const data = Buffer.from('layer bytes '.repeat(1000));
  const digest = computeDigest(data);
  const chunks = (b: Buffer) => Readable.from([b.subarray(0, 5000), b.subarray(5000)]);

  async function drain(source: Readable, verifier: DigestVerifier): Promise<Buffer> {
    const out: Buffer[] = [];
    await pipeline(source, verifier, async (s: AsyncIterable<Buffer>) => {
      for await (const c of s) out.push(c);
    });
    return Buffer.concat(out);
  }

  it('passes the bytes through unchanged and counts them', async () => {
    const seen: number[] = [];
    const v = new DigestVerifier(digest, data.byteLength, 'the layer', (n) => seen.push(n));
    expect((await drain(chunks(data), v)).equals(data)).toBe(true);
    expect(v.bytes).toBe(data.byteLength);
    expect(seen).toEqual([5000, data.byteLength - 5000]);
  });

  it('fails at the end when the content hashes to another digest', async () => {
    const damaged = Buffer.from(data);
    damaged[7] = 0;
    const err = await drain(chunks(damaged), new DigestVerifier(digest, data.byteLength, 'the layer')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('DIGEST_MISMATCH');
    expect((err as RegistryError).message).toContain('the layer');
  });

  it('fails as soon as more bytes than the size arrive, before passing them on', async () => {
    const passed: Buffer[] = [];
    const v = new DigestVerifier(digest, 4000, 'the layer');
    const err = await pipeline(chunks(data), v, async (s: AsyncIterable<Buffer>) => {
      for await (const c of s) passed.push(c);
    }).catch((e: unknown) => e);
    expect((err as RegistryError).code).toBe('DIGEST_MISMATCH');
    expect(passed).toEqual([]);
  });

  it('fails on a short body, and accepts any length when the size is unknown', async () => {
    const short = await drain(chunks(data.subarray(0, 6000)), new DigestVerifier(digest, 12000, 'x')).catch(
      (e: unknown) => e,
    );
    expect((short as RegistryError).code).toBe('DIGEST_MISMATCH');
    expect((short as RegistryError).message).toContain('6000 bytes instead of 12000');
    expect((await drain(chunks(data), new DigestVerifier(digest, null, 'x'))).byteLength).toBe(12000);
  });

  it('refuses an invalid expected digest up front', () => {
    expect(thrown(() => new DigestVerifier('md5:abc', 1, 'x')).code).toBe('PROTOCOL');
  });
});
