-- A suspended user's videos leave the results until they are reinstated (admin.user.suspended /
-- reinstated). The channel row remembers the suspension (a video indexed later takes it from
-- there, as it takes the names); its version, the event's occurred-at, lets a late or replayed
-- event never undo a newer decision.
ALTER TABLE channel ADD COLUMN suspended BOOLEAN NOT NULL DEFAULT false,
                    ADD COLUMN suspension_version TIMESTAMPTZ;
ALTER TABLE video ADD COLUMN channel_suspended BOOLEAN NOT NULL DEFAULT false;

-- "listed" gains the suspension. A generated column cannot be altered: the triggers and partial
-- indexes that read it are dropped with it and made again as V1 made them.
DROP TRIGGER video_suggestions_inserted ON video;
DROP TRIGGER video_suggestions_deleted ON video;
DROP TRIGGER video_suggestions_updated ON video;
DROP TRIGGER video_lexicon_inserted ON video;
DROP TRIGGER video_lexicon_deleted ON video;
DROP TRIGGER video_lexicon_updated ON video;
ALTER TABLE video DROP COLUMN listed CASCADE;
ALTER TABLE video ADD COLUMN listed BOOLEAN GENERATED ALWAYS AS
    (public AND ready AND NOT banned AND NOT deleted AND NOT channel_suspended) STORED;

CREATE INDEX video_document ON video USING gin (document) WHERE listed;
CREATE INDEX video_by_date ON video (published_at DESC, video_id DESC) WHERE listed;
CREATE INDEX video_by_views ON video (view_count DESC, video_id DESC) WHERE listed;
CREATE INDEX video_by_channel ON video (channel_id, published_at DESC) WHERE listed;

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
