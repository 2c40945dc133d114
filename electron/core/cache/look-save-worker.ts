// The worker thread that saves looks (issue 11): the stepped save of look-save.ts on a connection of its
// own, so neither its statements nor its commits (WAL writes, checkpoints with their fsync, slow on a busy
// disk) run on the event loop that serves the UI. The look arrives in parts; see look-save-thread.ts. It
// reads whole looks for the screen too, each in one statement (look-read.ts), between a save's steps.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { prepareStatements } from './cache-statements';
import { decodePart } from './look-part';
import { readWholeLook } from './look-read';
import { saveLookInSteps } from './look-save';
import type { FromSaver, ToSaver } from './look-save-thread';
import type { SeenTag } from './tag-cache';

const port = parentPort!;
const db = new Database((workerData as { path: string }).path, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const s = prepareStatements(db);
let tags: SeenTag[] = [];

const answer = (m: FromSaver) => port.postMessage(m);

port.on('message', (m: ToSaver) => {
  if (m.type === 'read') {
    try {
      answer({ type: 'read', id: m.id, answer: readWholeLook(db, s, m.kind, m.registry, m.repository) });
    } catch (err) {
      answer({ type: 'readFailed', id: m.id, message: (err as Error).message });
    }
    return;
  }
  if (m.type === 'tags') {
    for (const t of decodePart(m)) tags.push(t);
    return;
  }
  const look = { registry: m.registry, repository: m.repository, tags, at: new Date(m.at) };
  tags = [];
  saveLookInSteps(db, s, look).then(
    () => answer({ type: 'saved' }),
    (err: unknown) => answer({ type: 'failed', message: (err as Error).message }),
  );
});
