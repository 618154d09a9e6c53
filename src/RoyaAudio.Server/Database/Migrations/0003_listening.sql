-- Listening figures per article and day: counts only, nothing about the listener.
CREATE TABLE IF NOT EXISTS listening (
    article_id TEXT NOT NULL,
    day TEXT NOT NULL,
    plays BIGINT NOT NULL DEFAULT 0,
    reached_25 BIGINT NOT NULL DEFAULT 0,
    reached_50 BIGINT NOT NULL DEFAULT 0,
    reached_75 BIGINT NOT NULL DEFAULT 0,
    completed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
);
