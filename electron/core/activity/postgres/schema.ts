// The team store's schema as numbered migrations, in its own `berth` schema so it can share a database with
// anything else. The semantics are the SQLite store's (sqlite/migrations.ts, sqlite/ingest.ts); the
// conformance suite holds both to them. Never edit a released migration: add the next one.

import { berthReadSql } from '../sqlite/filters';

/** PgMigration is one schema step. */
export interface PgMigration {
  id: number;
  name: string;
  sql: string;
}

/** INGEST_LOCK is the advisory lock every ingest takes: one writer at a time across all listeners. */
export const INGEST_LOCK = 4_286_770_001;

/** MIGRATE_LOCK is the advisory lock migrations take, so two listeners starting at once apply each step once. */
export const MIGRATE_LOCK = 4_286_770_002;

/** NOTIFY_CHANNEL is where each ingest announces the highest seq it committed. */
export const NOTIFY_CHANNEL = 'berth_events';

const V1_TABLES = `
  CREATE TABLE berth.events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- commit order (ingest holds INGEST_LOCK)
    id text NOT NULL UNIQUE,              -- the registry's event id: retries and redundant listeners repeat it
    ts bigint NOT NULL,                   -- event time, epoch microseconds
    timestamp text NOT NULL,              -- as the registry sent it
    action text NOT NULL,
    kind text NOT NULL,
    repository text NOT NULL,
    tag text,
    digest text,
    media_type text,
    size double precision,
    actor text,
    source_instance text,
    request_id text,
    request_method text,
    user_agent text,
    client_addr text,
    received_at bigint NOT NULL,          -- epoch microseconds
    is_blob boolean NOT NULL,
    resolved_tags text[] NOT NULL,
    resolution text,                      -- 'registry' | 'resolved' | 'ambiguous' | NULL
    raw text NOT NULL                     -- the event object as received, unknown fields included
  );
  -- Every timeline reads newest first by (ts, seq); blobs (two thirds of the traffic) are hidden by
  -- default, so the indexes that serve default views leave them out.
  CREATE INDEX events_time_all ON berth.events (ts, seq);
  CREATE INDEX events_time ON berth.events (ts, seq) WHERE NOT is_blob;
  CREATE INDEX events_repo_time ON berth.events (repository, ts, seq) WHERE NOT is_blob;
  CREATE INDEX events_repo_tag ON berth.events (repository, tag, ts, seq) WHERE tag IS NOT NULL;
  CREATE INDEX events_tag ON berth.events (tag, ts, seq) WHERE tag IS NOT NULL;
  CREATE INDEX events_actor ON berth.events (actor, ts, seq) WHERE actor IS NOT NULL AND NOT is_blob;

  CREATE TABLE berth.tag_state (
    repository text NOT NULL,
    tag text NOT NULL,
    digest text NOT NULL,
    ts bigint NOT NULL,
    PRIMARY KEY (repository, tag)
  );
  CREATE INDEX tag_state_digest ON berth.tag_state (repository, digest);

  CREATE TABLE berth.tag_moves (
    seq bigint PRIMARY KEY REFERENCES berth.events (seq),
    repository text NOT NULL,
    tag text NOT NULL,
    from_digest text,
    to_digest text,
    from_tags text[] NOT NULL,
    to_tags text[] NOT NULL,
    ts bigint NOT NULL,
    actor text
  );
  CREATE INDEX tag_moves_tag ON berth.tag_moves (repository, tag, ts);
  CREATE INDEX tag_moves_repo ON berth.tag_moves (repository, ts);

  CREATE TABLE berth.manifest_refs (
    repository text NOT NULL,
    child text NOT NULL,
    parent text NOT NULL,
    PRIMARY KEY (repository, child, parent)
  );

  -- Hourly counts by kind: a histogram over a million events reads a few thousand rows. A statement
  -- trigger keeps them, so bulk loads (import, generate_series) pay one upsert per hour, not per row.
  CREATE TABLE berth.counts_hourly (
    hour bigint NOT NULL,                 -- ts / 3600000000 (epoch hours)
    kind text NOT NULL,
    is_blob boolean NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (hour, kind, is_blob)
  );
  CREATE TABLE berth.repo_counts_hourly (
    repository text NOT NULL,
    hour bigint NOT NULL,
    kind text NOT NULL,
    is_blob boolean NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (repository, hour, kind, is_blob)
  );
  CREATE FUNCTION berth.count_events() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO berth.counts_hourly AS c (hour, kind, is_blob, n)
      SELECT ts / 3600000000, kind, is_blob, count(*) FROM added GROUP BY 1, 2, 3
      ON CONFLICT (hour, kind, is_blob) DO UPDATE SET n = c.n + excluded.n;
    INSERT INTO berth.repo_counts_hourly AS c (repository, hour, kind, is_blob, n)
      SELECT repository, ts / 3600000000, kind, is_blob, count(*) FROM added GROUP BY 1, 2, 3, 4
      ON CONFLICT (repository, hour, kind, is_blob) DO UPDATE SET n = c.n + excluded.n;
    RETURN NULL;
  END $$;
  CREATE TRIGGER events_count AFTER INSERT ON berth.events
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION berth.count_events();
`;

