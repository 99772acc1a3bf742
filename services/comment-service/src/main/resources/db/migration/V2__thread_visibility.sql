-- Whether only the video's owner (and admins) may read its thread: the video is PRIVATE, as the
-- catalog last said (its answer to AddComment, or video.updated). catalog_at is that answer's
-- update_time, so an older answer arriving late never undoes a newer one.
ALTER TABLE video_thread ADD COLUMN owner_only BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE video_thread ADD COLUMN catalog_at TIMESTAMPTZ;
