-- Fan-out on read: a video of a channel above videoplatform.notification.fanout.read-above
-- subscribers is not written to every subscriber's inbox. Its job row (finished at once, on_read)
-- is all that is stored; a subscriber's inbox query writes the row for that subscriber alone
-- when they read it (FanOutOnRead), with the same source_key as a fan-out on write would.
ALTER TABLE fanout_job ADD COLUMN on_read BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX fanout_job_on_read ON fanout_job (published_at DESC) WHERE on_read;
