-- The video catalog. Status moves PROCESSING → READY / FAILED (saga), BANNED and back, DELETED.
CREATE TABLE videos (
    id               TEXT PRIMARY KEY,
    channel_id       TEXT        NOT NULL,
    title            TEXT        NOT NULL,
    description      TEXT        NOT NULL DEFAULT '',
    tags             TEXT[]      NOT NULL DEFAULT '{}',
    visibility       TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    status_before_ban TEXT,
    failure_reason   TEXT        NOT NULL DEFAULT '',
    progress_percent INT         NOT NULL DEFAULT 0,
    comments_enabled BOOLEAN     NOT NULL DEFAULT true,
    raw_blob_key     TEXT,
    hls_prefix       TEXT,
    poster_key       TEXT,
    duration_millis  BIGINT,
    renditions       BYTEA,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at     TIMESTAMPTZ,
    deleted_at       TIMESTAMPTZ
);
CREATE INDEX videos_by_channel ON videos (channel_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- Resumable upload sessions; bytes live in the blob store's scratch area until completion.
CREATE TABLE upload_sessions (
    id               TEXT PRIMARY KEY,
    video_id         TEXT        NOT NULL UNIQUE,
    owner_id         TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    size_bytes       BIGINT      NOT NULL,
    committed_bytes  BIGINT      NOT NULL DEFAULT 0,
    content_type     TEXT        NOT NULL,
    sha256           TEXT        NOT NULL DEFAULT '',
    title            TEXT        NOT NULL,
    description      TEXT        NOT NULL DEFAULT '',
    tags             TEXT[]      NOT NULL DEFAULT '{}',
    visibility       TEXT        NOT NULL,
    comments_enabled BOOLEAN     NOT NULL DEFAULT true,
    renditions       TEXT[]      NOT NULL DEFAULT '{}',
    file_name        TEXT        NOT NULL DEFAULT '',
    request_id       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ NOT NULL,
    completed_at     TIMESTAMPTZ,
    UNIQUE (owner_id, request_id)
);
CREATE INDEX upload_sessions_active_by_owner ON upload_sessions (owner_id) WHERE state = 'ACTIVE';
CREATE INDEX upload_sessions_expiring ON upload_sessions (expires_at) WHERE state = 'ACTIVE';
CREATE INDEX upload_sessions_by_owner_time ON upload_sessions (owner_id, created_at);
