// Moving a history between stores as NDJSON: one line per event, `{"receivedAt": µs, "event": {...}}`, in
// arrival order, with the event exactly as the registry sent it. Import replays the lines through the
// store's own ingest, so tags are resolved and moves derived as if the events had just arrived, and ids
// already stored are skipped: importing the same file twice, or into a store that has some of it, is safe.

import { parseEnvelope } from './listener/envelope';
import { toEventRow } from './row';
import type { ActivityStore } from './store';

/** RawEvent is one stored event as export writes it. */
export interface RawEvent {
  seq: number;
  /** receivedAt is when the listener stored it, epoch microseconds. */
  receivedAt: number;
  /** raw is the event object's JSON as received. */
  raw: string;
}

/** RawReader reads up to `limit` stored events after `seq`, oldest first. */
export type RawReader = (afterSeq: number, limit: number) => Promise<RawEvent[]>;

/** exportLine is one NDJSON line (without the newline) for a stored event. */
export function exportLine(e: RawEvent): string {
  return `{"receivedAt":${e.receivedAt},"event":${e.raw}}`;
}

/** exportEvents writes every stored event as NDJSON lines through write, and returns how many. */
export async function exportEvents(
  read: RawReader,
  write: (chunk: string) => Promise<void>,
  pageSize = 2000,
): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const page = await read(after, pageSize);
    if (page.length === 0) return total;
    await write(`${page.map(exportLine).join('\n')}\n`);
    total += page.length;
    after = page.at(-1)!.seq;
  }
}

/** ImportResult counts what an import did; problems name the lines that could not be read. */
export interface ImportResult {
  imported: number;
  duplicates: number;
  rejected: number;
  problems: string[];
}

const MAX_PROBLEMS = 20;

/** importEvents reads NDJSON lines and ingests them in batches, in order; bad lines are counted, not fatal. */
export async function importEvents(
  store: Pick<ActivityStore, 'ingest'>,
  lines: AsyncIterable<string>,
  batchSize = 500,
): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, duplicates: 0, rejected: 0, problems: [] };
  const reject = (n: number, why: string) => {
    result.rejected++;
    if (result.problems.length < MAX_PROBLEMS) result.problems.push(`line ${n}: ${why}`);
  };
  let batch: ReturnType<typeof toEventRow>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const [r] = await store.ingest([batch]);
    result.imported += r!.inserted.length;
    result.duplicates += r!.duplicates;
    batch = [];
  };
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      reject(n, 'not valid JSON');
      continue;
    }
    const { receivedAt, event } = (doc ?? {}) as { receivedAt?: unknown; event?: unknown };
    if (typeof receivedAt !== 'number' || !Number.isSafeInteger(receivedAt) || receivedAt < 0) {
      reject(n, 'no receivedAt (epoch microseconds)');
      continue;
    }
    // The same checks as a registry's POST: an event the listener would refuse is refused here too.
    const parsed = parseEnvelope(Buffer.from(JSON.stringify({ events: [event] })));
    if (!parsed.ok) {
      reject(n, parsed.reason.replace('events[0]', 'event'));
      continue;
    }
    batch.push(toEventRow(parsed.events[0]!, receivedAt));
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return result;
}
