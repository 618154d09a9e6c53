-- The schema of the first service release, as it shipped. Every database starts here; later scripts
-- bring it to today's. IF NOT EXISTS because databases made before the journal already hold these tables.
-- $identity$ is the one difference between PostgreSQL and SQLite. Times are unix milliseconds and flags
-- 0/1 integers, so the same queries run on both.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    script_hash TEXT NOT NULL,
    characters BIGINT NOT NULL,
    published BIGINT NOT NULL,
    auto_regenerate BIGINT NOT NULL DEFAULT 1,
    received_at BIGINT NOT NULL,
    current_rendition_id BIGINT NULL
);
CREATE TABLE IF NOT EXISTS renditions (
    id $identity$,
    article_id TEXT NOT NULL,
    script_hash TEXT NOT NULL,
    engine TEXT NOT NULL,
    voice TEXT NULL,
    queue TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_owner TEXT NULL,
    lease_until BIGINT NULL,
    created_at BIGINT NOT NULL,
    enqueued_at BIGINT NULL,
    job_id TEXT NULL,
    started_at BIGINT NULL,
    finished_at BIGINT NULL,
    retired_at BIGINT NULL,
    collected_at BIGINT NULL,
    mp3_key TEXT NULL,
    vtt_key TEXT NULL,
    bytes BIGINT NULL,
    duration_ms BIGINT NULL,
    characters BIGINT NULL,
    cost_usd DOUBLE PRECISION NULL,
    manifest TEXT NULL
);
CREATE INDEX IF NOT EXISTS renditions_by_article ON renditions (article_id, id);
CREATE INDEX IF NOT EXISTS renditions_by_status ON renditions (status);
CREATE TABLE IF NOT EXISTS lexicon (
    language TEXT NOT NULL,
    term TEXT NOT NULL,
    spoken TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (language, term)
);
