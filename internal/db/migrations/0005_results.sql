-- A scheme version may be a draft: kept, compared in what-if, but not used
-- to compute results until it is adopted.
ALTER TABLE schemes ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;

-- Published assessment results (考核结果), one immutable snapshot per
-- year, checkpoint, class and version. The body holds everything the
-- result pages and the 通报 show — totals, items with points and
-- explanations, the figures and records scored — so that later
-- corrections to figures change nothing published. Publishing again adds
-- the next version.
CREATE TABLE assessment_results (
    id            {{id}},
    year          INTEGER NOT NULL,
    period        TEXT NOT NULL,
    class         TEXT NOT NULL,
    version       INTEGER NOT NULL,
    scheme_id     BIGINT NOT NULL REFERENCES schemes(id),
    body          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    published_at  {{ts}} NOT NULL,
    published_by  BIGINT REFERENCES users(id),
    UNIQUE (year, period, class, version)
);
