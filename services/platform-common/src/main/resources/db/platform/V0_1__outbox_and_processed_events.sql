-- Platform tables every data-owning service includes (flyway location classpath:db/platform).
-- Versions below 1 so that they always run before a service's own V1__ migrations.

-- Transactional outbox: a state change and its event are written in one transaction; the
-- OutboxRelay publishes rows in id order and marks them sent.
CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    event_id      TEXT        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    aggregate_key TEXT        NOT NULL,
    envelope      BYTEA       NOT NULL,
    traceparent   TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ
);
CREATE INDEX outbox_event_unsent ON outbox_event (id) WHERE sent_at IS NULL;

-- Idempotent consumption: an event id is processed at most once per consumer group, in the
-- same transaction as its effects.
CREATE TABLE processed_event (
    consumer_group TEXT        NOT NULL,
    event_id       TEXT        NOT NULL,
    processed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
