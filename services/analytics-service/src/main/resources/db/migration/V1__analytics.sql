-- Read model of the Kafka Streams aggregation (the stores' changelogs are the source of truth).
-- Every row carries the aggregate's version: writes are upserts that only a higher version wins,
-- so a replayed flush after a crash or rebalance is harmless whatever order it lands in.

-- All-time counters of a video.
CREATE TABLE video_stats (
    video_id            text PRIMARY KEY,
    view_count          bigint NOT NULL,
    unique_viewer_count bigint NOT NULL,
    watch_millis        bigint NOT NULL,
    version             bigint NOT NULL,
    update_time         timestamptz NOT NULL
);

-- Views and watch time per video and hour (tumbling windows); trending ranks from these.
CREATE TABLE video_hour (
    video_id     text NOT NULL,
    hour         timestamptz NOT NULL,
    view_count   bigint NOT NULL,
    watch_millis bigint NOT NULL,
    version      bigint NOT NULL,
    PRIMARY KEY (video_id, hour)
);
CREATE INDEX video_hour_by_hour ON video_hour (hour, video_id);

-- Whether a video may trend (known, PUBLIC, not banned, not deleted), from catalog and moderation events.
CREATE TABLE video_listing (
    video_id text PRIMARY KEY,
    listed   boolean NOT NULL,
    deleted  boolean NOT NULL,
    version  bigint NOT NULL
);