// berth.tags_of lists the tags on a digest, byte order (as SQLite sorts), without one tag.
const V1_TAGS_OF = `
  CREATE FUNCTION berth.tags_of(p_repo text, p_digest text, p_except text) RETURNS text[]
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(tag ORDER BY tag COLLATE "C"), '{}') FROM berth.tag_state
    WHERE p_digest IS NOT NULL AND repository = p_repo AND digest = p_digest
      AND (p_except IS NULL OR tag <> p_except)
  $$;
`;

// berth.ingest stores a batch (a JSON array of EventRow) in arrival order and returns one row per newly
// stored event; repeats return nothing. It runs in one round trip, under INGEST_LOCK, so tag state is
// applied in one order across every listener and seq order is commit order (what readers follow).
const V1_INGEST = `
  CREATE FUNCTION berth.ingest(batch jsonb)
  RETURNS TABLE (o_ord integer, o_seq bigint, o_digest text, o_tags text[], o_resolution text)
  LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  DECLARE
    e jsonb;
    i integer := 0;
    v_id text; v_repo text; v_tag text; v_digest text; v_kind text; v_ts bigint; v_blob boolean;
    v_actor text;
    prev_digest text; prev_ts bigint; found_prev boolean;
    r_digest text; r_tags text[]; r_res text;
    has_move boolean; m_from text; m_to text; m_from_tags text[]; m_to_tags text[];
    new_seq bigint;
    top bigint := 0;
  BEGIN
    PERFORM pg_advisory_xact_lock(${INGEST_LOCK});
    FOR e IN SELECT value FROM jsonb_array_elements(batch) LOOP
      i := i + 1;
      v_id := e->>'id';
      IF EXISTS (SELECT 1 FROM berth.events WHERE id = v_id) THEN CONTINUE; END IF;
      v_repo := e->>'repository'; v_tag := e->>'tag'; v_digest := e->>'digest'; v_kind := e->>'kind';
      v_ts := (e->>'ts')::bigint; v_blob := (e->>'isBlob')::boolean; v_actor := e->>'actor';
      r_digest := v_digest; r_tags := '{}'; r_res := NULL; has_move := false;
      IF NOT v_blob THEN
        IF v_digest IS NOT NULL THEN
          INSERT INTO berth.manifest_refs (repository, child, parent)
            SELECT v_repo, c, v_digest FROM jsonb_array_elements_text(e->'references') AS c
            ON CONFLICT DO NOTHING;
        END IF;
        IF v_tag IS NOT NULL THEN
          r_tags := ARRAY[v_tag]; r_res := 'registry';
          SELECT digest, ts INTO prev_digest, prev_ts FROM berth.tag_state
            WHERE repository = v_repo AND tag = v_tag;
          found_prev := FOUND;
          IF v_kind = 'delete' THEN
            -- Distribution sends a tag deletion without a digest; the tag's last known digest is what went.
            DELETE FROM berth.tag_state WHERE repository = v_repo AND tag = v_tag;
            m_from := CASE WHEN found_prev THEN prev_digest END;
            has_move := true; m_to := NULL; m_to_tags := '{}';
            m_from_tags := berth.tags_of(v_repo, m_from, NULL);
            r_digest := coalesce(v_digest, m_from);
          ELSIF v_digest IS NOT NULL AND NOT (found_prev AND prev_ts > v_ts) THEN
            -- (A late event, from a skewed clock or another instance, must not rewind the tag.)
            IF v_kind = 'push' AND (NOT found_prev OR prev_digest <> v_digest) THEN
              has_move := true;
              m_from := CASE WHEN found_prev THEN prev_digest END; m_to := v_digest;
              m_from_tags := berth.tags_of(v_repo, m_from, v_tag);
              m_to_tags := berth.tags_of(v_repo, v_digest, v_tag);
            END IF;
            -- Pulls by tag update the state too: a listener started on a busy registry learns tags from them.
            INSERT INTO berth.tag_state (repository, tag, digest, ts) VALUES (v_repo, v_tag, v_digest, v_ts)
              ON CONFLICT (repository, tag) DO UPDATE SET digest = excluded.digest, ts = excluded.ts;
          END IF;
        ELSIF v_digest IS NOT NULL AND v_kind NOT IN ('mount', 'other') THEN
          r_tags := berth.tags_of(v_repo, v_digest, NULL);
          IF cardinality(r_tags) = 0 THEN
            -- A child manifest of an index has no tag of its own; the index's tags are the next best answer.
            SELECT coalesce(array_agg(t ORDER BY t COLLATE "C"), '{}') INTO r_tags FROM (
              SELECT DISTINCT s.tag AS t FROM berth.manifest_refs r
              JOIN berth.tag_state s ON s.repository = r.repository AND s.digest = r.parent
              WHERE r.repository = v_repo AND r.child = v_digest) AS parents;
          END IF;
          r_res := CASE cardinality(r_tags) WHEN 0 THEN NULL WHEN 1 THEN 'resolved' ELSE 'ambiguous' END;
        END IF;
      END IF;
      INSERT INTO berth.events (id, ts, timestamp, action, kind, repository, tag, digest, media_type, size,
          actor, source_instance, request_id, request_method, user_agent, client_addr, received_at, is_blob,
          resolved_tags, resolution, raw)
        VALUES (v_id, v_ts, e->>'timestamp', e->>'action', v_kind, v_repo, v_tag, r_digest,
          e->>'mediaType', (e->>'size')::double precision, v_actor, e->>'sourceInstance', e->>'requestId',
          e->>'requestMethod', e->>'userAgent', e->>'clientAddr', (e->>'receivedAt')::bigint, v_blob,
          r_tags, r_res, e->>'raw')
        RETURNING seq INTO new_seq;
      IF has_move THEN
        INSERT INTO berth.tag_moves (seq, repository, tag, from_digest, to_digest, from_tags, to_tags, ts, actor)
          VALUES (new_seq, v_repo, v_tag, m_from, m_to, m_from_tags, m_to_tags, v_ts, v_actor);
      END IF;
      top := new_seq;
      o_ord := i; o_seq := new_seq; o_digest := r_digest; o_tags := r_tags; o_resolution := r_res;
      RETURN NEXT;
    END LOOP;
    IF top > 0 THEN
      -- Delivered at commit, to every LISTENing reader: "events up to this seq are stored".
      PERFORM pg_notify('${NOTIFY_CHANNEL}', top::text);
    END IF;
  END $$;
`;

