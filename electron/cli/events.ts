// `berth listen` runs the notification listener in the foreground; `berth events` reads what it stored.

import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { RegistryError } from '../../shared/errors';
import {
  type ActivityEvent,
  EVENT_KINDS,
  type EventKind,
  type EventPage,
  type EventQuery,
  eventSubject,
  isLoopbackAddress,
  MAX_PAGE,
  parseTimeBound,
  registryConfigSnippet,
  toEventsJson,
} from '../../shared/events';
import { plural } from '../../shared/plural';
import { visibleText } from '../../shared/safe-text';
import { startActivityListener } from '../core/activity/listener/activity-listener';
import { DEFAULT_LISTENER_PORT, type Rejected, urlHost } from '../core/activity/listener/listener';
import { advertisedHost } from '../core/activity/listener/listener-address';
import { startTeamListener } from '../core/activity/listener/team-listener';
import { describeStore, openActivityStore } from '../core/activity/open-store';
import { OutageWatch } from '../core/activity/postgres/outage';
import type { EventRow } from '../core/activity/row';
import { dataFiles, resolveDataDir } from '../core/data-paths';
import { positiveInt } from './connect';
import { followEvents } from './events-follow';
import { CliReplication, parseReplicate } from './replicate';
import { reportingStoreErrors, STORE_HELP, storeSpecOf } from './store-flags';
import { note, out, outJson, table, whenOutputCloses } from './table';

/** ListenFlags are the options of `berth listen`. */
export interface ListenFlags {
  host: string;
  port: string;
  store?: string;
  db?: string;
  secretFile?: string;
  rotateSecret?: boolean;
  /** replicate are `SRC=DST` rules: each tagged push to SRC is copied to DST. */
  replicate?: string[];
}

declare const BERTH_VERSION: string;

/** EventsFlags are the options of `berth events`. */
export interface EventsFlags {
  store?: string;
  db?: string;
  follow?: boolean;
  repo?: string;
  tag?: string;
  actor?: string;
  action?: EventKind;
  since?: string;
  until?: string;
  limit?: string;
  includeBlobs?: boolean;
  json?: boolean;
}

const warn = (text: string) => note(`berth: warning: ${text}`);

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535) {
    throw new RegistryError('INVALID_INPUT', `--port takes a whole number from 0 to 65535 (got "${value}").`);
  }
  return Number(value);
}

// Event fields are whatever was POSTed to the listener: each is escaped, newlines too, so one event
// stays one line and cannot steer the terminal.
function logLine(e: ActivityEvent): string {
  const subject = visibleText(eventSubject(e)) + (e.isBlob ? ' (blob)' : '');
  return `${new Date(e.time).toISOString()}  ${e.kind.padEnd(6)}  ${subject}  ${visibleText(e.actor ?? '-')}`;
}

