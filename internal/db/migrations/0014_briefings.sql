-- Published monthly briefings (月度通报), one immutable snapshot per year,
-- month and version. The body is the whole briefing as it was computed —
-- the plan's statuses, the lagging indicators with the units' explanations,
-- the rankings, the projects, the tasks and the requests — so that a
-- published briefing reads the same however the figures move afterwards.
-- as_of is the China date it was computed on; the hash is of the body
-- alone, so that publishing unchanged content on a later day adds nothing.
-- There is no update and no delete: publishing again adds the next version.
CREATE TABLE briefings (
    id            {{id}},
    year          INTEGER NOT NULL,
    month         INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    version       INTEGER NOT NULL,
    as_of         TEXT NOT NULL,
    body          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    published_at  {{ts}} NOT NULL,
    published_by  BIGINT REFERENCES users(id),
    UNIQUE (year, month, version)
);
