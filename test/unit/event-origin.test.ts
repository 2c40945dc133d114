// Which configured registry an event came from, and which events are Berth's own reads.

import { describe, expect, it } from 'vitest';
import {
  type EventOrigin,
  hostKey,
  isBerthRead,
  isBerthUserAgent,
  type KnownRegistry,
  matchAll,
  registryMatcher,
} from '../../shared/event-origin';

const demo: KnownRegistry = { id: 'r-demo', name: 'Demo', host: '127.0.0.1:5000', scheme: 'http' };
const prod: KnownRegistry = { id: 'r-prod', name: 'Prod', host: 'registry.example.com', scheme: 'https' };
const v6: KnownRegistry = { id: 'r-v6', name: 'Six', host: '[::1]:5001', scheme: 'http' };
const ALL = [demo, prod, v6];

/** NO_ORIGIN is an event that says nothing of where it came from; origin() fills in what a case gives. */
const NO_ORIGIN: EventOrigin = { requestHost: null, sourceAddr: null, sourceInstance: null };
const origin = (o: Partial<EventOrigin>): EventOrigin => ({ ...NO_ORIGIN, ...o });

describe('hostKey', () => {
  it('fills in the scheme’s port, lower-cases, and treats every loopback name as one', () => {
    expect(hostKey('Registry.Example.com', 'https')).toBe('registry.example.com:443');
    expect(hostKey('registry.example.com:443', 'https')).toBe('registry.example.com:443');
    expect(hostKey('localhost:5000', 'http')).toBe(hostKey('127.0.0.1:5000', 'http'));
    expect(hostKey('[::1]:5000', 'http')).toBe('loopback:5000');
    expect(hostKey('127.0.0.2:5000', 'http')).toBe('loopback:5000');
    expect(hostKey('fe80::1', 'http')).toBe('fe80::1:80');
    expect(hostKey('  ', 'http')).toBeNull();
  });
});

describe('registryMatcher', () => {
  it('matches the Host the client addressed, whichever loopback name it used', () => {
    const m = registryMatcher(ALL);
    expect(m.match(origin({ requestHost: 'localhost:5000' }))).toBe(demo);
    expect(m.match(origin({ requestHost: 'registry.example.com' }))).toBe(prod);
    expect(m.match(origin({ requestHost: 'REGISTRY.example.com:443' }))).toBe(prod);
    expect(m.match(origin({ requestHost: '[::1]:5001' }))).toBe(v6);
  });

  it('does not match a host on another port, or a name that only starts the same', () => {
    const m = registryMatcher(ALL);
    expect(m.match(origin({ requestHost: '127.0.0.1:5999' }))).toBeNull();
    expect(m.match(origin({ requestHost: 'registry.example.com:5000' }))).toBeNull();
    expect(m.match(origin({ requestHost: 'registry.example.co' }))).toBeNull();
  });

  it('falls back to the registry’s own address, then to an instance it has matched before', () => {
    const m = registryMatcher(ALL);
    // A registry behind a proxy: clients address the proxy, the registry knows itself by its own address.
    expect(m.match(origin({ requestHost: 'proxy:8080', sourceAddr: 'registry.example.com:443' }))).toBe(prod);
    const seen = origin({ requestHost: '127.0.0.1:5000', sourceInstance: 'i-demo' });
    expect(m.match(origin({ sourceInstance: 'i-demo' }))).toBeNull();
    expect(m.match(seen)).toBe(demo);
    expect(m.match(origin({ sourceInstance: 'i-demo' }))).toBe(demo);
    expect(m.match(origin({ sourceInstance: 'i-other' }))).toBeNull();
  });

  it('says unknown when nothing is configured or the event carries no origin', () => {
    expect(registryMatcher([]).match(origin({ requestHost: '127.0.0.1:5000' }))).toBeNull();
    expect(registryMatcher(ALL).match(origin({}))).toBeNull();
  });

  it('matchAll learns instances from every item first, so order does not matter', () => {
    const items = [
      origin({ sourceInstance: 'i-p' }),
      origin({ requestHost: 'registry.example.com', sourceInstance: 'i-p' }),
    ];
    expect(matchAll(items, ALL)).toEqual([prod, prod]);
  });
});

describe('Berth’s own reads', () => {
  it('knows Berth’s agent with or without a version, and no look-alike', () => {
    const agents = ['berth', 'Berth/0.4.0', 'berthold/2', 'skopeo/1.9.3 berth', null];
    expect(agents.filter((a) => isBerthUserAgent(a))).toEqual(['berth', 'Berth/0.4.0']);
  });

  it('hides only reads: a copy Berth pushed is real work', () => {
    expect(isBerthRead({ kind: 'pull', userAgent: 'berth' })).toBe(true);
    expect(isBerthRead({ kind: 'check', userAgent: 'berth' })).toBe(true);
    expect(isBerthRead({ kind: 'push', userAgent: 'berth' })).toBe(false);
    expect(isBerthRead({ kind: 'other', userAgent: 'berth/0.4.0 (test event)' })).toBe(false);
    expect(isBerthRead({ kind: 'pull', userAgent: 'docker/24.0' })).toBe(false);
  });
});
