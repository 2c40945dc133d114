// Run in a child process with a low open-file limit (`ulimit -n`): reads and writes the stores while every
// file descriptor is taken, the way a busy `berth ui` met EMFILE, then again once they are free. Prints one
// JSON line with each outcome. Usage: emfile-child.ts <secrets.json> <settings.json>

import { closeSync, openSync } from 'node:fs';
import { FileSecretStore, JsonSettingsStore } from '../../electron/core/service/stores';

type Outcome = { value: unknown } | { code: unknown; message: string };

const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (value) => ({ value: value ?? null }),
    (err: unknown) => ({ code: (err as { code?: unknown }).code, message: (err as Error).message }),
  );

const [secretsPath, settingsPath] = process.argv.slice(2) as [string, string];
const secrets = new FileSecretStore(secretsPath);
const settings = new JsonSettingsStore(settingsPath);
const before = await outcome(secrets.get('r-1'));

const held: number[] = [];
try {
  for (;;) held.push(openSync('/dev/null', 'r'));
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== 'EMFILE') throw err;
}
const starved = {
  get: await outcome(secrets.get('r-1')),
  set: await outcome(secrets.set('r-2', 'second')),
  load: await outcome(settings.load()),
  warnings: await outcome(secrets.warnings()),
};
for (const fd of held) closeSync(fd);
const after = await outcome(secrets.get('r-1'));
process.stdout.write(`${JSON.stringify({ held: held.length, before, starved, after })}\n`);
