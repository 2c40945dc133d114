// The event database's schema as numbered migrations, applied and checked by the shared runner
// (electron/core/sqlite/migrate.ts). Never edit a released migration: add the next one.

import type { Migration } from '../../sqlite/migrate';
import { berthReadSql } from './filters';

/** MIGRATIONS is the event database's schema, oldest first; ids are 1, 2, 3, … without gaps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'events, tag state, tag moves',
    sql: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,            -- arrival order; breaks ties between equal timestamps
        id TEXT NOT NULL UNIQUE,            -- the registry's event id: retries repeat it
        ts INTEGER NOT NULL,                -- event time, epoch microseconds
        timestamp TEXT NOT NULL,            -- as the registry sent it
        action TEXT NOT NULL,
        kind TEXT NOT NULL,
        repository TEXT NOT NULL,
        tag TEXT,
        digest TEXT,
        media_type TEXT,
        size INTEGER,
        actor TEXT,
        source_instance TEXT,
        request_id TEXT,
        request_method TEXT,
        user_agent TEXT,
        client_addr TEXT,
        received_at INTEGER NOT NULL,       -- epoch microseconds
        is_blob INTEGER NOT NULL,
        resolved_tags TEXT NOT NULL,        -- JSON array
        resolution TEXT,                    -- 'registry' | 'resolved' | 'ambiguous' | NULL
        raw TEXT NOT NULL                   -- the event object as received, unknown fields included
      );
      -- is_blob and kind ride along in the time index: filters and edge counts never touch the table.
      CREATE INDEX events_time ON events (ts, is_blob, kind);
      -- Blob events are two thirds of the traffic and hidden by default. Every index they enter costs a
      -- page written per event (the flush to disk is what limits ingest), so the indexes below leave them
      -- out; a timeline of blobs in one repository scans the time index instead.
      CREATE INDEX events_repo_time ON events (repository, ts, kind) WHERE is_blob = 0;
      CREATE INDEX events_repo_tag ON events (repository, tag, ts) WHERE tag IS NOT NULL;
      CREATE INDEX events_tag ON events (tag, ts) WHERE tag IS NOT NULL;
      CREATE INDEX events_actor ON events (actor, ts) WHERE actor IS NOT NULL AND is_blob = 0;
      CREATE INDEX events_digest ON events (digest, repository) WHERE digest IS NOT NULL AND is_blob = 0;

      -- Where each tag points as far as the events tell: resolves untagged events, detects moves.
      CREATE TABLE tag_state (
        repository TEXT NOT NULL,
        tag TEXT NOT NULL,
        digest TEXT NOT NULL,
        ts INTEGER NOT NULL,
        PRIMARY KEY (repository, tag)
      ) WITHOUT ROWID;
      CREATE INDEX tag_state_digest ON tag_state (repository, digest);

      CREATE TABLE tag_moves (
        seq INTEGER PRIMARY KEY REFERENCES events (seq),
        repository TEXT NOT NULL,
        tag TEXT NOT NULL,
        from_digest TEXT,
        to_digest TEXT,
        from_tags TEXT NOT NULL,            -- JSON array: the other tags on from_digest then
        to_tags TEXT NOT NULL,              -- JSON array: the other tags on to_digest then
        ts INTEGER NOT NULL,
        actor TEXT
      );
      CREATE INDEX tag_moves_tag ON tag_moves (repository, tag, ts);
      CREATE INDEX tag_moves_repo ON tag_moves (repository, ts);

      -- Hourly counts by kind, kept by triggers: a histogram over a million events reads a few thousand
      -- rows instead of scanning every event. Events are never updated or deleted one by one.
      CREATE TABLE counts_hourly (
        hour INTEGER NOT NULL,              -- ts / 3600000000 (epoch hours)
        kind TEXT NOT NULL,
        is_blob INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (hour, kind, is_blob)
      ) WITHOUT ROWID;
      CREATE TABLE repo_counts_hourly (
        repository TEXT NOT NULL,
        hour INTEGER NOT NULL,
        kind TEXT NOT NULL,
        is_blob INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (repository, hour, kind, is_blob)
      ) WITHOUT ROWID;
      CREATE TRIGGER events_count AFTER INSERT ON events BEGIN
        INSERT INTO counts_hourly (hour, kind, is_blob, n)
          VALUES (NEW.ts / 3600000000, NEW.kind, NEW.is_blob, 1)
          ON CONFLICT (hour, kind, is_blob) DO UPDATE SET n = n + 1;
        INSERT INTO repo_counts_hourly (repository, hour, kind, is_blob, n)
          VALUES (NEW.repository, NEW.ts / 3600000000, NEW.kind, NEW.is_blob, 1)
          ON CONFLICT (repository, hour, kind, is_blob) DO UPDATE SET n = n + 1;
      END;

      -- Index → child manifests, from target.references (distribution 3.x), to resolve child pulls.
      CREATE TABLE manifest_refs (
        repository TEXT NOT NULL,
        child TEXT NOT NULL,
        parent TEXT NOT NULL,
        PRIMARY KEY (repository, child, parent)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 2,
    name: 'replication queue',
    sql: `
      -- Copies waiting to be made by replication rules: one row per event and rule (see replication-queue.ts).
      CREATE TABLE replication_queue (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_at INTEGER NOT NULL,          -- event time, epoch ms: orders entries of one tag
        action TEXT NOT NULL,               -- 'copy' | 'delete'
        source_registry TEXT NOT NULL,
        source_repository TEXT NOT NULL,
        tag TEXT,
        digest TEXT NOT NULL,
        target_registry TEXT NOT NULL,
        target_repository TEXT NOT NULL,
        state TEXT NOT NULL,                -- 'pending' | 'running' | 'done' | 'failed' | 'superseded'
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,   -- epoch ms
        last_error_code TEXT,
        last_error_message TEXT,
        counts_json TEXT,
        lease_owner TEXT,
        lease_until INTEGER,                -- epoch ms
        created_at INTEGER NOT NULL,        -- epoch ms
        updated_at INTEGER NOT NULL,        -- epoch ms
        UNIQUE (event_id, rule_id)
      );
      CREATE INDEX replication_queue_due ON replication_queue (state, next_attempt_at)
        WHERE state IN ('pending', 'running');
      CREATE INDEX replication_queue_rule_tag ON replication_queue (rule_id, tag, event_at);
      CREATE INDEX replication_queue_rule_time ON replication_queue (rule_id, updated_at);
    `,
  },
  {
    id: 3,
    name: "hourly counts keep Berth's own reads apart",
    // The Activity screen hides Berth's own pulls and checks by default; without berth_read in the key
    // that view scanned every event (half a second at a million). The rule is berthReadSql, the one the
    // queries use: changing it changes this step's checksum, so a change must come as a new step that
    // recounts. The tables are rebuilt from the events themselves, which are never updated or deleted.
    sql: `
      DROP TRIGGER events_count;
      DROP TABLE counts_hourly;
      DROP TABLE repo_counts_hourly;
      CREATE TABLE counts_hourly (
        hour INTEGER NOT NULL,              -- ts / 3600000000 (epoch hours)
        kind TEXT NOT NULL,
        is_blob INTEGER NOT NULL,
        berth_read INTEGER NOT NULL,        -- 1 for Berth's own pulls and checks (berthReadSql)
        n INTEGER NOT NULL,
        PRIMARY KEY (hour, kind, is_blob, berth_read)
      ) WITHOUT ROWID;
      CREATE TABLE repo_counts_hourly (
        repository TEXT NOT NULL,
        hour INTEGER NOT NULL,
        kind TEXT NOT NULL,
        is_blob INTEGER NOT NULL,
        berth_read INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (repository, hour, kind, is_blob, berth_read)
      ) WITHOUT ROWID;
      -- One pass over the events (the slow part of this step); the totals are
      -- the per-repository counts summed.
      INSERT INTO repo_counts_hourly (repository, hour, kind, is_blob, berth_read, n)
        SELECT repository, ts / 3600000000, kind, is_blob, ${berthReadSql()}, count(*) FROM events
        GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO counts_hourly (hour, kind, is_blob, berth_read, n)
        SELECT hour, kind, is_blob, berth_read, sum(n) FROM repo_counts_hourly GROUP BY 1, 2, 3, 4;
      CREATE TRIGGER events_count AFTER INSERT ON events BEGIN
        INSERT INTO counts_hourly (hour, kind, is_blob, berth_read, n)
          VALUES (NEW.ts / 3600000000, NEW.kind, NEW.is_blob, ${berthReadSql('NEW.')}, 1)
          ON CONFLICT (hour, kind, is_blob, berth_read) DO UPDATE SET n = n + 1;
        INSERT INTO repo_counts_hourly (repository, hour, kind, is_blob, berth_read, n)
          VALUES (NEW.repository, NEW.ts / 3600000000, NEW.kind, NEW.is_blob, ${berthReadSql('NEW.')}, 1)
          ON CONFLICT (repository, hour, kind, is_blob, berth_read) DO UPDATE SET n = n + 1;
      END;
    `,
  },
  {
    id: 4,
    name: 'counts per batch, no digest index',
    // Every index an event enters costs ingest a page written (and flushed) per commit, and the trigger
    // two upserts per event. Nothing is recounted: the counts the trigger kept stay as they are.
    sql: `
      -- No query reads events by digest (the timeline filters by repository, tag, user, kind and time).
      DROP INDEX events_digest;
      -- Ingest now adds each batch's events to the hourly counts in one statement per table, by the same
      -- rule (berthReadSql), inside the batch's transaction (sqlite/batch-counts.ts).
      DROP TRIGGER events_count;
    `,
  },
];
