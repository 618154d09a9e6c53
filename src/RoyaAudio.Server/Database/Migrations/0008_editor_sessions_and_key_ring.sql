-- Editor sign-ins, so a sign-out ends a session on every node and a changed key ends its sessions,
-- and the data-protection key ring that seals the cookies, shared by every web node.
CREATE TABLE IF NOT EXISTS editor_sessions (
    id TEXT PRIMARY KEY,
    key_name TEXT NOT NULL,
    key_stamp TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT NULL
);
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name TEXT PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
