-- comment-service's own database ("comments"). The outbox and processed_event tables come from
-- platform-common (db/platform).

-- Rank of a comment in the TOP order: the lower bound of the 95 % Wilson score interval of its
-- up-vote share, plus a recency term that grows by 1 for every 14 days of creation time after a
-- fixed epoch (2024-01-01). The term depends only on the creation time, so a score changes only
-- when a vote does: it is computed on write and stored, and a page of the TOP order is an index
-- scan. (Equivalent to letting older comments' scores decay, without ever rewriting them.)
CREATE FUNCTION comment_top_score(up BIGINT, down BIGINT, created_at TIMESTAMPTZ) RETURNS DOUBLE PRECISION
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN up + down = 0 THEN 0.0 ELSE
               ((up::float8 / (up + down)) + 1.9208 / (up + down)
                - 1.96 * sqrt(up::float8 * down / (up + down) + 0.9604) / (up + down))
               / (1 + 3.8416 / (up + down))
           END
           + extract(epoch FROM created_at - TIMESTAMPTZ '2024-01-01 00:00:00+00') / 1209600.0
$$;

-- One row per video that has had comments or moderation: the owner (for delete/pin rights and
-- "liked by owner"), the ban flag from admin's events, the pinned comment and the live count.
CREATE TABLE video_thread (
    video_id          TEXT PRIMARY KEY,
    channel_id        TEXT        NOT NULL,
    banned            BOOLEAN     NOT NULL DEFAULT false,
    -- occurred-at of the moderation event applied last (older ones are ignored)
    moderated_at      TIMESTAMPTZ,
    pinned_comment_id UUID,
    comment_count     BIGINT      NOT NULL DEFAULT 0
);

-- Comments and replies (one level: parent_id is always a top-level comment). Deletion is soft:
-- deleted rows keep their place (a top-level one is shown as "deleted" while it has replies).
CREATE TABLE comment (
    comment_id         UUID PRIMARY KEY,
    video_id           TEXT        NOT NULL,
    parent_id          UUID REFERENCES comment (comment_id) ON DELETE CASCADE,
    -- for replies: the author of the comment answered (the parent's, or a sibling reply's)
    reply_to_author_id TEXT,
    author_id          TEXT        NOT NULL,
    text               TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    edited_at          TIMESTAMPTZ,
    deleted            BOOLEAN     NOT NULL DEFAULT false,
    up_count           BIGINT      NOT NULL DEFAULT 0,
    down_count         BIGINT      NOT NULL DEFAULT 0,
    -- live (not deleted) replies; top-level comments only
    reply_count        BIGINT      NOT NULL DEFAULT 0,
    top_score          DOUBLE PRECISION NOT NULL,
    request_id         TEXT
);
-- The two orders of top-level comments (scanned backwards for "highest/newest first").
CREATE INDEX comment_top ON comment (video_id, top_score, comment_id) WHERE parent_id IS NULL;
CREATE INDEX comment_newest ON comment (video_id, comment_id) WHERE parent_id IS NULL;
-- Replies of a thread, oldest first.
CREATE INDEX comment_replies ON comment (parent_id, comment_id) WHERE parent_id IS NOT NULL;
-- An author's recent comments (spam guard) and retried AddComment calls.
CREATE INDEX comment_author_recent ON comment (author_id, created_at);
CREATE UNIQUE INDEX comment_request ON comment (author_id, request_id) WHERE request_id IS NOT NULL;

-- One vote per user and comment; vote 1 = up, 2 = down (the contract's Vote numbers).
CREATE TABLE comment_vote (
    comment_id UUID     NOT NULL REFERENCES comment (comment_id) ON DELETE CASCADE,
    user_id    TEXT     NOT NULL,
    vote       SMALLINT NOT NULL CHECK (vote IN (1, 2)),
    PRIMARY KEY (comment_id, user_id)
);

-- Suspension state of authors from admin's events: a suspended author's comments are hidden.
CREATE TABLE author_moderation (
    user_id    TEXT PRIMARY KEY,
    suspended  BOOLEAN     NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
