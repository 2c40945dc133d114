// Pure pieces of the hardening: listing caps and loop detection, the request deadline's arithmetic,
// certs.d lookup order, reading certs.d, error reasons across the boundary, and auth-failure wording.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authFailure, describeLogin } from '../../electron/core/registry/auth-failure';
import { errorFromStatus } from '../../electron/core/registry/classify';
import { RequestDeadline } from '../../electron/core/registry/deadline';
import { LISTING_CAPS, ListingBudget } from '../../electron/core/registry/listing-limits';
import { defaultCertsDirs, readHostCerts, TlsTrust } from '../../electron/core/registry/tls-trust';
import { toRegistryError } from '../../shared/api-client';
import { RegistryError, toErrorData } from '../../shared/errors';
import { parseRegistry } from '../../shared/reference';
import { thrown } from '../harness/thrown';

const page = (last: string, extra = '') => new URL(`http://r/v2/app/tags/list?last=${last}&n=100${extra}`);

describe('ListingBudget', () => {
  it('lets a real 1,000,000-tag repository through (1,000 pages of 1,000, ~20 MB)', () => {
    const b = new ListingBudget('r', 'listing the tags of app');
    for (let i = 0; i < 1000; i++) {
      b.visit(page(`t${i}`));
      b.page(20_000, 1000);
    }
    expect(LISTING_CAPS).toEqual({ maxPages: 100_000, maxEntries: 5_000_000, maxBytes: 256 * 1024 * 1024 });
  });

  it('refuses the same next URL twice', () => {
    const b = new ListingBudget('r', 'listing the tags of app');
    b.visit(page('a'));
    const e = thrown(() => b.visit(page('a')));
    expect(e.code).toBe('PROTOCOL');
    expect(e.reason).toBe('paging-loop');
    expect(e.message).toContain('goes round in a circle');
  });

  it('refuses a repeated `last` marker even when other parameters change', () => {
    const b = new ListingBudget('r', 'listing the tags of app');
    b.visit(page('a', '&nonce=1'));
    b.visit(page('b', '&nonce=2'));
    expect(thrown(() => b.visit(page('a', '&nonce=3'))).reason).toBe('paging-loop');
  });

  it('stops at each cap with TOO_LARGE and a sentence', () => {
    const caps = { maxPages: 3, maxEntries: 10, maxBytes: 1000 };
    const pages = new ListingBudget('r', 'x', caps);
    for (let i = 0; i < 3; i++) pages.page(1, 1);
    const e = thrown(() => pages.page(1, 1));
    expect([e.code, e.reason]).toEqual(['TOO_LARGE', 'listing-limit']);
    expect(e.message).toContain('past 3 pages');
    expect(thrown(() => new ListingBudget('r', 'x', caps).page(1, 11)).message).toContain('past 10 entries');
    expect(thrown(() => new ListingBudget('r', 'x', caps).page(1001, 1)).message).toContain('past 1000 B');
  });
});

describe('RequestDeadline', () => {
  it('allows the timeout, or more when bytes keep coming at the minimum rate', () => {
    const d = new RequestDeadline(5000, 64 * 1024);
    expect(d.allowedMs()).toBe(5000);
    d.received(32 * 1024 * 1024); // a 32 MiB tag list earns 512 s at 64 KiB/s
    expect(d.allowedMs()).toBe(512_000);
    d.clear();
  });

  it('aborts its signal once the time is up', async () => {
    const d = new RequestDeadline(30, 1024);
    await new Promise((resolve) => d.signal.addEventListener('abort', resolve));
    expect(d.expired).toBe(true);
  });
});

