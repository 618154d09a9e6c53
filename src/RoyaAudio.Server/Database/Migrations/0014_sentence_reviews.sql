-- Flagged sentences an editor heard and accepted, per rendition: a new rendition starts unreviewed.
CREATE TABLE IF NOT EXISTS sentence_reviews (
    rendition_id BIGINT NOT NULL,
    sentence_index INTEGER NOT NULL,
    accepted_by TEXT NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (rendition_id, sentence_index)
);
