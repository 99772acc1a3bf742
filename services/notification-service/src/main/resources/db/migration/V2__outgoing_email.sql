-- Emails waiting to be sent, being retried, or sent recently: one row per notification.email
-- event (its id). The sender claims a user's due rows by pushing due_at forward (a lease), then
-- marks them sent (message_id: the email that carried them, the event's own or a digest's), or
-- counts a failed attempt and backs off; failed_at once it gave up (the event is on the DLQ).
-- Sent rows are kept for a while: they are how the sender knows what a user got in the window.
CREATE TABLE outgoing_email (
    event_id    TEXT        PRIMARY KEY,
    user_id     TEXT        NOT NULL,
    envelope    BYTEA       NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    attempts    INTEGER     NOT NULL DEFAULT 0,
    last_error  TEXT        NOT NULL DEFAULT '',
    message_id  TEXT,
    sent_at     TIMESTAMPTZ,
    failed_at   TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX outgoing_email_due ON outgoing_email (due_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outgoing_email_sent ON outgoing_email (user_id, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX outgoing_email_age ON outgoing_email (created_at);