// The replication queue (see ../replication-queue.ts); the same columns as SQLite's migration 2.
const V2_REPLICATION_QUEUE = `
  CREATE TABLE berth.replication_queue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_id text NOT NULL,
    event_id text NOT NULL,
    event_at bigint NOT NULL,             -- event time, epoch ms: orders entries of one tag
    action text NOT NULL,                 -- 'copy' | 'delete'
    source_registry text NOT NULL,
    source_repository text NOT NULL,
    tag text,
    digest text NOT NULL,
    target_registry text NOT NULL,
    target_repository text NOT NULL,
    state text NOT NULL,                  -- 'pending' | 'running' | 'done' | 'failed' | 'superseded'
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,      -- epoch ms
    last_error_code text,
    last_error_message text,
    counts_json text,
    lease_owner text,
    lease_until bigint,                   -- epoch ms
    created_at bigint NOT NULL,           -- epoch ms
    updated_at bigint NOT NULL,           -- epoch ms
    UNIQUE (event_id, rule_id)
  );
  CREATE INDEX replication_queue_due ON berth.replication_queue (state, next_attempt_at)
    WHERE state IN ('pending', 'running');
  CREATE INDEX replication_queue_rule_tag ON berth.replication_queue (rule_id, tag, event_at);
  CREATE INDEX replication_queue_rule_time ON berth.replication_queue (rule_id, updated_at);
`;

