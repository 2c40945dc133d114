// What a registry or a webhook sender writes (labels, env, history, tag and repository names, event
// fields) reaches people's terminals through the CLI's text output: control characters and bidi
// overrides must arrive escaped (ESC as \x1b, RLO as \u202e), while --json stays exact.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsJson } from '../../shared/events';
import type { InspectResult } from '../../shared/model';
import { isRunning, startBerthListener } from '../harness/berth-listener';
import { runBerth } from '../harness/cli';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { startScriptedServer } from '../harness/scripted-server';

// What a terminal obeys instead of shows: C0 but newline, DEL, C1, bidi embeddings/overrides/isolates.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const TITLE = '\x1b]0;pwned\x07'; // sets the terminal's title
const CLEAR = '\x1bc'; // resets and clears the terminal
const RLO = '\u202e'; // right-to-left override

describe('berth inspect, from a real registry', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
    await pushImage(reg.url, 'hostile/app', {
      tags: ['1.0'],
      config: {
        author: `mallory${CLEAR}`,
        config: {
          Labels: { title: TITLE, 'org.example.rlo': `release${RLO}0.1`, csi: 'a\u009b2Jb' },
          Env: [`CLEAR=${CLEAR}`, 'MULTI=line1\nline2'],
          User: 'root\x7f',
          WorkingDir: `/srv${RLO}`,
          Volumes: { [`/data${TITLE}`]: {} },
          StopSignal: 'SIG\x07QUIT',
        },
        history: [{ created_by: 'RUN echo \x1b[31mred\x1b[0m', created: '2026-01-01T00:00:00Z' }],
      },
    });
  });
  afterAll(() => reg?.stop());

  it('shows every field with its control characters escaped', async () => {
    const r = await runBerth(['inspect', `${reg.host}/hostile/app:1.0`]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('Author      mallory\\x1bc');
    expect(r.stdout).toContain('WorkingDir  /srv\\u202e');
    expect(r.stdout).toContain('User        root\\x7f');
    expect(r.stdout).toContain('Volumes     /data\\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('StopSignal  SIG\\x07QUIT');
    expect(r.stdout).toContain('CLEAR=\\x1bc');
    // A newline inside a value would let it pass for another field: it is escaped too.
    expect(r.stdout).toContain('MULTI=line1\\nline2');
    expect(r.stdout).toContain('title=\\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('org.example.rlo=release\\u202e0.1');
    expect(r.stdout).toContain('csi=a\\x9b2Jb');
    expect(r.stdout).toContain('  RUN echo \\x1b[31mred\\x1b[0m');
  });

  it('--json stays exact', async () => {
    const r = await runBerth(['inspect', `${reg.host}/hostile/app:1.0`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as InspectResult;
    expect(json.config?.labels).toEqual({
      title: TITLE,
      'org.example.rlo': `release${RLO}0.1`,
      csi: 'a\u009b2Jb',
    });
    expect(json.config?.env).toEqual([`CLEAR=${CLEAR}`, 'MULTI=line1\nline2']);
    expect(json.config?.stopSignal).toBe('SIG\x07QUIT');
  });
});

describe('berth tags and repos, from a hostile registry', () => {
  // Distribution refuses such names, so a scripted server plays a registry that sends them anyway.
  const repos = [`evil${TITLE}/app`, `rlo${RLO}ppa`, 'plain/app'];
  const tags = [`1.0${CLEAR}`, `v${RLO}1`, 'ok\nforged-row'];
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      const json = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url?.startsWith('/v2/_catalog')) return json({ repositories: repos });
      if (req.url?.endsWith('/tags/list')) return json({ name: 'app', tags });
      if (req.url?.includes('/manifests/')) {
        res.writeHead(200, {
          'docker-content-digest': `sha256:${'c'.repeat(64)}`,
          'content-type': `application/vnd.evil${TITLE}+json`,
        });
        return res.end();
      }
      return json({});
    });
  });
  afterAll(() => server?.stop());

  it('repos: one escaped name per line', async () => {
    const r = await runBerth(['repos', server.host]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout.split('\n')).toEqual(['evil\\x1b]0;pwned\\x07/app', 'rlo\\u202eppa', 'plain/app', '']);
    const json = JSON.parse((await runBerth(['repos', server.host, '--json'])).stdout) as {
      repositories: string[];
    };
    expect(json.repositories).toEqual(repos);
  });

  it('tags: names, types and errors escaped, one row per tag', async () => {
    const r = await runBerth(['tags', `${server.host}/app`]);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(1 + tags.length);
    expect(r.stdout).toContain('1.0\\x1bc');
    expect(r.stdout).toContain('v\\u202e1');
    expect(r.stdout).toContain('ok\\nforged-row');
    const json = JSON.parse((await runBerth(['tags', `${server.host}/app`, '--json'])).stdout) as {
      tags: { tag: string }[];
    };
    expect(json.tags.map((t) => t.tag).sort()).toEqual([...tags].sort());
  });
});

describe('berth listen and berth events', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-cli-text-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('print event fields escaped; --json keeps them exact', async () => {
    const db = join(dir, 'events.db');
    const secretFile = join(dir, 'listener-secret');
    const listener = await startBerthListener(['--port', '0', '--db', db, '--secret-file', secretFile]);
    if (!isRunning(listener)) throw new Error(`berth listen failed:\n${listener.stdout}\n${listener.stderr}`);
    const event = {
      id: 'hostile-1',
      timestamp: '2026-01-01T00:00:00.000Z',
      action: 'push',
      target: {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${'d'.repeat(64)}`,
        repository: `evil${TITLE}`,
        tag: `1.0${RLO}`,
      },
      actor: { name: `mallory${CLEAR}` },
    };
    try {
      const secret = (await readFile(secretFile, 'utf8')).trim();
      const res = await request(listener.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/vnd.docker.distribution.events.v1+json',
        },
        body: JSON.stringify({ events: [event] }),
      });
      expect(res.statusCode).toBe(200);
      await res.body.text();
      const deadline = Date.now() + 10_000;
      while (!listener.stdout().includes('mallory') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(listener.stdout()).not.toMatch(RAW_CONTROL);
      expect(listener.stdout()).toMatch(/ push\s+evil\\x1b\]0;pwned\\x07:1\.0\\u202e {2}mallory\\x1bc\n/);
    } finally {
      listener.child.kill('SIGTERM');
      await listener.exit;
    }

    const table = await runBerth(['events', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(RAW_CONTROL);
    expect(table.stdout).toMatch(/push\s+evil\\x1b\]0;pwned\\x07:1\.0\\u202e\s+mallory\\x1bc\n/);
    const json = JSON.parse((await runBerth(['events', '--db', db, '--json'])).stdout) as EventsJson[];
    expect(json[0]).toMatchObject({ repository: `evil${TITLE}`, tag: `1.0${RLO}`, actor: `mallory${CLEAR}` });
  });
});
