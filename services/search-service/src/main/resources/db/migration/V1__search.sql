-- The search read model: one row per video ever announced, fed only by events (CQRS; this
-- service never reads the catalog's database). Only "listed" rows (PUBLIC, READY, not banned,
-- not deleted) are ever returned; the rest stay as tombstones so that a late or replayed event
-- cannot bring a deleted or banned video back.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent(text) is only STABLE (it finds its dictionary through search_path), so it cannot
-- feed an index or a generated column; naming the dictionary makes the result fixed.
CREATE FUNCTION search_fold(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- array_to_string is STABLE in general (element output functions); for text[] it is fixed.
CREATE FUNCTION search_tags_text(tags TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_to_string(tags, ' ') $$;

-- Full-text configurations that fold accents before stemming (english) or before keeping the
-- exact token (simple, for names and words the stemmer would mangle). ts_headline uses them too,
-- so "cafe" marks "Café" in a snippet.
CREATE TEXT SEARCH CONFIGURATION search_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION search_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION search_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION search_simple
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word WITH unaccent, simple;

CREATE TABLE video (
    video_id        TEXT PRIMARY KEY,
    channel_id      TEXT        NOT NULL,
    channel_name    TEXT        NOT NULL DEFAULT '',
    title           TEXT        NOT NULL DEFAULT '',
    description     TEXT        NOT NULL DEFAULT '',
    tags            TEXT[]      NOT NULL DEFAULT '{}',
    duration_ms     BIGINT      NOT NULL DEFAULT 0,
    published_at    TIMESTAMPTZ NOT NULL,
    poster_url      TEXT        NOT NULL DEFAULT '',
    view_count      BIGINT      NOT NULL DEFAULT 0,
    public          BOOLEAN     NOT NULL DEFAULT false,
    ready           BOOLEAN     NOT NULL DEFAULT false,
    banned          BOOLEAN     NOT NULL DEFAULT false,
    deleted         BOOLEAN     NOT NULL DEFAULT false,
    -- Out-of-order guards: the occurred-at of the last event applied from each source. The
    -- catalog (upload), moderation (admin) and analytics write different topics, so each
    -- source is ordered only against itself.
    content_version TIMESTAMPTZ NOT NULL,
    ban_version     TIMESTAMPTZ,
    counts_version  TIMESTAMPTZ,
    listed          BOOLEAN GENERATED ALWAYS AS (public AND ready AND NOT banned AND NOT deleted) STORED,
    -- Title > tags > channel name > description; titles and tags also as exact tokens.
    document        TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('search_english', title), 'A')
        || setweight(to_tsvector('search_simple', title), 'A')
        || setweight(to_tsvector('search_english', search_tags_text(tags)), 'B')
        || setweight(to_tsvector('search_simple', search_tags_text(tags)), 'B')
        || setweight(to_tsvector('search_simple', channel_name), 'C')
        || setweight(to_tsvector('search_english', description), 'D')) STORED
);
CREATE INDEX video_document ON video USING gin (document) WHERE listed;
CREATE INDEX video_by_date ON video (published_at DESC, video_id DESC) WHERE listed;
CREATE INDEX video_by_views ON video (view_count DESC, video_id DESC) WHERE listed;
CREATE INDEX video_by_channel ON video (channel_id, published_at DESC) WHERE listed;

-- Autocomplete: every distinct title, tag and channel name of the listed videos (folded), with
-- the number of videos and the views behind it. The indexes on the first 1, 2 and 3 characters
-- hold the rows in popularity order, so a short prefix reads its best rows and stops.
CREATE TABLE suggestion (
    phrase      TEXT    PRIMARY KEY,
    display     TEXT    NOT NULL,
    video_count INTEGER NOT NULL,
    views       BIGINT  NOT NULL,
    weight      BIGINT GENERATED ALWAYS AS (views + video_count) STORED
);
CREATE INDEX suggestion_prefix1 ON suggestion ((left(phrase, 1)), weight DESC, phrase);
CREATE INDEX suggestion_prefix2 ON suggestion ((left(phrase, 2)), weight DESC, phrase);
CREATE INDEX suggestion_prefix3 ON suggestion ((left(phrase, 3)), weight DESC, phrase);

-- "Did you mean": the folded words of listed titles, tags and channel names, found by trigram
-- similarity when a query word is unknown.
CREATE TABLE lexicon (
    word        TEXT    PRIMARY KEY,
    video_count INTEGER NOT NULL
);
CREATE INDEX lexicon_trgm ON lexicon USING gin (word gin_trgm_ops);

CREATE FUNCTION video_phrases(title TEXT, tags TEXT[], channel_name TEXT)
    RETURNS TABLE (phrase TEXT, display TEXT) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT ON (search_fold(t)) search_fold(t), t
    FROM (SELECT btrim(title) UNION ALL SELECT btrim(unnest(tags)) UNION ALL SELECT btrim(channel_name)) AS p (t)
    WHERE t <> ''
    ORDER BY search_fold(t), t
