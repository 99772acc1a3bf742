-- Reports: one OPEN report per user and video (reporting again updates it). Priority is not
-- stored: it is the number of OPEN reports of the video (= distinct reporters) at read time.
CREATE TABLE report (
    id             TEXT PRIMARY KEY,
    video_id       TEXT        NOT NULL,
    reporter_id    TEXT        NOT NULL,
    reason         SMALLINT    NOT NULL,
    details        TEXT        NOT NULL DEFAULT '',
    state          SMALLINT    NOT NULL DEFAULT 1,
    request_id     TEXT UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at    TIMESTAMPTZ,
    resolver_id    TEXT        NOT NULL DEFAULT '',
    resolve_reason TEXT        NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX report_one_open_per_reporter ON report (video_id, reporter_id) WHERE state = 1;
CREATE INDEX report_queue ON report (created_at, id);
CREATE INDEX report_open_by_video ON report (video_id) WHERE state = 1;

-- The moderation state this service decides (the owning services apply it from the events).
CREATE TABLE video_ban (
    video_id       TEXT PRIMARY KEY,
    channel_id     TEXT NOT NULL,
    audit_entry_id TEXT NOT NULL
);

CREATE TABLE user_suspension (
    user_id        TEXT PRIMARY KEY,
    audit_entry_id TEXT NOT NULL,
    end_time       TIMESTAMPTZ
);
CREATE INDEX user_suspension_expiring ON user_suspension (end_time) WHERE end_time IS NOT NULL;

-- The audit log: append-only and hash-chained. seq is the position in the chain; hash =
-- SHA-256(previous_hash || canonical encoding of the entry), see service/AuditChain.
CREATE TABLE audit_entry (
    seq                BIGINT PRIMARY KEY,
    id                 TEXT        NOT NULL UNIQUE,
    action             SMALLINT    NOT NULL,
    actor_id           TEXT        NOT NULL,
    video_id           TEXT        NOT NULL DEFAULT '',
    user_id            TEXT        NOT NULL DEFAULT '',
    report_id          TEXT        NOT NULL DEFAULT '',
    reason             TEXT        NOT NULL,
    copyright_claimant TEXT        NOT NULL DEFAULT '',
    end_time           TIMESTAMPTZ,
    request_id         TEXT UNIQUE,
    trace_id           TEXT        NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ NOT NULL,
    previous_hash      TEXT        NOT NULL,
    hash               TEXT        NOT NULL
);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, seq);
CREATE INDEX audit_entry_video ON audit_entry (video_id, seq) WHERE video_id <> '';
CREATE INDEX audit_entry_user ON audit_entry (user_id, seq) WHERE user_id <> '';
CREATE INDEX audit_entry_time ON audit_entry (created_at);

-- The chain's head: one row, locked FOR UPDATE by every append, so entries are chained one at a
-- time in commit order, each in the same transaction as its action and outbox event.
CREATE TABLE audit_head (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    seq      BIGINT NOT NULL,
    hash     TEXT   NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64));

-- Append-only. The trigger is the real guard: the devstack's role (and a cluster's owner role)
-- may be a superuser, whom REVOKE does not bind. Disabling the trigger takes a deliberate DBA
-- act, and the hash chain then still shows what was changed.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM CURRENT_USER;
