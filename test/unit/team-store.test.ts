// The pure parts of the team store: which --store values are databases, how a URL is shown without its
// password, when an outage is worth a log line, and the NDJSON line format.

import { describe, expect, it } from 'vitest';
import { exportLine } from '../../electron/core/activity/history-ndjson';
import { parseStoreSpec } from '../../electron/core/activity/open-store';
import { isPostgresUrl, isUnreachable, redactUrl } from '../../electron/core/activity/postgres/connection';
import { type OutageChange, OutageWatch } from '../../electron/core/activity/postgres/outage';
import { EventStoreError } from '../../electron/core/activity/store-error';

describe('--store values', () => {
  it('tells database URLs from file paths', () => {
    expect(isPostgresUrl('postgres://berth@db:5432/berth')).toBe(true);
    expect(isPostgresUrl(' PostgreSQL://db/berth')).toBe(true);
    expect(isPostgresUrl('./postgres://x')).toBe(false);
    expect(isPostgresUrl('/var/lib/berth/events.db')).toBe(false);
    expect(parseStoreSpec('postgres://db/b', undefined, '/d/events.db')).toEqual({
      kind: 'postgres',
      url: 'postgres://db/b',
    });
    expect(parseStoreSpec(undefined, '/x/e.db', '/d/events.db')).toEqual({ kind: 'sqlite', path: '/x/e.db' });
    expect(parseStoreSpec('  ', undefined, '/d/events.db')).toEqual({ kind: 'sqlite', path: '/d/events.db' });
    expect(parseStoreSpec('/s.db', '/x/e.db', '/d/events.db')).toEqual({ kind: 'sqlite', path: '/s.db' });
  });

  it('never shows a password, and copes with what is not a URL', () => {
    expect(redactUrl('postgres://berth:s3cret@db.example.com:5432/berth?sslmode=require')).toBe(
      'postgres://berth@db.example.com:5432/berth',
    );
    expect(redactUrl('postgresql://db/berth')).toBe('postgres://db/berth');
    expect(redactUrl('postgres://us%40er:p@db/x')).toBe('postgres://us@er@db/x');
    expect(redactUrl('postgres://[not')).toBe('postgres://(an address Berth could not read)');
  });
});

describe('outages', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('knows which failures mean the database is away', () => {
    expect(isUnreachable(refused)).toBe(true);
    expect(isUnreachable({ code: '57P01' })).toBe(true);
    expect(isUnreachable({ code: '08006' })).toBe(true);
    expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnreachable({ code: '42501' })).toBe(false);
    expect(isUnreachable({ code: '23505' })).toBe(false);
    expect(isUnreachable(null)).toBe(false);
  });

  it('reports going away and coming back once each, and ignores other failures', () => {
    const changes: OutageChange['state'][] = [];
    const watch = new OutageWatch((c) => changes.push(c.state));
    watch.succeeded();
    expect(watch.failed(new EventStoreError('IO', 'cannot be reached', { cause: refused }))).toBe(true);
    expect(watch.failed(refused)).toBe(true);
    expect(watch.failed(new Error('duplicate key'))).toBe(false);
    expect(watch.isDown).toBe(true);
    watch.succeeded();
    watch.succeeded();
    expect(changes).toEqual(['down', 'up']);
    expect(watch.isDown).toBe(false);
  });
});

describe('NDJSON export', () => {
  it('writes the event exactly as received, with when it arrived', () => {
    const raw = '{"id":"a","action":"push","target":{"repository":"app"},"x":"\\u001b"}';
    const line = exportLine({ seq: 7, receivedAt: 1772445600000001, raw });
    expect(line).toBe(`{"receivedAt":1772445600000001,"event":${raw}}`);
    expect(JSON.parse(line).event.x).toBe('\u001b');
  });
});
