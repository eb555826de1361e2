-- Bonus (加分), deduction (扣分) and veto (一票否决) records of a year's
-- assessment. Each is entered, then approved or rejected by someone else;
-- once decided it is never edited: a correction is a new record, or a
-- revoke, itself audited, that keeps who approved it. event_on
-- (YYYY-MM-DD) decides the checkpoints a record counts in; points are
-- exact decimal text.
CREATE TABLE assessment_records (
    id           {{id}},
    year         INTEGER NOT NULL,
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    kind         TEXT NOT NULL,
    level        TEXT NOT NULL DEFAULT '',
    veto         TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    type         TEXT NOT NULL DEFAULT '',
    points       TEXT NOT NULL DEFAULT '',
    item         TEXT NOT NULL DEFAULT '',
    event_on     TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   {{ts}} NOT NULL,
    created_by   BIGINT REFERENCES users(id),
    updated_at   {{ts}} NOT NULL,
    updated_by   BIGINT REFERENCES users(id),
    decided_at   {{ts}},
    decided_by   BIGINT REFERENCES users(id),
    revoked_at   {{ts}},
    revoked_by   BIGINT REFERENCES users(id)
);
CREATE INDEX assessment_records_year ON assessment_records(year, status, event_on);
CREATE INDEX assessment_records_unit ON assessment_records(unit_id);

-- Evidence filed with a record: the bytes are kept in the database so that
-- a backup of the database is a backup of everything.
CREATE TABLE assessment_evidence (
    id           {{id}},
    record_id    BIGINT NOT NULL REFERENCES assessment_records(id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         {{blob}} NOT NULL,
    uploaded_at  {{ts}} NOT NULL,
    uploaded_by  BIGINT REFERENCES users(id)
);
CREATE INDEX assessment_evidence_record ON assessment_evidence(record_id);

-- Rating rounds (民主测评): one per year, checkpoint, class and rating
-- item, tied to the scheme version whose rater types it uses.
CREATE TABLE rating_rounds (
    id         {{id}},
    year       INTEGER NOT NULL,
    period     TEXT NOT NULL,
    class      TEXT NOT NULL,
    item       TEXT NOT NULL,
    scheme_id  BIGINT NOT NULL REFERENCES schemes(id),
    status     TEXT NOT NULL,
    opened_at  {{ts}} NOT NULL,
    opened_by  BIGINT REFERENCES users(id),
    closed_at  {{ts}},
    closed_by  BIGINT REFERENCES users(id),
    UNIQUE (year, period, class, item)
);

-- A rater's form in a round: invited, saved as a draft, submitted (final).
CREATE TABLE rating_forms (
    id            {{id}},
    round_id      BIGINT NOT NULL REFERENCES rating_rounds(id),
    rater_id      BIGINT NOT NULL REFERENCES users(id),
    rater_type    TEXT NOT NULL,
    status        TEXT NOT NULL,
    invited_at    {{ts}} NOT NULL,
    invited_by    BIGINT REFERENCES users(id),
    saved_at      {{ts}},
    submitted_at  {{ts}},
    UNIQUE (round_id, rater_id)
);
CREATE INDEX rating_forms_rater ON rating_forms(rater_id);

-- The scores of a form, 0 to 100 as exact decimal text, one per unit rated.
CREATE TABLE rating_scores (
    form_id  BIGINT NOT NULL REFERENCES rating_forms(id),
    unit_id  BIGINT NOT NULL REFERENCES units(id),
    score    TEXT NOT NULL,
    PRIMARY KEY (form_id, unit_id)
);