// The Activity screen hides Berth's own pulls and checks by default; without berth_read in the count tables'
// key that view scanned every event (half a second at a million). The rule is berthReadSql, the one the
// queries use: changing it changes this step's checksum, so a change must come as a new step that recounts.
// The tables are altered, not replaced, so a reader role's grants on them stay; they are recounted from the
// events (never updated or deleted) under INGEST_LOCK, so no listener's batch lands between count and commit.
const V3_BERTH_READ_COUNTS = `
  SELECT pg_advisory_xact_lock(${INGEST_LOCK});
  TRUNCATE berth.counts_hourly, berth.repo_counts_hourly;
  ALTER TABLE berth.counts_hourly ADD COLUMN berth_read boolean NOT NULL,
    DROP CONSTRAINT counts_hourly_pkey, ADD PRIMARY KEY (hour, kind, is_blob, berth_read);
  ALTER TABLE berth.repo_counts_hourly ADD COLUMN berth_read boolean NOT NULL,
    DROP CONSTRAINT repo_counts_hourly_pkey, ADD PRIMARY KEY (repository, hour, kind, is_blob, berth_read);
  -- One pass over the events; the totals are the per-repository counts summed.
  INSERT INTO berth.repo_counts_hourly (repository, hour, kind, is_blob, berth_read, n)
    SELECT repository, ts / 3600000000, kind, is_blob, ${berthReadSql()}, count(*) FROM berth.events
    GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO berth.counts_hourly (hour, kind, is_blob, berth_read, n)
    SELECT hour, kind, is_blob, berth_read, sum(n) FROM berth.repo_counts_hourly GROUP BY 1, 2, 3, 4;
  CREATE OR REPLACE FUNCTION berth.count_events() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO berth.counts_hourly AS c (hour, kind, is_blob, berth_read, n)
      SELECT ts / 3600000000, kind, is_blob, ${berthReadSql()}, count(*) FROM added GROUP BY 1, 2, 3, 4
      ON CONFLICT (hour, kind, is_blob, berth_read) DO UPDATE SET n = c.n + excluded.n;
    INSERT INTO berth.repo_counts_hourly AS c (repository, hour, kind, is_blob, berth_read, n)
      SELECT repository, ts / 3600000000, kind, is_blob, ${berthReadSql()}, count(*) FROM added
      GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (repository, hour, kind, is_blob, berth_read) DO UPDATE SET n = c.n + excluded.n;
    RETURN NULL;
  END $$;
`;

/** REPLICATION_LOCK serialises enqueues and claims across listeners, so superseding and "one running entry per tag" hold. */
export const REPLICATION_LOCK = 4_286_770_003;

/** PG_MIGRATIONS is the team store's schema, oldest first; ids are 1, 2, 3, … without gaps. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    id: 1,
    name: 'events, tag state, tag moves, hourly counts, ingest',
    sql: V1_TABLES + V1_TAGS_OF + V1_INGEST,
  },
  { id: 2, name: 'replication queue', sql: V2_REPLICATION_QUEUE },
  { id: 3, name: "hourly counts keep Berth's own reads apart", sql: V3_BERTH_READ_COUNTS },
];
