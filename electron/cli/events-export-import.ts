// `berth events export` and `berth events import`: move a history between stores as NDJSON (one event per
// line, exactly as the registry sent it), typically a desktop's events.db into the team database:
//   berth events export --db ~/.config/berth/events.db > mine.ndjson
//   berth events import --store postgres://berth@db:5432/berth mine.ndjson
// Import skips ids the store already has, so it can be repeated safely.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { plural } from '../../shared/plural';
import { exportEvents, importEvents, type RawReader } from '../core/activity/history-ndjson';
import { describeStore, openActivityStore } from '../core/activity/open-store';
import { openPostgresStore } from '../core/activity/postgres/store';
import { openSqliteRawReader } from '../core/activity/sqlite/export';
import { EventStoreError } from '../core/activity/store-error';
import { type StoreFlags, storeAction, storeSpecOf } from './store-flags';
import { note, out } from './table';

/** ExportFlags are the options of `berth events export`. */
export interface ExportFlags extends StoreFlags {
  output?: string;
}

async function rawReaderOf(flags: StoreFlags): Promise<{ read: RawReader; close(): Promise<void> }> {
  const spec = storeSpecOf(flags);
  if (spec.kind === 'postgres') {
    const store = await openPostgresStore(spec.url, { applicationName: 'berth-export' });
    return { read: (after, limit) => store.readRaw(after, limit), close: () => store.close() };
  }
  const reader = openSqliteRawReader(spec.path);
  return { read: reader.read, close: async () => reader.close() };
}

/** exportCommand writes every stored event as NDJSON to --output or standard output. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  const source = await rawReaderOf(flags);
  const sink = flags.output ? createWriteStream(flags.output, { flags: 'wx', mode: 0o600 }) : process.stdout;
  const write = async (chunk: string) => {
    if (!sink.write(chunk)) await once(sink, 'drain');
  };
  try {
    const n = await exportEvents(source.read, write);
    note(`Exported ${plural(n, 'event')} from ${describeStore(storeSpecOf(flags))}.`);
  } finally {
    await source.close();
    if (sink !== process.stdout) {
      await new Promise<void>((resolve, reject) =>
        (sink as NodeJS.WritableStream).end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    }
  }
}

/** importCommand ingests NDJSON from a file (or standard input) into the store, skipping known ids. */
export async function importCommand(file: string | undefined, flags: StoreFlags): Promise<void> {
  const spec = storeSpecOf(flags);
  let input: NodeJS.ReadableStream = process.stdin;
  if (file && file !== '-') {
    // Opened first, so a wrong path is one sentence before anything connects to the store.
    const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw new EventStoreError('IO', `Could not read ${file}: ${err.message}.`, { cause: err });
    });
    input = handle.createReadStream();
  }
  const store = await openActivityStore(spec, { role: 'writer', applicationName: 'berth-import' });
  try {
    const result = await importEvents(store, createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }));
    out(
      `Imported ${plural(result.imported, 'event')} into ${store.location}; ${result.duplicates} ${result.duplicates === 1 ? 'was' : 'were'} already there` +
        (result.rejected > 0 ? `; ${plural(result.rejected, 'line')} could not be read.` : '.'),
    );
    for (const p of result.problems) note(`berth: ${p}`);
    if (result.rejected > 0) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/** registerEventsExportImport adds `export` and `import` under `berth events`. */
export function registerEventsExportImport(program: Command): Command {
  const events = program.commands.find((c) => c.name() === 'events');
  if (!events) throw new Error('registerEvents must run before registerEventsExportImport');
  storeAction(
    events
      .command('export')
      .description('write every stored event as NDJSON (one per line), oldest first')
      .option('-o, --output <file>', 'write to this new file instead of standard output'),
    exportCommand,
  );
  storeAction(
    events
      .command('import')
      .argument('[file]', 'NDJSON from "berth events export" (default: standard input)')
      .description('store events from an export; events already stored are skipped'),
    importCommand,
  );
  return program;
}
