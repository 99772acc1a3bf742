-- The effect a test consumer records for each event it handles (no unique key on purpose:
-- only the idempotent consumer stands between a duplicate and a second row).
CREATE TABLE probe_effect (
    event_id   TEXT NOT NULL,
    trace_id   TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
