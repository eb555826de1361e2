-- The trail's hashes become keyed (HMAC-SHA-256 under a key held outside
-- the database). key_id names the key an entry was hashed under; '' is
-- the older, unkeyed form (plain SHA-256), which only the entries before
-- the trail was first keyed may have.
ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_head ADD COLUMN key_id TEXT NOT NULL DEFAULT '';

-- Each verification of the trail against the live tables, for the audit
-- page: when, by whom, and what it found.
CREATE TABLE audit_checks (
    id       {{id}},
    at       {{ts}} NOT NULL,
    actor    TEXT NOT NULL,
    entries  BIGINT NOT NULL,
    records  BIGINT NOT NULL,
    sound    INTEGER NOT NULL,
    problems BIGINT NOT NULL,
    report   TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0
);
