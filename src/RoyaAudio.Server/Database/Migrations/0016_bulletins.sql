-- Daily bulletins: one row per build of a language's bulletin for a local day, and an editor's pick of stories.
CREATE TABLE IF NOT EXISTS bulletins (
    id $identity$,
    language TEXT NOT NULL,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NULL,
    requested_by TEXT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT NULL,
    mp3_key TEXT NULL,
    bytes BIGINT NULL,
    duration_ms BIGINT NULL,
    manifest TEXT NULL
);
CREATE INDEX IF NOT EXISTS bulletins_by_language ON bulletins (language, id);
CREATE TABLE IF NOT EXISTS bulletin_picks (
    language TEXT NOT NULL,
    day TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    picked_by TEXT NOT NULL,
    picked_at BIGINT NOT NULL,
    PRIMARY KEY (language, day)
);