/** listen runs the listener until SIGINT or SIGTERM, logging one line per stored event. */
export async function listen(flags: ListenFlags): Promise<void> {
  const host = flags.host.trim().replace(/^\[(.*)\]$/, '$1');
  const port = parsePort(flags.port);
  const defaults = dataFiles(resolveDataDir(undefined));
  const spec = storeSpecOf(flags);
  const secretFile = resolve(flags.secretFile ?? defaults.listenerSecret);
  const replication = new CliReplication(
    (flags.replicate ?? []).map(parseReplicate),
    typeof BERTH_VERSION === 'string' ? BERTH_VERSION : 'dev',
  );
  const lan = !isLoopbackAddress(host);
  if (lan) {
    warn(
      `listening on ${host}: other computers on the network can reach this listener. Only the secret protects it, and plain http sends it unencrypted; prefer 127.0.0.1 when the registry runs on this computer.`,
    );
  }
  // While a team database is away every registry retry is a 503: one line when it goes, one when it is back.
  const outage = new OutageWatch((change) =>
    note(
      change.state === 'down'
        ? `berth: ${visibleText(change.reason)} Answering 503 until it is back: the registry keeps each event and retries.`
        : `berth: the team database ${describeStore(spec)} is reachable again after ${(change.downForMs / 1000).toFixed(1)} s; storing events again.`,
    ),
  );
  const common = {
    secretFile,
    host,
    port,
    allowLan: lan,
    rotateSecret: flags.rotateSecret ?? false,
    onEvents: (events: ActivityEvent[], rows: readonly EventRow[]) => {
      for (const e of events) out(logLine(e));
      replication.onStored(events, rows);
    },
    onRejected: (r: Rejected) =>
      note(`berth: rejected a request from ${visibleText(r.remote)}: ${r.status} ${visibleText(r.reason)}`),
    onError: (err: unknown) => {
      if (outage.failed(err)) return;
      note(
        `berth: could not store events (answered 503, the registry will retry): ${visibleText(String(err))}`,
      );
    },
  };
  const running =
    spec.kind === 'postgres'
      ? await startTeamListener({
          ...common,
          outage,
          store: await openActivityStore(spec, { role: 'writer', applicationName: 'berth-listen' }),
        })
      : await startActivityListener({ ...common, dbPath: spec.path });
  if (running.secretWarning) warn(running.secretWarning);
  replication.start(running.store);
  const url = `http://${urlHost(advertisedHost(host))}:${running.listener.port}/events`;
  const secretNote = flags.rotateSecret
    ? ' (new: update the registry)'
    : running.secretCreated
      ? ' (new)'
      : '';
  out(`Berth listener on ${running.listener.url}`);
  out(`Store:    ${describeStore(spec)}`);
  out(`Secret:   ${secretFile}${secretNote}`);
  out('');
  out("Add this to the registry's config.yml and restart the registry:");
  out('');
  out(registryConfigSnippet(url, running.secret));
  out('');
  if (!lan) {
    out('The registry must reach this address: one in a container or on another machine cannot reach');
    out("this computer's 127.0.0.1; use --host with an address it can reach.");
    out('');
  }
  out('Waiting for events (Ctrl-C to stop).');
  await new Promise<void>((done) => {
    const stop = (why: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      whenOutputCloses(null);
      note(`berth: ${why}: stopping the listener…`);
      replication
        .stop()
        .then(() => running.stop())
        .then(done, (err: unknown) => {
          note(`berth: stopping failed: ${visibleText(String(err))}`);
          process.exitCode = 1;
          done();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // `berth listen | head -1`: once nobody reads the log, stop as Ctrl-C would (events stay stored).
    whenOutputCloses(() => stop('the output was closed'));
  });
  out(`Stopped; ${plural(running.listener.stats.stored, 'event')} stored this run.`);
}

function timeFlag(value: string | undefined, flag: string, now: number): number | undefined {
  if (value === undefined) return undefined;
  const t = parseTimeBound(value, now);
  if (t === null) {
    throw new RegistryError(
      'INVALID_INPUT',
      `${flag} takes a duration like 2h, 30m or 7d, or a date like 2026-01-01 (got "${value}").`,
    );
  }
  return t;
}

/** events prints stored events, newest first: a table, or with --json the stable EventsJson rows. */
export async function events(flags: EventsFlags): Promise<void> {
  const now = Date.now();
  const limit = positiveInt(flags.limit, '--limit', 100, 1_000_000);
  const filter: EventQuery = {
    ...(flags.repo !== undefined ? { repo: flags.repo } : {}),
    ...(flags.tag !== undefined ? { tag: flags.tag } : {}),
    ...(flags.actor !== undefined ? { actor: flags.actor } : {}),
    ...(flags.action !== undefined ? { action: flags.action } : {}),
    ...(flags.includeBlobs ? { includeBlobs: true } : {}),
  };
  const since = timeFlag(flags.since, '--since', now);
  const until = timeFlag(flags.until, '--until', now);
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  const store = await openActivityStore(storeSpecOf(flags), {
    role: 'reader',
    applicationName: 'berth-events',
  });
  const rows: ActivityEvent[] = [];
  try {
    let cursor: string | null = null;
    do {
      const page: EventPage = await store.query({
        ...filter,
        limit: Math.min(MAX_PAGE, limit - rows.length),
        ...(cursor ? { before: cursor } : {}),
      });
      rows.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor && rows.length < limit);
    if (flags.follow) {
      // Oldest first, then each new one as it is stored: reads like a log.
      const print = flags.json
        ? (e: ActivityEvent) => outJson(toEventsJson(e))
        : (e: ActivityEvent) => out(logLine(e));
      for (const e of [...rows].reverse()) print(e);
      await followEvents(store, filter, print);
      return;
    }
  } finally {
    await store.close();
  }
  if (flags.json) {
    outJson(rows.map(toEventsJson));
    return;
  }
  if (rows.length === 0) {
    note('No events match.');
    return;
  }
  const lines = rows.map((e) => [
    new Date(e.time).toISOString().replace('T', ' ').slice(0, 19),
    e.kind,
    eventSubject(e) + (e.resolution === 'ambiguous' ? ' ?' : ''),
    e.actor ?? '-',
  ]);
  out(table(['TIME (UTC)', 'ACTION', 'IMAGE', 'USER'], lines));
}

/** registerEvents adds `listen` and `events` to the program. */
export function registerEvents(program: Command): Command {
  program
    .command('listen')
    .description("receive a registry's notifications and store every event (runs until Ctrl-C)")
    .addOption(
      new Option(
        '--host <address>',
        'address to listen on; anything but loopback exposes it to the network',
      ).default('127.0.0.1'),
    )
    .addOption(
      new Option('--port <port>', 'port to listen on (0: any free one)').default(
        String(DEFAULT_LISTENER_PORT),
      ),
    )
    .addOption(new Option('--store <url-or-file>', STORE_HELP))
    .option('--db <file>', 'SQLite event database (the same as --store FILE)')
    .option(
      '--secret-file <file>',
      'bearer secret file, made on first start (default: listener-secret in the data dir)',
    )
    .option('--rotate-secret', 'replace the secret with a new one before starting')
    .option(
      '--replicate <src=dst>',
      'copy each tagged push to SRC to DST, each HOST[:PORT]/REPO (repeatable), e.g. build.example:5000/app=prod.example/app',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      '\nThe data dir is $BERTH_DATA_DIR, else $XDG_CONFIG_HOME/berth, else ~/.config/berth.',
    )
    .action((flags: ListenFlags) => reportingStoreErrors(() => listen(flags)));
  program
    .command('events')
    .description('show stored registry events, newest first')
    .addOption(new Option('--store <url-or-file>', STORE_HELP))
    .option('--db <file>', 'SQLite event database (the same as --store FILE)')
    .option('--repo <repository>', 'only this repository')
    .option('--tag <tag>', 'only events naming this tag')
    .option('--actor <user>', 'only this user')
    .addOption(new Option('--action <action>', 'only this action').choices([...EVENT_KINDS]))
    .option('--since <when>', 'from this long ago (2h, 7d) or this date (2026-01-01)')
    .option('--until <when>', 'up to this long ago or this date')
    .addOption(new Option('--limit <n>', 'at most this many events').default('100'))
    .option('--include-blobs', 'also show layer and config blob events')
    .option('--json', 'print JSON for scripts instead of a table (with --follow: one JSON object per line)')
    .option('--follow', 'then print new events as they are stored, until Ctrl-C (team database only)')
    .action((flags: EventsFlags) => reportingStoreErrors(() => events(flags)));
  return program;
}
