-- Channel names, from user-service's user.updated (and from BatchGetUsers during a rebuild).
-- A channel's videos carry its display name (channel_name: matched, suggested, corrected) and
-- its username (channel_username: matched as an exact token), so either finds them.
CREATE TABLE channel (
    channel_id   TEXT        PRIMARY KEY,
    username     TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    -- The profile's update_time: a late or replayed event never rolls a name back.
    version      TIMESTAMPTZ NOT NULL
);

ALTER TABLE video ADD COLUMN channel_username TEXT NOT NULL DEFAULT '';

-- A rename rewrites every live row of the channel (listed or not: a banned video is listed
-- again by an un-ban, which does not rewrite names).
CREATE INDEX video_channel ON video (channel_id) WHERE NOT deleted;

-- The document gains the username (C, exact token). A generated column cannot be altered:
-- dropped (with its index) and added again.
ALTER TABLE video DROP COLUMN document;
ALTER TABLE video ADD COLUMN document TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('search_english', title), 'A')
        || setweight(to_tsvector('search_simple', title), 'A')
        || setweight(to_tsvector('search_english', search_tags_text(tags)), 'B')
        || setweight(to_tsvector('search_simple', search_tags_text(tags)), 'B')
        || setweight(to_tsvector('search_simple', channel_name), 'C')
        || setweight(to_tsvector('search_simple', channel_username), 'C')
        || setweight(to_tsvector('search_english', description), 'D')) STORED;
CREATE INDEX video_document ON video USING gin (document) WHERE listed;
