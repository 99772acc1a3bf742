-- Devices registered for push (RegisterPushDevice): notification.push is produced only for
-- recipients with push enabled and at least one row here, and carries their devices. A token
-- belongs to one user at a time (the last to register it); a user keeps at most 10 (PushDevices).
-- platform is a videoplatform.notification.v1.PushPlatform number.
CREATE TABLE push_device (
    platform      SMALLINT    NOT NULL,
    token         TEXT        NOT NULL,
    user_id       TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, token)
);
CREATE INDEX push_device_user ON push_device (user_id, registered_at DESC);

-- Per reader, the videos fanned out on read (fanout_job event ids, recent ones only) already
-- merged into their inbox: a read merges only jobs not listed here, so a read with nothing new
-- costs neither a user-service call nor an INSERT. Rows untouched for longer than the retention
-- are swept (every job they list is gone by then).
CREATE TABLE on_read_merged (
    reader_id  TEXT        PRIMARY KEY,
    event_ids  TEXT[]      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX on_read_merged_age ON on_read_merged (updated_at);