$$;

CREATE FUNCTION video_words(title TEXT, tags TEXT[], channel_name TEXT)
    RETURNS SETOF TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT w
    FROM regexp_split_to_table(search_fold(title || ' ' || search_tags_text(tags) || ' ' || channel_name),
                               '[^[:alnum:]]+') AS w
    WHERE length(w) >= 2
$$;

-- Keep suggestion and lexicon equal to what the listed rows imply, whatever wrote the row (a
-- consumer or a rebuild). Deltas are applied in key order so concurrent writers lock alike. Two
-- triggers, so that a view count (the most frequent change) does not touch the lexicon.
CREATE FUNCTION video_suggestions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone TEXT[];
BEGIN
    WITH delta AS (
        SELECT phrase, max(display) AS display, sum(n)::INTEGER AS n, sum(views) AS views
        FROM (SELECT p.phrase, p.display, 1 AS n, NEW.view_count AS views
              FROM video_phrases(NEW.title, NEW.tags, NEW.channel_name) p
              WHERE TG_OP <> 'DELETE' AND NEW.listed
              UNION ALL
              SELECT p.phrase, NULL, -1, -OLD.view_count
              FROM video_phrases(OLD.title, OLD.tags, OLD.channel_name) p
              WHERE TG_OP <> 'INSERT' AND OLD.listed) AS c
        GROUP BY phrase
        HAVING sum(n) <> 0 OR sum(views) <> 0)
    , applied AS (
        INSERT INTO suggestion AS s (phrase, display, video_count, views)
        SELECT phrase, coalesce(display, phrase), n, views FROM delta ORDER BY phrase
        ON CONFLICT (phrase) DO UPDATE SET video_count = s.video_count + excluded.video_count,
                                           views = s.views + excluded.views
        RETURNING phrase, video_count)
    SELECT array_agg(phrase) INTO gone FROM applied WHERE video_count <= 0;
    DELETE FROM suggestion WHERE phrase = ANY (gone);
    RETURN NULL;
END
$$;

CREATE FUNCTION video_lexicon_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone TEXT[];
BEGIN
    WITH delta AS (
        SELECT word, sum(n)::INTEGER AS n
        FROM (SELECT w AS word, 1 AS n FROM video_words(NEW.title, NEW.tags, NEW.channel_name) w
              WHERE TG_OP <> 'DELETE' AND NEW.listed
              UNION ALL
              SELECT w, -1 FROM video_words(OLD.title, OLD.tags, OLD.channel_name) w
              WHERE TG_OP <> 'INSERT' AND OLD.listed) AS c
        GROUP BY word
        HAVING sum(n) <> 0)
    , applied AS (
        INSERT INTO lexicon AS l (word, video_count)
        SELECT word, n FROM delta ORDER BY word
        ON CONFLICT (word) DO UPDATE SET video_count = l.video_count + excluded.video_count
        RETURNING word, video_count)
    SELECT array_agg(word) INTO gone FROM applied WHERE video_count <= 0;
    DELETE FROM lexicon WHERE word = ANY (gone);
    RETURN NULL;
END
$$;

CREATE TRIGGER video_suggestions_inserted AFTER INSERT ON video
    FOR EACH ROW WHEN (NEW.listed) EXECUTE FUNCTION video_suggestions_changed();
CREATE TRIGGER video_suggestions_deleted AFTER DELETE ON video
    FOR EACH ROW WHEN (OLD.listed) EXECUTE FUNCTION video_suggestions_changed();
CREATE TRIGGER video_suggestions_updated AFTER UPDATE ON video
    FOR EACH ROW WHEN (OLD.listed IS DISTINCT FROM NEW.listed OR OLD.title IS DISTINCT FROM NEW.title
                       OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.channel_name IS DISTINCT FROM NEW.channel_name
                       OR (NEW.listed AND OLD.view_count IS DISTINCT FROM NEW.view_count))
    EXECUTE FUNCTION video_suggestions_changed();

CREATE TRIGGER video_lexicon_inserted AFTER INSERT ON video
    FOR EACH ROW WHEN (NEW.listed) EXECUTE FUNCTION video_lexicon_changed();
CREATE TRIGGER video_lexicon_deleted AFTER DELETE ON video
    FOR EACH ROW WHEN (OLD.listed) EXECUTE FUNCTION video_lexicon_changed();
CREATE TRIGGER video_lexicon_updated AFTER UPDATE ON video
    FOR EACH ROW WHEN (OLD.listed IS DISTINCT FROM NEW.listed OR OLD.title IS DISTINCT FROM NEW.title
                       OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.channel_name IS DISTINCT FROM NEW.channel_name)
    EXECUTE FUNCTION video_lexicon_changed();
