import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../electron/core/registry/bounded';
import { parseChallenges, preferredChallenge } from '../../electron/core/registry/challenge';
import { errorFromStatus } from '../../electron/core/registry/classify';
import { DigestCache } from '../../electron/core/registry/digest-cache';
import { nextLink } from '../../electron/core/registry/link';
import { retryAfterMs } from '../../electron/core/registry/transport';

describe('parseChallenges', () => {
  it('reads a Bearer challenge with a quoted, comma-holding scope', () => {
    const [c] = parseChallenges(
      'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull,push"',
    );
    expect(c).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example.com/token',
        service: 'registry.example.com',
        scope: 'repository:team/app:pull,push',
      },
    });
  });

  it('reads several challenges in one header and prefers Bearer', () => {
    const cs = parseChallenges('Basic realm="basic-realm", Bearer realm="https://a/token",service=reg');
    expect(cs.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(preferredChallenge(cs)?.params['service']).toBe('reg');
  });

  it('handles escapes, odd spacing and nothing at all', () => {
    expect(parseChallenges('Basic  realm = "a \\"b\\""')[0]?.params['realm']).toBe('a "b"');
    expect(parseChallenges(undefined)).toEqual([]);
    expect(parseChallenges('')).toEqual([]);
    expect(preferredChallenge(parseChallenges('Negotiate abc'))).toBeNull();
  });
});

describe('nextLink', () => {
  const base = new URL('http://127.0.0.1:5000/v2/_catalog?n=1000');
  it('resolves distribution’s relative link and keeps its encoding', () => {
    const next = nextLink('</v2/_catalog?last=org-00%2Fsvc-0098&n=100>; rel="next"', base);
    expect(next?.href).toBe('http://127.0.0.1:5000/v2/_catalog?last=org-00%2Fsvc-0098&n=100');
  });
  it('accepts absolute links and finds next among several', () => {
    const next = nextLink(
      '<https://r.example/v2/a/tags/list?last=b>; rel=prev, <https://r.example/v2/a/tags/list?last=z>; rel="next"',
      base,
    );
    expect(next?.href).toBe('https://r.example/v2/a/tags/list?last=z');
  });
  it('returns null without a next link', () => {
    expect(nextLink(undefined, base)).toBeNull();
    expect(nextLink('<x>; rel="prev"', base)).toBeNull();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('errorFromStatus', () => {
  const ctx = { what: 'listing tags of app', host: 'localhost:5000' };
  const body = new TextEncoder().encode(
    '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}',
  );
  it('keeps the registry’s diagnostics and speaks plainly', () => {
    const e = errorFromStatus(404, body, ctx);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.registryCodes).toEqual(['MANIFEST_UNKNOWN']);
    expect(e.message).toContain('manifest unknown');
  });
  it('maps statuses to codes and marks what is temporary', () => {
    expect(errorFromStatus(401, new Uint8Array(), ctx).code).toBe('UNAUTHORIZED');
    expect(errorFromStatus(403, new Uint8Array(), ctx).code).toBe('FORBIDDEN');
    const limited = errorFromStatus(429, new Uint8Array(), ctx, 42);
    expect([limited.code, limited.temporary]).toEqual(['RATE_LIMITED', true]);
    expect(limited.message).toContain('42 seconds');
    expect(errorFromStatus(503, new Uint8Array(), ctx).temporary).toBe(true);
    expect(errorFromStatus(418, new TextEncoder().encode('<html>'), ctx).code).toBe('PROTOCOL');
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit and yields everything', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const seen: number[] = [];
    for await (const r of mapBounded(items, 5, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((res) => setTimeout(res, (i * 7) % 5));
      running--;
      return i * 2;
    })) {
      seen.push(r);
    }
    expect(peak).toBe(5);
    expect(seen.sort((a, b) => a - b)).toEqual(items.map((i) => i * 2));
  });
});

describe('DigestCache', () => {
  it('drops the least recently used bodies past its budget', () => {
    const cache = new DigestCache(10);
    const body = (n: number) => ({ body: new Uint8Array(n), mediaType: 'x' });
    cache.set('a', body(4));
    cache.set('b', body(4));
    cache.get('a');
    cache.set('c', body(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    cache.set('huge', body(11));
    expect(cache.get('huge')).toBeUndefined();
  });
});
