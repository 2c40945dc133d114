// The Electron main process's security and window policies, as pure functions: which URLs are the app's,
// which IPC senders are trusted, which links may open in a browser, the CSP, where the window opens.

import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  devLocation,
  fileLocation,
  isAppContent,
  isAppPage,
} from '../../electron/main/app-location';
import { contentSecurityPolicy } from '../../electron/main/csp';
import { externalUrl } from '../../electron/main/external-links';
import { type FrameLike, isTrustedFrame } from '../../electron/main/sender-trust';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow, type Rect } from '../../electron/main/window-bounds';
import { isStreamId } from '../../shared/ipc-channels';

const prod = fileLocation('/opt/Berth/resources/app.asar/dist/renderer');
const dev = devLocation('http://127.0.0.1:5173/');
const index = appEntryUrl(prod);

describe('app location', () => {
  it('knows the app page, with any hash route or query', () => {
    expect(index).toBe('file:///opt/Berth/resources/app.asar/dist/renderer/index.html');
    for (const url of [index, `${index}#/registries/r-1`, `${index}?x=1`])
      expect(isAppPage(url, prod)).toBe(true);
  });

  it('refuses every other file, host or scheme as the app page', () => {
    for (const url of [
      'file:///opt/Berth/resources/app.asar/dist/renderer/other.html',
      'file:///opt/Berth/resources/app.asar/dist/renderer/../renderer2/index.html',
      'file:///tmp/index.html',
      'file://evil.example/opt/Berth/resources/app.asar/dist/renderer/index.html',
      'https://evil.example/index.html',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppPage(url, prod), url).toBe(false);
    }
  });

  it('treats files under the renderer directory as app content, and nothing outside', () => {
    expect(isAppContent(`${index.replace('index.html', '')}assets/index-abc.js`, prod)).toBe(true);
    expect(
      isAppContent('file:///opt/Berth/resources/app.asar/dist/renderer/%2e%2e/electron/main.cjs', prod),
    ).toBe(false);
    expect(isAppContent('file:///opt/Berth/resources/app.asar/dist/renderer-evil/x.js', prod)).toBe(false);
    expect(isAppContent('https://127.0.0.1:5173/x.js', prod)).toBe(false);
  });

  it('accepts only a loopback http dev server, and then only its origin', () => {
    expect(dev).toEqual({ kind: 'dev', origin: 'http://127.0.0.1:5173' });
    expect(appEntryUrl(dev)).toBe('http://127.0.0.1:5173/');
    expect(devLocation('http://localhost:3000')).toMatchObject({ origin: 'http://localhost:3000' });
    expect(isAppPage('http://127.0.0.1:5173/#/x', dev)).toBe(true);
    expect(isAppContent('http://127.0.0.1:5173/src/main.tsx', dev)).toBe(true);
    for (const url of ['http://127.0.0.1:5174/', 'https://127.0.0.1:5173/', 'http://localhost:5173/']) {
      expect(isAppPage(url, dev), url).toBe(false);
    }
    for (const url of [
      'https://127.0.0.1:5173',
      'http://192.168.1.5:5173',
      'http://evil.example',
      'file:///x',
    ]) {
      expect(() => devLocation(url), url).toThrow(/on this computer/);
    }
  });
});

describe('sender check', () => {
  const main: FrameLike = { url: index, processId: 7, frameToken: 'tok-main', parent: null };
  const cases: [string, FrameLike | null, boolean][] = [
    ['the main frame on the app page', main, true],
    ['the main frame on a hash route', { ...main, url: `${index}#/x` }, true],
    ['a subframe', { ...main, frameToken: 'tok-sub', parent: main }, false],
    ['a subframe claiming the main token', { ...main, parent: main }, false],
    ['another frame token', { ...main, frameToken: 'tok-other' }, false],
    ['another process', { ...main, processId: 8 }, false],
    ['the main frame after navigating away', { ...main, url: 'https://evil.example/' }, false],
    ['no frame (gone)', null, false],
  ];
  it.each(cases)('%s → %s', (_, frame, trusted) => {
    expect(isTrustedFrame(frame, main, prod)).toBe(trusted);
  });

  it('trusts nothing when there is no window', () => {
    expect(isTrustedFrame(main, null, prod)).toBe(false);
  });

  it('accepts only short plain stream ids', () => {
    expect(isStreamId('k3j2h-12')).toBe(true);
    for (const id of ['', 'a'.repeat(65), 'a b', 'a/b', 'é', 1, null, undefined, {}]) {
      expect(isStreamId(id), String(id)).toBe(false);
    }
  });
});

describe('external links', () => {
  it('opens plain http(s) links, normalized', () => {
    expect(externalUrl('https://distribution.github.io/distribution/')).toBe(
      'https://distribution.github.io/distribution/',
    );
    expect(externalUrl('HTTP://Example.COM')).toBe('http://example.com/');
  });

  it('refuses every other scheme, credentials in links and absurd lengths', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://host/share',
      'ms-settings:',
      'vscode://file/x',
      'https://registry.example@evil.example/',
      'https://user:pass@example.com/',
      `https://example.com/${'a'.repeat(3000)}`,
      'not a url',
    ]) {
      expect(externalUrl(url), url).toBeNull();
    }
  });
});

describe('content security policy', () => {
  it('allows scripts and connections only from the app itself in production', () => {
    const csp = contentSecurityPolicy(prod);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|\*|http:/);
  });

  it('adds the dev server and its HMR socket in development', () => {
    const csp = contentSecurityPolicy(dev);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:5173 ws://127.0.0.1:5173");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('window placement', () => {
  const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  const second: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

  it('centres a first window on the primary screen', () => {
    const b = placeWindow(null, [primary], primary);
    expect(b).toEqual({
      x: (1920 - DEFAULT_SIZE.width) / 2,
      y: (1040 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });

  it('reopens where it was when that is still on a screen', () => {
    const saved = { x: 2000, y: 40, width: 1000, height: 700, maximized: true };
    expect(placeWindow(saved, [primary, second], primary)).toEqual(saved);
  });

  it('moves a window from an unplugged screen back onto the primary one', () => {
    const saved = { x: 2000, y: 40, width: 1000, height: 700, maximized: false };
    const b = placeWindow(saved, [primary], primary);
    expect(b.x + b.width).toBeLessThanOrEqual(1920);
    expect(b.width).toBe(DEFAULT_SIZE.width);
  });

  it('pulls a window hanging off the edge fully onto its screen, shrinking it to fit', () => {
    const b = placeWindow(
      { x: 1800, y: -50, width: 2500, height: 600, maximized: false },
      [primary],
      primary,
    );
    expect(b).toEqual({ x: 0, y: 0, width: 1920, height: 600, maximized: false });
  });

  it('keeps the minimum size unless the screen is smaller', () => {
    expect(
      placeWindow({ x: 10, y: 10, width: 100, height: 100, maximized: false }, [primary], primary),
    ).toMatchObject(MIN_SIZE);
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(
      placeWindow({ x: 0, y: 0, width: 900, height: 700, maximized: false }, [tiny], tiny),
    ).toMatchObject({
      width: 640,
      height: 400,
    });
  });

  it('ignores bounds that were damaged on disk', () => {
    const damaged = { x: Number.NaN, y: 0, width: 'wide', height: 10 } as unknown as Parameters<
      typeof placeWindow
    >[0];
    expect(placeWindow(damaged, [primary], primary).width).toBe(DEFAULT_SIZE.width);
  });
});
