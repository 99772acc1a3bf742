-- The number of live comments of a video, split over shards. Every AddComment and DeleteComment
-- changed the one video_thread row, so writes to a busy video queued on its row lock; each now
-- adds to one of 16 shard rows chosen at random, and a read sums the video's shards.
CREATE TABLE video_comment_count (
    video_id TEXT     NOT NULL,
    shard    SMALLINT NOT NULL,
    count    BIGINT   NOT NULL,
    PRIMARY KEY (video_id, shard)
);

INSERT INTO video_comment_count (video_id, shard, count)
SELECT video_id, 0, comment_count FROM video_thread WHERE comment_count <> 0;

ALTER TABLE video_thread DROP COLUMN comment_count;
