// A throwaway HOME for every program the bench runs, so no user config, credentials or proxy settings
// change what is measured.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Sandbox is a temp HOME and the minimal environment that points every config location into it. */
export interface Sandbox {
  home: string;
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/** makeSandbox creates the temp HOME; remove() deletes it and is safe to call twice. */
export async function makeSandbox(): Promise<Sandbox> {
  const home = await mkdtemp(join(tmpdir(), 'berth-bench-'));
  const dockerConfig = join(home, 'docker');
  await mkdir(dockerConfig);
  // Built from scratch rather than copied from process.env: that also drops NODE_OPTIONS (tsx's loader),
  // BERTH_* credentials, REGISTRY_AUTH_FILE and *_PROXY, any of which would skew or break a run.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    TMPDIR: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_RUNTIME_DIR: home,
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
    DOCKER_CONFIG: dockerConfig,
    LANG: 'C.UTF-8',
  };
  let removed: Promise<void> | undefined;
  return {
    home,
    env,
    remove: () => {
      removed ??= rm(home, { recursive: true, force: true });
      return removed;
    },
  };
}
