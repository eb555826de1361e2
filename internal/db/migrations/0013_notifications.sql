-- Notifications: what reaches a user inside gaoxin (the bell), what each
-- user chose to receive by e-mail as well, the chat-tool webhooks the
-- office configured, and the outbox through which e-mails and webhook
-- calls leave. Outbox rows are written in the same transaction as the
-- event that caused them, so that an event is never committed without
-- its messages, nor a message sent for an event that was rolled back.

-- One row per recipient and event, in the recipient's language.
CREATE TABLE notifications (
    id          {{id}},
    user_id     BIGINT NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    created_at  {{ts}} NOT NULL,
    read_at     {{ts}}
);
CREATE INDEX notifications_user ON notifications(user_id, id);
-- The bell counts unread rows on every page: keep only those in an index.
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- A user's address for notifications (users has none) and the kinds of
-- event that reach them by e-mail as well, comma-separated. In-app
-- notifications are always on. No row: no e-mail.
CREATE TABLE notify_prefs (
    user_id     BIGINT PRIMARY KEY REFERENCES users(id),
    email       TEXT NOT NULL DEFAULT '',
    email_kinds TEXT NOT NULL DEFAULT '',
    updated_at  {{ts}} NOT NULL
);

-- Custom robots of chat tools (and plain JSON receivers). events is the
-- comma-separated kinds the hook receives; unit_id, when set, narrows it
-- to events about that unit's subtree.
CREATE TABLE notify_webhooks (
    id          {{id}},
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('dingtalk', 'wecom', 'feishu', 'generic')),
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL DEFAULT '',
    events      TEXT NOT NULL DEFAULT '',
    unit_id     BIGINT REFERENCES units(id),
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  {{ts}} NOT NULL,
    updated_at  {{ts}} NOT NULL
);

-- Every e-mail and webhook call to make. delivery_id stays the same over
-- every attempt, so a receiver can drop a repeat. A deliverer claims a row
-- by setting claimed_until (a lease) and claim_token; a claim whose
-- instance died expires by itself. webhook_id has no foreign key: the
-- history of a deleted webhook's deliveries is kept.
CREATE TABLE notify_outbox (
    id              {{id}},
    delivery_id     TEXT NOT NULL UNIQUE,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    target          TEXT NOT NULL,
    webhook_id      BIGINT,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{ts}} NOT NULL,
    claimed_until   {{ts}},
    claim_token     TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    delivered_at    {{ts}}
);
CREATE INDEX notify_outbox_due ON notify_outbox(state, next_attempt_at);
CREATE INDEX notify_outbox_claim ON notify_outbox(claim_token);
CREATE INDEX notify_outbox_webhook ON notify_outbox(webhook_id);
