// `berth ui`'s web host against the real service and real registries: the security checks (token, Host,
// Origin, content type, size), the contract over HTTP (calls and NDJSON streams), static files, and the
// CLI as users start it. Requests go through node:http so tests can set Host and Origin freely.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Api } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import { startWebHost, type WebHost } from '../../electron/web/server';
import type { AppInfo, CatalogEvent, RegistrySummary, StreamMessage } from '../../shared/api';
import type { Result } from '../../shared/errors';
import type { TagsListEvent } from '../../shared/model';
import { collectOutput } from '../harness/child-output';
import { BERTH_BIN } from '../harness/cli';
import { memoryService } from '../harness/memory-service';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';

const PASSWORD = 'web-host-Secret-4711';
const INDEX_HTML = '<!doctype html><title>Berth test</title><script type="module" src="/app.js"></script>';

/** Answer is one HTTP exchange as the test saw it. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** token: undefined sends the right one, null none, a string that string. */
  token?: string | null;
  /** onData sees each chunk as it arrives; return true to hang up. */
  onData?: (chunk: string) => boolean;
}

let tmp: string;
let staticDir: string;
let service: BerthService;
let host: WebHost;
/** dispatched names every contract method the host actually ran. */
const dispatched: string[] = [];
/** signals are the AbortSignals handed to stream handlers, newest last. */
const signals: AbortSignal[] = [];
/** answers keeps every exchange, to check things that must hold for all of them. */
const answers: Answer[] = [];

// Counts what reaches the service, so tests can prove a refused request dispatched nothing.
function spy(target: BerthService): Api {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !prop.includes('.') || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        dispatched.push(prop);
        const signal = args[1];
        if (signal instanceof AbortSignal) signals.push(signal);
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  }) as unknown as Api;
}

function send(path: string, opts: SendOptions = {}, port = host.port): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? host.token : opts.token;
  if (token !== null) headers['Authorization'] ??= `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, agent: false },
      (res) => {
        let text = '';
        let done = false;
        res.setEncoding('utf8');
        res.on('error', () => {}); // hanging up on purpose makes the response emit "aborted"
        const finish = () => {
          if (done) return;
          done = true;
          const answer = { status: res.statusCode ?? 0, headers: res.headers, text };
          answers.push(answer);
          resolve(answer);
        };
        res.on('data', (chunk: string) => {
          text += chunk;
          if (opts.onData?.(chunk)) {
            req.destroy();
            finish();
          }
        });
        res.on('end', finish);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function call<T>(name: string, args: unknown, opts: SendOptions = {}): Promise<Result<T>> {
  const answer = await send(`/api/call/${name}`, { method: 'POST', body: JSON.stringify(args), ...opts });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(answer.text) as Result<T>;
}

async function value<T>(name: string, args: unknown): Promise<T> {
  const result = await call<T>(name, args);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function stream<E>(name: string, args: unknown): Promise<StreamMessage<E>[]> {
  const answer = await send(`/api/stream/${name}`, { method: 'POST', body: JSON.stringify(args) });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
  expect(answer.text.endsWith('\n')).toBe(true);
  return answer.text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as StreamMessage<E>);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'berth-web-'));
  staticDir = join(tmp, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'app.js'), 'console.log("berth");\n');
  await writeFile(join(staticDir, 'assets', 'style.css'), 'body { margin: 0; }\n');
  // Bait one level above staticDir: a traversal that worked would serve it.
  await writeFile(join(tmp, 'package.json'), '{"name":"must-not-be-served"}\n');
  service = memoryService({
    version: 'test',
    env: { DOCKER_CONFIG: '/nonexistent-berth-test' },
  });
  host = await startWebHost({ api: spy(service), staticDir });
});

afterAll(async () => {
  await host?.close();
  await service?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('startWebHost', () => {
  it('listens on 127.0.0.1 with a random token carried in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.urlWithToken).toBe(`${host.url}#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startWebHost({ api: service, staticDir, host: '0.0.0.0' })).rejects.toThrow(
      /only listens on this computer/,
    );
  });
});

describe('access token', () => {
  it('answers 401 without a token and with a wrong one, 200 with the right one', async () => {
    for (const token of [null, 'wrong-token', `${host.token}x`, '']) {
      const answer = await send('/api/call/app.info', { method: 'POST', body: '{}', token });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: expect.stringContaining('berth ui') },
      });
    }
    const info = await call<AppInfo>('app.info', {});
    expect(info).toEqual({
      ok: true,
      value: {
        version: 'test',
        host: 'web',
        secretProtection: 'memory',
        secretWarning: expect.any(String),
        storageWarnings: [],
      },
    });
  });

  it('needs the token on streams too', async () => {
    const answer = await send('/api/stream/catalog.list', { method: 'POST', body: '{}', token: null });
    expect(answer.status).toBe(401);
  });
});

