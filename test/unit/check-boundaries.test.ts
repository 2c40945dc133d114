import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// Runs the real scripts/check-boundaries.mjs against a small fake tree (via --root) in which one file
// carries one bad import, so each rule is seen to fire and to name the file.
const script = resolve(import.meta.dirname, '../../scripts/check-boundaries.mjs');

// A clean tree: one file per guarded folder, each importing only what its rules allow.
const cleanTree: Record<string, string> = {
  'shared/model.ts': 'export type Model = { name: string };\n',
  'renderer/app.tsx':
    "import type { Model } from '../shared/model';\nexport const m: Model = { name: 'x' };\n",
  'electron/core/registry/client.ts':
    "import { Pool } from 'undici';\nimport type { Model } from '../../../shared/model';\nimport { read } from '../credentials/read';\nexport { Pool, read };\nexport type { Model };\n",
  'electron/core/credentials/read.ts':
    "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'electron/core/activity/store.ts':
    "import Database from 'better-sqlite3';\nimport { Pool } from '../registry/client';\nexport { Database, Pool };\n",
  'electron/core/service/service.ts':
    "import { Pool } from '../registry/client';\nimport { Database } from '../activity/store';\nexport { Database, Pool };\n",
  'electron/main/main.ts':
    "import { app } from 'electron';\nimport { Pool } from '../core/registry/client';\n",
  'electron/preload/preload.ts':
    "import { contextBridge } from 'electron';\nimport type { Model } from '../../shared/model';\nimport { helper } from './helper';\n",
  'electron/preload/helper.ts': "import { IPC } from '../../shared/model';\nexport const helper = IPC;\n",
};

let root = '';

function plant(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function check(): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-boundaries-'));
  plant(cleanTree);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('check-boundaries', () => {
  it('passes the real tree', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('electron/preload/');
  });

  it('passes a fake tree whose imports all follow the rules', () => {
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails, rather than passing vacuously, when --root holds none of the guarded folders', () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
    const run = check();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('none of renderer/');
  });

  // Each row: file, its bad line, the message it must print, and the heading (the rule's reason).
  const cases: Array<[string, string, string, string]> = [
    // The original renderer/ and shared/ rules, with their original wording.
    [
      'renderer/views/list.tsx',
      "import { readFileSync } from 'node:fs';",
      'renderer/views/list.tsx: imports the Node-only module "node:fs"',
      'renderer/ and shared/ must stay platform-free',
    ],
    [
      'renderer/api.ts',
      "import { ipcRenderer } from 'electron';",
      'renderer/api.ts: imports the Node-only module "electron"',
      'renderer/ and shared/ must stay platform-free',
    ],
    [
      'renderer/api.ts',
      "const c = require('../electron/core/registry/client');",
      'renderer/api.ts: reaches into electron/ ("../electron/core/registry/client")',
      'renderer/ and shared/ must stay platform-free',
    ],
    [
      'renderer/api.ts',
      "import '../bin/berth';",
      'renderer/api.ts: reaches into bin/ ("../bin/berth")',
      'renderer/ and shared/ must stay platform-free',
    ],
    [
      'shared/format.ts',
      "import { createHash } from 'crypto';",
      'shared/format.ts: imports the Node-only module "crypto"',
      'renderer/ and shared/ must stay platform-free',
    ],
    [
      'shared/format.ts',
      "import { Pool } from 'undici';",
      'shared/format.ts: imports the Node-only module "undici"',
      'renderer/ and shared/ must stay platform-free',
    ],
    [
      'shared/format.ts',
      "export { App } from '../renderer/app';",
      'shared/format.ts: reaches into renderer/ ("../renderer/app")',
      'renderer/ and shared/ must stay platform-free',
    ],
    // The engine never imports Electron or a front.
    [
      'electron/core/service/service.ts',
      "import { safeStorage } from 'electron';",
      'electron/core/service/service.ts: imports "electron"',
      'the engine runs on plain Node',
    ],
    [
      'electron/core/data-paths.ts',
      "import { app } from 'electron/main';",
      'electron/core/data-paths.ts: imports "electron/main"',
      'the engine runs on plain Node',
    ],
    ...(['main', 'preload', 'web', 'cli'] as const).map((front): [string, string, string, string] => [
      'electron/core/service/service.ts',
      `import { x } from '../../${front}/thing';`,
      `electron/core/service/service.ts: reaches into electron/${front}/ ("../../${front}/thing")`,
      'the engine runs on plain Node',
    ]),
    // The registry client sits below the service layer and the activity store.
    [
      'electron/core/registry/tags.ts',
      "import { BerthService } from '../service/service';",
      'electron/core/registry/tags.ts: reaches into electron/core/service/ ("../service/service")',
      'the registry client is the bottom layer',
    ],
    [
      'electron/core/registry/tags.ts',
      "const s = await import('../activity/store');",
      'electron/core/registry/tags.ts: reaches into electron/core/activity/ ("../activity/store")',
      'the registry client is the bottom layer',
    ],
    [
      'electron/core/registry/cache.ts',
      "import Database from 'better-sqlite3';",
      'electron/core/registry/cache.ts: imports "better-sqlite3"',
      'the registry client is the bottom layer',
    ],
    [
      'electron/core/registry/cache.ts',
      "import pg from 'pg';",
      'electron/core/registry/cache.ts: imports "pg"',
      'the registry client is the bottom layer',
    ],
    // The preload may import only shared/ and the electron package.
    [
      'electron/preload/preload.ts',
      "import { dispatch } from '../core/api/dispatch';",
      'electron/preload/preload.ts: reaches into electron/core/ ("../core/api/dispatch")',
      'the sandboxed preload may require only "electron"',
    ],
    [
      'electron/preload/preload.ts',
      "import { IPC } from '../main/ipc-handlers';",
      'electron/preload/preload.ts: reaches into electron/main/ ("../main/ipc-handlers")',
      'the sandboxed preload may require only "electron"',
    ],
    [
      'electron/preload/preload.ts',
      "import { z } from 'zod';",
      'electron/preload/preload.ts: imports "zod"',
      'the sandboxed preload may require only "electron"',
    ],
    [
      'electron/preload/preload.ts',
      "import { join } from 'node:path';",
      'electron/preload/preload.ts: imports the Node-only module "node:path"',
      'the sandboxed preload may require only "electron"',
    ],
  ];

  it.each(cases)('%s: %s fails', (file, line, message, reason) => {
    plant({ [file]: `${line}\nexport const planted = 1;\n` });
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Process boundary violated (${reason}`);
    expect(run.stderr).toContain(message);
    // Only the planted file is named: the rest of the tree stays clean.
    expect(run.stderr.trim().split('\n')).toHaveLength(2);
  });
});
