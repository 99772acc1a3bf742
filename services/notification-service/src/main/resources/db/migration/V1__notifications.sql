-- The inbox: one row per (cause, recipient). source_key is the causing event's id (the first
-- event's for a batched NEW_SUBSCRIBER row), so a redelivered event or a resumed fan-out never
-- notifies anyone twice.
CREATE TABLE notification (
    id              TEXT        PRIMARY KEY,
    recipient_id    TEXT        NOT NULL,
    source_key      TEXT        NOT NULL,
    kind            SMALLINT    NOT NULL,
    title           TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    video_id        TEXT        NOT NULL DEFAULT '',
    comment_id      TEXT        NOT NULL DEFAULT '',
    actor_id        TEXT        NOT NULL DEFAULT '',
    -- How many causes a batched row stands for ("5 new subscribers"); 1 otherwise.
    cause_count     INTEGER     NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    read_at         TIMESTAMPTZ,
    UNIQUE (source_key, recipient_id)
);
-- Newest first per recipient (keyset pages), the unread count, and the retention sweep.
CREATE INDEX notification_inbox ON notification (recipient_id, created_at DESC, id DESC);
CREATE INDEX notification_unread ON notification (recipient_id, created_at) WHERE read_at IS NULL;
CREATE INDEX notification_age ON notification (created_at);

-- Per-user preferences; users without a row have the defaults (NotificationPreferences).
-- Deliveries are videoplatform.notification.v1.Delivery numbers.
CREATE TABLE preferences (
    user_id           TEXT        PRIMARY KEY,
    email_enabled     BOOLEAN     NOT NULL,
    push_enabled      BOOLEAN     NOT NULL,
    new_video         SMALLINT    NOT NULL,
    comment_reply     SMALLINT    NOT NULL,
    new_comment       SMALLINT    NOT NULL,
    new_subscriber    SMALLINT    NOT NULL,
    muted_channel_ids TEXT[]      NOT NULL DEFAULT '{}',
    updated_at        TIMESTAMPTZ NOT NULL
);

-- One fan-out of a video.published to the channel's subscribers. page_token is user-service's
-- token for the next page of subscribers: it advances in the same transaction as the page's
-- inbox rows, so a crashed fan-out resumes where it stopped. A replica works on a job while its
-- lease lasts; an expired lease (the replica died) lets another take over.
CREATE TABLE fanout_job (
    event_id     TEXT        PRIMARY KEY,
    channel_id   TEXT        NOT NULL,
    video_id     TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    body         TEXT        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    page_token   TEXT        NOT NULL DEFAULT '',
    pages_done   INTEGER     NOT NULL DEFAULT 0,
    lease_until  TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX fanout_job_open ON fanout_job (created_at) WHERE finished_at IS NULL;
