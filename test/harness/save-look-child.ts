// Run in a child process that the test kills half-way: saves a look of many tags into a tag cache file in
// steps (recordInSteps), the way `berth ui` does at the end of a listing, and says "saving" once it has
// begun. Usage: save-look-child.ts <cache.db> <count> <digest> [<worker bundle>] (without one, on this thread)

import { openTagCache } from '../../electron/core/cache/tag-cache';
import { bigLook } from './seen-tags';

const [path, count, digest, worker] = process.argv.slice(2) as [string, string, string, string?];
const cache = openTagCache(path, console.warn, worker ?? null);
const saving = cache.recordInSteps('http://127.0.0.1:5000', 'app', bigLook(Number(count), digest));
process.stdout.write('saving\n');
await saving;
process.stdout.write('saved\n');
