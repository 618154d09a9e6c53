-- One row per remote speech deployment: the schedule every worker process paces its requests by
-- (the next free slot, the share of the quota in force after 429s, and the epoch those 429s start).
-- Times are unix ms.
CREATE TABLE IF NOT EXISTS tts_budget (
    budget TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL,
    factor DOUBLE PRECISION NOT NULL,
    factor_at BIGINT NOT NULL,
    epoch BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
