-- On an S3 store an upload session is a multipart upload of its raw key: the bytes live in the
-- bucket as acknowledged parts, so any replica can take the session over. committed_bytes is the
-- sum of the parts' sizes.
ALTER TABLE upload_sessions ADD COLUMN multipart_upload_id TEXT;
-- Fixed when the multipart upload starts, so part numbers stay offset / part size + 1 even if
-- the configured part size changes while the session is open.
ALTER TABLE upload_sessions ADD COLUMN part_size_bytes BIGINT;

CREATE TABLE upload_parts (
    upload_id   TEXT    NOT NULL REFERENCES upload_sessions (id) ON DELETE CASCADE,
    part_number INTEGER NOT NULL,
    etag        TEXT    NOT NULL,
    size_bytes  BIGINT  NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);
