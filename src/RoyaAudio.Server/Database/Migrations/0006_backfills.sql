-- Backfills: an editor's request to render part of the archive, paged through by one job at the
-- configured rate. The cursor says where the next page starts, so a restart resumes, never repeats.
CREATE TABLE IF NOT EXISTS backfills (
    id $identity$,
    requested_by TEXT NOT NULL,
    language TEXT NULL,
    article_ids TEXT NULL,
    total BIGINT NOT NULL,
    queued BIGINT NOT NULL DEFAULT 0,
    not_published TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    cursor_received_at BIGINT NULL,
    cursor_id TEXT NULL,
    cursor_index BIGINT NOT NULL DEFAULT 0,
    job_id TEXT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT NULL
);
