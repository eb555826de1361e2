-- Units: the organisation tree. path holds the ids from the root down,
-- "/1/4/12/", so that "everything under unit 4" is one LIKE.
CREATE TABLE units (
    id          {{id}},
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    class       TEXT NOT NULL DEFAULT '',
    parent_id   BIGINT REFERENCES units(id),
    path        TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  {{ts}} NOT NULL,
    updated_at  {{ts}} NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);

-- Every state a unit has been in, so that a rename, a move or a
-- deactivation never loses what the tree looked like before.
CREATE TABLE unit_history (
    id          {{id}},
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    changed_at  {{ts}} NOT NULL,
    changed_by  BIGINT,
    change      TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    class       TEXT NOT NULL,
    parent_id   BIGINT,
    sort_order  INTEGER NOT NULL,
    active      BOOLEAN NOT NULL
);
CREATE INDEX unit_history_unit ON unit_history(unit_id, id);

CREATE TABLE users (
    id                   {{id}},
    login                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL,
    unit_id              BIGINT NOT NULL REFERENCES units(id),
    password_hash        TEXT NOT NULL,
    lang                 TEXT NOT NULL DEFAULT 'zh',
    active               BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           {{ts}} NOT NULL,
    updated_at           {{ts}} NOT NULL
);

-- Sessions live in the database so that several gaoxin instances in front
-- of one PostgreSQL share them. id is the SHA-256 of the cookie value.
CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users(id),
    csrf_token    TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    created_at    {{ts}} NOT NULL,
    last_seen_at  {{ts}} NOT NULL,
    expires_at    {{ts}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id            {{id}},
    user_id       BIGINT NOT NULL REFERENCES users(id),
    name          TEXT NOT NULL DEFAULT '',
    token_hash    TEXT NOT NULL UNIQUE,
    prefix        TEXT NOT NULL,
    created_at    {{ts}} NOT NULL,
    last_used_at  {{ts}},
    revoked_at    {{ts}}
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Failed sign-ins, counted per account and per address for throttling.
CREATE TABLE login_failures (
    id       {{id}},
    account  TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       {{ts}} NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account, at);
CREATE INDEX login_failures_address ON login_failures(address, at);

-- The audit trail: append-only, each entry carrying the hash of the one
-- before it. audit_head remembers the last entry so that cutting entries
-- off the end is caught too.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          {{ts}} NOT NULL,
    actor_id    BIGINT,
    actor       TEXT NOT NULL,
    address     TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);

CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '');
