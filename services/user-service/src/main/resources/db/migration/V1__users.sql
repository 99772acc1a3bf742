-- Accounts. Usernames are stored lower-case; emails keep their case but are unique
-- case-insensitively.
CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    username          TEXT        NOT NULL,
    email             TEXT        NOT NULL,
    display_name      TEXT        NOT NULL,
    bio               TEXT        NOT NULL DEFAULT '',
    avatar_url        TEXT        NOT NULL DEFAULT '',
    password_hash     TEXT        NOT NULL,
    roles             TEXT[]      NOT NULL DEFAULT '{user}',
    suspended         BOOLEAN     NOT NULL DEFAULT false,
    subscriber_count  BIGINT      NOT NULL DEFAULT 0,
    create_request_id TEXT UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Refresh tokens, stored as SHA-256 hashes. A token is used once (rotation); presenting a used
-- token again revokes its whole family (every token descended from the same login).
CREATE TABLE refresh_tokens (
    token_hash BYTEA PRIMARY KEY,
    family_id  TEXT        NOT NULL,
    user_id    TEXT        NOT NULL REFERENCES users (id),
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_live_by_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Channel subscriptions (a channel is a user).
CREATE TABLE subscriptions (
    subscriber_id TEXT        NOT NULL REFERENCES users (id),
    channel_id    TEXT        NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, channel_id)
);
CREATE INDEX subscriptions_by_channel ON subscriptions (channel_id, created_at DESC, subscriber_id DESC);
CREATE INDEX subscriptions_by_subscriber ON subscriptions (subscriber_id, created_at DESC, channel_id DESC);