describe('DNS rebinding and cross-site defences', () => {
  it('rejects a foreign Host header and dispatches nothing', async () => {
    const before = dispatched.length;
    for (const hostHeader of [
      `evil.example:${host.port}`,
      'evil.example',
      `127.0.0.1:${host.port + 1}`,
      `127.0.0.1.evil.example:${host.port}`,
    ]) {
      const answer = await send('/api/call/registries.add', {
        method: 'POST',
        headers: { Host: hostHeader },
        body: JSON.stringify({ url: 'attacker.example' }),
      });
      expect(answer.status).toBe(421);
      expect((await send('/', { headers: { Host: hostHeader } })).status).toBe(421);
    }
    expect(dispatched.length).toBe(before);
    expect(await value<RegistrySummary[]>('registries.list', {})).toEqual([]);
  });

  it('accepts every loopback name with our port', async () => {
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
      const answer = await send('/', { headers: { Host: `${name}:${host.port}` } });
      expect(answer.status).toBe(200);
    }
  });

  it('rejects a foreign Origin, accepts our own', async () => {
    const before = dispatched.length;
    for (const origin of ['http://evil.example', 'null', `http://localhost:${host.port + 1}`]) {
      const answer = await send('/api/call/app.info', {
        method: 'POST',
        body: '{}',
        headers: { Origin: origin },
      });
      expect(answer.status).toBe(403);
    }
    expect(dispatched.length).toBe(before);
    const own = await send('/api/call/app.info', {
      method: 'POST',
      body: '{}',
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    });
    expect(own.status).toBe(200);
  });

  it('refuses non-JSON bodies (what a cross-site form can send) with 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await send('/api/call/app.info', {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': type },
      });
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('answers preflights and other methods with 405, never with CORS headers', async () => {
    const preflight = await send('/api/call/app.info', {
      method: 'OPTIONS',
      headers: { Origin: `http://127.0.0.1:${host.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expect((await send('/api/call/app.info')).status).toBe(405);
    expect((await send('/index.html', { method: 'POST', body: '{}' })).status).toBe(405);
  });
});

describe('the contract over HTTP', () => {
  it('reports an unknown call as INVALID_INPUT', async () => {
    const result = await call('registries.drop', {});
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String) } });
    const unknownStream = await stream('catalog.everything', {});
    expect(unknownStream).toEqual([
      { kind: 'error', error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
    ]);
  });

  it('reports invalid arguments as INVALID_INPUT with a readable message', async () => {
    const wrongType = await call('registries.add', { url: 5 });
    expect(wrongType.ok).toBe(false);
    if (wrongType.ok) return;
    expect(wrongType.error.code).toBe('INVALID_INPUT');
    expect(wrongType.error.message).toMatch(/^Invalid arguments for registries\.add: url: /);
    const extra = await call('registries.add', { url: 'localhost:5000', admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!extra.ok) expect(extra.error.message).toContain('admin');
  });

  it('answers malformed JSON with 400 INVALID_INPUT', async () => {
    const answer = await send('/api/call/app.info', { method: 'POST', body: '{"url": ' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' },
    });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const before = dispatched.length;
    const big = JSON.stringify({ url: 'x'.repeat(1024 * 1024) });
    const answer = await send('/api/call/registries.add', { method: 'POST', body: big });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(dispatched.length).toBe(before);
    // Just under the limit still reaches dispatch (and fails its schema, not the size check).
    const fits = await call('registries.add', { url: 'x'.repeat(1000 * 1000) });
    expect(fits).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers unknown API addresses with 404', async () => {
    const answer = await send('/api/other', { method: 'POST', body: '{}' });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('a registry with a password (htpasswd)', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd', users: { alice: PASSWORD } });
    await pushImage(
      reg.url,
      'team/app',
      { tags: ['1.0', 'latest'] },
      { username: 'alice', password: PASSWORD },
    );
  });
  afterAll(() => reg?.stop());

  it('saves the password, never sends it back, and uses it', async () => {
    const added = await value<RegistrySummary>('registries.add', {
      url: reg.host,
      username: 'alice',
      secret: PASSWORD,
    });
    expect(added).toMatchObject({ host: reg.host, username: 'alice', hasSecret: true });
    const list = await value<RegistrySummary[]>('registries.list', {});
    expect(list.find((r) => r.id === added.id)).toMatchObject({ hasSecret: true });

    const catalog = await stream<CatalogEvent>('catalog.list', { registryId: added.id });
    expect(catalog).toEqual([
      { kind: 'event', event: { type: 'page', repositories: ['team/app'], total: 1 } },
      { kind: 'end' },
    ]);
    await value('registries.remove', { id: added.id });
    for (const answer of answers) expect(answer.text).not.toContain(PASSWORD);
  });
});

describe('streams against the standard fixture', () => {
  let registryId: string;
  beforeAll(async () => {
    const added = await value<RegistrySummary>('registries.add', {
      url: new URL(inject('fixtureRegistryUrl')).host,
    });
    registryId = added.id;
  });

  it('streams the catalog page by page, then end', async () => {
    const messages = await stream<CatalogEvent>('catalog.list', { registryId });
    const pages = messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.repositories).toHaveLength(1000);
    const names = pages.flatMap((p) => p.repositories);
    expect(names.length).toBeGreaterThan(2000);
    expect(pages.at(-1)!.total).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['app', 'team/sub/app', 'org-19/svc-1999']));
    expect(messages.at(-1)).toEqual({ kind: 'end' });
    expect(messages.filter((m) => m.kind !== 'event')).toHaveLength(1);
  });

  it('streams tag names first, then the digests in batches, then end', async () => {
    const messages = await stream<TagsListEvent>('tags.list', { registryId, repository: 'app' });
    const events = messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
    expect(events[0]).toEqual({ type: 'tags', tags: expect.arrayContaining(['1.0', 'latest']) });
    const batches = events.slice(1);
    expect(batches.every((e) => e.type === 'digests')).toBe(true);
    const tags = batches.flatMap((e) => (e.type === 'digests' ? e.tags : []));
    expect(new Set(tags.map((t) => t.tag)).size).toBe(12);
    expect(tags.every((t) => t.digest?.startsWith('sha256:'))).toBe(true);
    expect(messages.at(-1)).toEqual({ kind: 'end' });
  });

  it('sends a stream error as the last line', async () => {
    const messages = await stream('tags.list', { registryId, repository: 'does/not/exist' });
    expect(messages.at(-1)).toEqual({ kind: 'error', error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });

  it('aborts the stream when the client hangs up', async () => {
    const answer = await send('/api/stream/catalog.list', {
      method: 'POST',
      body: JSON.stringify({ registryId }),
      onData: () => true,
    });
    expect(answer.status).toBe(200);
    const signal = signals.at(-1)!;
    await vi.waitFor(() => expect(signal.aborted).toBe(true));
  });
});

describe('static files', () => {
  it('serves index.html for / with the strict CSP and security headers', async () => {
    const answer = await send('/', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(INDEX_HTML);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves files with their content types', async () => {
    const js = await send('/app.js', { token: null });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await send('/assets/style.css?v=1', { token: null });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await send('/app.js', { method: 'HEAD', token: null });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("berth");\n'.length));
  });

  it('answers 404 for missing files and any path traversal', async () => {
    for (const path of [
      '/missing.js',
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/assets/../../package.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/app.js%00.html',
      '/%zz',
    ]) {
      const answer = await send(path, { token: null });
      expect(answer.status, path).toBe(404);
      expect(answer.text).not.toContain('must-not-be-served');
    }
  });

  it('says to build the renderer when there is none', async () => {
    const bare = await startWebHost({ api: service, staticDir: join(tmp, 'not-built') });
    try {
      const answer = await send('/', { token: null }, bare.port);
      expect(answer.status).toBe(503);
      expect(answer.text).toContain('npm run build');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    } finally {
      await bare.close();
    }
  });
});

describe('every response', () => {
  it('carries no CORS headers and the security headers', () => {
    expect(answers.length).toBeGreaterThan(40);
    for (const answer of answers) {
      expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const answer of answers.filter((a) => a.headers['content-type']?.includes('json'))) {
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('berth ui (the real CLI)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints a link with the token, serves the API, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(tmp, 'cli-data');
    child = spawn(process.execPath, [BERTH_BIN, 'ui', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, BERTH_RENDERER_DIR: staticDir, DOCKER_CONFIG: '/nonexistent-berth-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = collectOutput(child);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    await vi.waitFor(() => expect(out.stdout()).toContain('Press Ctrl-C to stop.'), { timeout: 15_000 });
    const match = /Berth is running at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]+)\n/.exec(
      out.stdout(),
    );
    expect(match, out.stdout() + out.stderr()).not.toBeNull();
    const [, , port, token] = match!;

    const answer = await send(
      '/api/call/app.info',
      { method: 'POST', body: '{}', token: token! },
      Number(port),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      ok: true,
      value: {
        host: 'web',
        secretProtection: 'file',
        secretWarning: expect.stringContaining(join(dataDir, 'secrets.json')),
      },
    });
    expect((await send('/', { token: null }, Number(port))).text).toBe(INDEX_HTML);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to listen on a non-loopback address', async () => {
    const run = spawn(process.execPath, [BERTH_BIN, 'ui', '--host', '0.0.0.0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    run.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('local UI, not a server');
  });
});
