// `berth … | head -1`: when the reader of stdout goes away, every command stops quietly (exit 0, no
// stack trace), and `berth listen` stops its listener as Ctrl-C would. Each case makes sure the child
// really writes after the reader closed: a registry that holds its next page back until then, or an
// output larger than a pipe holds (64 KiB), or an event posted afterwards.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirstLineRun, runBerthFirstLine } from '../harness/cli-bytes';
import { startScriptedServer } from '../harness/scripted-server';
import { sha256Digest } from '../harness/sha256';

const V1 = 'application/vnd.docker.distribution.events.v1+json';
const DIGEST = `sha256:${'b'.repeat(64)}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-cli-pipes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** expectQuiet checks the run ended by itself, with exit 0 and no Node error on stderr. */
function expectQuiet(run: FirstLineRun): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  expect(run.code).toBe(0);
}

function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

describe('a closed pipe ends every command quietly', () => {
  it('repos: stops at the first write into the closed pipe', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const s = await startScriptedServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/v2/_catalog') return json(res, {});
      const page = Number(url.searchParams.get('page') ?? '1');
      // Page 2 only once `head -1` has gone, so a write after the close is certain; page 3 never
      // comes in time for a berth that stops there.
      if (page === 2) await released;
      const names = Array.from({ length: 100 }, (_, i) => `p${page}/svc-${i}`);
      json(res, { repositories: names }, { link: `</v2/_catalog?page=${page + 1}&n=1000>; rel="next"` });
    });
    try {
      const run = await runBerthFirstLine(['repos', s.host], { afterClose: () => release() });
      expect(run.firstLine).toBe('p1/svc-0');
      expectQuiet(run);
      expect(s.requests.filter((r) => r.url.includes('page=3'))).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it('repos --json, cut after 100 bytes (`head -c 100`)', async () => {
    // 30,000 names of 20 characters: about 700 KB of JSON on one line, far more than a pipe holds.
    const names = Array.from({ length: 30_000 }, (_, i) => `org/service-${String(i).padStart(8, '0')}`);
    const s = await startScriptedServer((req, res) =>
      req.url?.startsWith('/v2/_catalog') ? json(res, { repositories: names }) : json(res, {}),
    );
    try {
      const run = await runBerthFirstLine(['repos', s.host, '--json'], { closeAfterBytes: 100 });
      expect(run.firstLine.startsWith(`{"registry":"${s.host}","repositories":["org/service-00000000"`)).toBe(
        true,
      );
      expectQuiet(run);
    } finally {
      await s.stop();
    }
  });

  it('tags: a table larger than the pipe', async () => {
    // 300 tags of 4,000 characters (no real registry allows that, a hostile one may): a table of
    // 1.2 MB written at once, far more than the pipe and the reader's first read take before it closes.
    const tags = Array.from({ length: 300 }, (_, i) => `v${String(i).padStart(4, '0')}-${'x'.repeat(3994)}`);
    const s = await startScriptedServer((req, res) => {
      if (req.url?.endsWith('/tags/list')) return json(res, { name: 'app', tags });
      res.writeHead(200, {
        // One image per tag: 300 tags of one image would each list the 299 others as the same image.
        'docker-content-digest': sha256Digest(req.url ?? ''),
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
      });
      res.end();
    });
    try {
      const run = await runBerthFirstLine(['tags', `${s.host}/app`]);
      expect(run.firstLine).toMatch(/^TAG\s+DIGEST\s+TYPE/);
      expectQuiet(run);
    } finally {
      await s.stop();
    }
  });

  it('listen stops its listener, and events stops, once nobody reads', async () => {
    const db = join(dir, 'events.db');
    const secretFile = join(dir, 'listener-secret');
    let stored = 0;
    const listen = await runBerthFirstLine(
      ['listen', '--port', '0', '--db', db, '--secret-file', secretFile],
      {
        // Read the banner to its last line, then leave: the log line for the events posted now is
        // the write that meets the closed pipe. 800 events with long names also give `berth events`
        // below a table of 350 KB, more than the pipe and the reader's first read take.
        closeAfter: /Waiting for events \(Ctrl-C to stop\)\./,
        afterClose: async (banner) => {
          const url = /Berth listener on (\S+)/.exec(banner)?.[1];
          if (!url) throw new Error(`no listener URL in "${banner}"`);
          const secret = (await readFile(secretFile, 'utf8')).trim();
          const events = Array.from({ length: 800 }, (_, i) => ({
            id: `pipe-${i}`,
            timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
            action: 'push',
            target: {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: DIGEST,
              repository: `team/${'r'.repeat(400)}`,
              tag: `1.${i}`,
            },
            actor: { name: 'alice' },
          }));
          const res = await request(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': V1 },
            body: JSON.stringify({ events }),
          });
          if (res.statusCode === 200) stored = events.length;
          await res.body.text();
        },
      },
    );
    expect(listen.firstLine).toMatch(/^Berth listener on http:\/\/127\.0\.0\.1:\d+\/events\n/);
    expect(listen.stderr).toContain('berth: the output was closed: stopping the listener');
    expectQuiet({ ...listen, stderr: listen.stderr.replace(/^berth: the output was closed.*\n/m, '') });
    expect(stored).toBe(800);

    const events = await runBerthFirstLine(['events', '--db', db, '--limit', '800']);
    expect(events.firstLine).toMatch(/^TIME \(UTC\)\s+ACTION\s+IMAGE\s+USER$/);
    expectQuiet(events);
  });
});
