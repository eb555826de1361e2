-- Each assignment's year as one row: m1 … m12 hold the value that counts
-- for each month (a figure submitted, confirmed or approved, with a
-- value), NULL where none counts. The dashboard reads a year from these
-- rows, one per assignment, instead of from every figure of the year — for
-- a province 100,000 rows instead of nearly a million. Every write that
-- changes which value of a figure counts keeps its row up in the same
-- transaction (internal/report's figure batch, the scale generator's bulk
-- load); the figures stay the record, and this table can always be filled
-- again from them with the INSERT below.
--
-- The key leads with the assignment, not the year, on purpose: a year is
-- read whole, and reading the table straight through (skipping other
-- years' rows) is faster than following an index by year, which on SQLite
-- would fetch each row from wherever it was written — a unit's rows lie
-- together, added by its grids, not in the order of their assignments.
CREATE TABLE assignment_year (
    assignment_id BIGINT NOT NULL REFERENCES assignments(id),
    year          INTEGER NOT NULL,
    m1  {{real}},
    m2  {{real}},
    m3  {{real}},
    m4  {{real}},
    m5  {{real}},
    m6  {{real}},
    m7  {{real}},
    m8  {{real}},
    m9  {{real}},
    m10 {{real}},
    m11 {{real}},
    m12 {{real}},
    PRIMARY KEY (assignment_id, year)
);

-- A database that already holds figures starts with its years filled in.
INSERT INTO assignment_year (assignment_id, year, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
SELECT f.assignment_id, p.year,
    MAX(CASE WHEN p.month = 1 THEN f.value END),
    MAX(CASE WHEN p.month = 2 THEN f.value END),
    MAX(CASE WHEN p.month = 3 THEN f.value END),
    MAX(CASE WHEN p.month = 4 THEN f.value END),
    MAX(CASE WHEN p.month = 5 THEN f.value END),
    MAX(CASE WHEN p.month = 6 THEN f.value END),
    MAX(CASE WHEN p.month = 7 THEN f.value END),
    MAX(CASE WHEN p.month = 8 THEN f.value END),
    MAX(CASE WHEN p.month = 9 THEN f.value END),
    MAX(CASE WHEN p.month = 10 THEN f.value END),
    MAX(CASE WHEN p.month = 11 THEN f.value END),
    MAX(CASE WHEN p.month = 12 THEN f.value END)
FROM figures f JOIN periods p ON p.id = f.period_id
WHERE f.value IS NOT NULL AND f.status IN ('submitted', 'confirmed', 'approved')
GROUP BY f.assignment_id, p.year;

-- The dashboard no longer reads the year's figures, so the covering index
-- 0003 gave that read only slows the writes: its key puts the assignment
-- right after the period and status, so each figure of a grid (a unit's
-- assignments are far apart) landed on a page of its own, a fifth of
-- everything a grid's submission wrote. Keyed by period and status alone,
-- new figures go in one after another at the end of their status.
DROP INDEX figures_counted;
CREATE INDEX figures_period ON figures(period_id, status);
