-- One row per page view that played (a random id from its play token, nothing about the listener), so a
-- view counts one play and each quarter mark once, and a mark counts only after its play. Kept a day.
CREATE TABLE IF NOT EXISTS listening_views (
    view_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    marks BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS listening_views_by_age ON listening_views (created_at);
