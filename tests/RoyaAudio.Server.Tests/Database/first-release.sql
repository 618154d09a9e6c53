-- The schema the first service release laid (its Database/Schema.cs) and rows such a database held, taken from
-- history as they were. {0} stands for the identity column, the one part that release wrote differently per database.
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
    id {0},
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
-- Rows such a database held: a published article with its ready audio, an article still waiting, a lexicon entry.
INSERT INTO articles (id, language, title, source, script_hash, characters, published, auto_regenerate, received_at, current_rendition_id)
VALUES ('old-story', 'en', 'A story from the first release', '{"id":"old-story","language":"en","title":"A story from the first release","body":"<p>The old bridge reopened on Monday.</p>","status":"published"}', 'old-hash', 60, 1, 1, 1764000000000, 1),
       ('old-waiting', 'en', 'A story that was still waiting', '{"id":"old-waiting","language":"en","title":"A story that was still waiting","body":"<p>The market opened late.</p>","status":"published"}', 'old-hash-2', 50, 1, 1, 1764000001000, NULL);
INSERT INTO renditions (article_id, script_hash, engine, voice, queue, status, attempts, created_at, enqueued_at, started_at, finished_at, mp3_key, vtt_key, bytes, duration_ms, characters, cost_usd, manifest)
VALUES ('old-story', 'old-hash', 'espeak', NULL, 'publish', 'ready', 1, 1764000000000, 1764000000000, 1764000000500, 1764000003000, 'audio/old-story/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.mp3', 'audio/old-story/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.vtt', 12345, 4200, 60, 0,
        '{"articleId":"old-story","language":"en","durationMs":4200,"scriptHash":"old-hash","engine":"espeak","model":"espeak-ng","voice":"en","disclosure":"AI technology was used to generate this article''s audio.","sentences":[{"index":0,"paragraph":0,"text":"A story from the first release.","startMs":0,"endMs":1900},{"index":1,"paragraph":1,"text":"The old bridge reopened on Monday.","startMs":2300,"endMs":4200}],"characters":60,"requests":2,"retries":0,"estimatedCostUsd":0,"cacheHits":0,"units":2,"loudnessLufs":-16.1,"truePeakDbtp":-1.6,"bitrateKbps":64,"sampleRate":24000,"bytes":12345,"renderedAt":"2025-11-24T16:00:03+00:00"}');
INSERT INTO lexicon (language, term, spoken, updated_at) VALUES ('en', 'Nowruz', 'No-rooz', 1764000000000);