describe('certs.d', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-certsd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('looks where containers/image and Docker look, XDG first; BERTH_CERTS_D replaces the list', () => {
    expect(defaultCertsDirs({ HOME: '/home/q' })).toEqual([
      '/home/q/.config/containers/certs.d',
      '/etc/containers/certs.d',
      '/etc/docker/certs.d',
    ]);
    expect(defaultCertsDirs({ HOME: '/home/q', XDG_CONFIG_HOME: '/x' })[0]).toBe('/x/containers/certs.d');
    expect(defaultCertsDirs({ HOME: '/home/q', BERTH_CERTS_D: '/a:/b' })).toEqual(['/a', '/b']);
  });

  it('reads every *.crt of <root>/<host:port>/, skipping keys, client certs and non-PEM files', () => {
    const host = join(dir, 'r1', 'reg.example.com:5000');
    mkdirSync(host, { recursive: true });
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(host, 'ca.crt'), pem);
    writeFileSync(join(host, 'extra.crt'), pem);
    writeFileSync(join(host, 'client.cert'), pem);
    writeFileSync(join(host, 'client.key'), 'key');
    writeFileSync(join(host, 'junk.crt'), 'not a certificate');
    const got = readHostCerts(['reg.example.com:5000'], [join(dir, 'missing'), join(dir, 'r1')]);
    expect(got.files).toEqual([join(host, 'ca.crt'), join(host, 'extra.crt')]);
    expect(got.looked).toEqual([
      join(dir, 'missing', 'reg.example.com:5000'),
      join(dir, 'r1', 'reg.example.com:5000'),
    ]);
  });

  it('skips verification only for the registry’s own host name, and only when asked', () => {
    const registry = parseRegistry('https://reg.example.com:5000');
    const t = new TlsTrust({ registry, skipTlsVerify: true, certsDirs: [] });
    expect(t.connectOptions(new URL('https://reg.example.com:5000/v2/'))).toEqual({
      rejectUnauthorized: false,
    });
    expect(t.connectOptions(new URL('https://reg.example.com:5001/token'))).toEqual({
      rejectUnauthorized: false,
    });
    expect(t.connectOptions(new URL('https://cdn.example.com/blob'))).toEqual({});
    expect(new TlsTrust({ registry, certsDirs: [] }).connectOptions(new URL(registry.origin))).toEqual({});
  });
});

describe('reasons', () => {
  it('cross the process boundary and come back', () => {
    const e = new RegistryError('TLS', 'x', { reason: 'speaks-http' });
    const data = toErrorData(e);
    expect(data).toEqual({ code: 'TLS', message: 'x', reason: 'speaks-http' });
    expect(toRegistryError(JSON.parse(JSON.stringify(data))).reason).toBe('speaks-http');
    expect(toRegistryError({ code: 'TLS', message: 'x', reason: 'bogus' as never }).reason).toBeUndefined();
    expect(toErrorData(new RegistryError('NOT_FOUND', 'y'))).toEqual({ code: 'NOT_FOUND', message: 'y' });
  });

  it("recognise an https server's answer to plain http (Go, nginx)", () => {
    const ctx = { what: 'connecting', host: 'r:5000' };
    const go = errorFromStatus(
      400,
      new TextEncoder().encode('Client sent an HTTP request to an HTTPS server.\n'),
      ctx,
    );
    expect([go.code, go.reason]).toEqual(['TLS', 'speaks-https']);
    const nginx = new TextEncoder().encode('<center>The plain HTTP request was sent to HTTPS port</center>');
    expect(errorFromStatus(400, nginx, ctx).reason).toBe('speaks-https');
    expect(errorFromStatus(400, new TextEncoder().encode('{}'), ctx).code).toBe('PROTOCOL');
  });

  it('name the cause of a refusal', () => {
    const base = { body: new Uint8Array(), ctx: { what: 'listing tags', host: 'r' } };
    const scope = [{ scheme: 'bearer', params: { error: 'insufficient_scope' } }];
    expect(authFailure({ ...base, status: 401, challenges: [], hasCredentials: false }).reason).toBe(
      'sign-in-required',
    );
    expect(authFailure({ ...base, status: 401, challenges: scope, hasCredentials: false }).reason).toBe(
      'sign-in-required',
    );
    expect(authFailure({ ...base, status: 401, challenges: scope, hasCredentials: true }).code).toBe(
      'FORBIDDEN',
    );
    expect(authFailure({ ...base, status: 403, challenges: [], hasCredentials: true }).reason).toBe(
      'not-allowed',
    );
    expect(authFailure({ ...base, status: 401, challenges: [], hasCredentials: true }).reason).toBe(
      'credentials-rejected',
    );
    expect(describeLogin({ source: 'docker-helper', detail: 'docker-credential-pass' })).toBe(
      "the login from Docker's credential helper docker-credential-pass",
    );
  });
});
