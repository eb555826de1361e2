-- Year plans: a tree of nodes (goal → key task → measure) per year.
CREATE TABLE plans (
    id          {{id}},
    year        INTEGER NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    copied_from BIGINT REFERENCES plans(id),
    created_at  {{ts}} NOT NULL
);

CREATE TABLE plan_nodes (
    id           {{id}},
    plan_id      BIGINT NOT NULL REFERENCES plans(id),
    parent_id    BIGINT REFERENCES plan_nodes(id),
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    lead_unit_id BIGINT REFERENCES units(id),
    sort_order   INTEGER NOT NULL DEFAULT 0,
    weight       {{real}} NOT NULL DEFAULT 1,
    path         TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, code)
);
CREATE INDEX plan_nodes_parent ON plan_nodes(parent_id);

CREATE TABLE plan_node_units (
    node_id BIGINT NOT NULL REFERENCES plan_nodes(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (node_id, unit_id)
);

-- Indicators hang off plan nodes. Enumerations are stored as their codes.
CREATE TABLE indicators (
    id             {{id}},
    plan_id        BIGINT NOT NULL REFERENCES plans(id),
    node_id        BIGINT NOT NULL REFERENCES plan_nodes(id),
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    uom            TEXT NOT NULL DEFAULT '',
    direction      TEXT NOT NULL DEFAULT 'higher',
    band_low       {{real}},
    band_high      {{real}},
    frequency      TEXT NOT NULL DEFAULT 'month',
    semantics      TEXT NOT NULL DEFAULT 'flow',
    aggregation    TEXT NOT NULL DEFAULT 'sum',
    precision      INTEGER NOT NULL DEFAULT 0,
    source_unit_id BIGINT REFERENCES units(id),
    formula        TEXT NOT NULL DEFAULT '',
    weight         {{real}} NOT NULL DEFAULT 1,
    sort_order     INTEGER NOT NULL DEFAULT 0,
    description    TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, code)
);
CREATE INDEX indicators_node ON indicators(node_id);

-- An indicator shared out to a unit (目标分担).
CREATE TABLE assignments (
    id           {{id}},
    indicator_id BIGINT NOT NULL REFERENCES indicators(id),
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    UNIQUE (indicator_id, unit_id)
);
CREATE INDEX assignments_unit ON assignments(unit_id);

-- Targets are dated: a change adds a row valid from a later month, and the
-- periods before it keep the value that governed them. unit_id NULL is the
-- zone's own target for the indicator. target_year > the plan's year marks
-- a multi-year target ("60 gazelle firms by 2020"); baseline is last
-- year's year-end value (上年基数), where a stock or a multi-year path starts.
CREATE TABLE targets (
    id             {{id}},
    indicator_id   BIGINT NOT NULL REFERENCES indicators(id),
    unit_id        BIGINT REFERENCES units(id),
    valid_from     INTEGER NOT NULL DEFAULT 1,
    committed      {{real}},
    stretch        {{real}},
    baseline       {{real}},
    profile        TEXT NOT NULL DEFAULT 'time',
    profile_values TEXT NOT NULL DEFAULT '',
    target_year    INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    set_by         BIGINT REFERENCES users(id),
    set_at         {{ts}} NOT NULL
);
CREATE INDEX targets_indicator ON targets(indicator_id, unit_id, valid_from);

-- Reporting periods are calendar months; quarterly and yearly indicators
-- are due in the months that close a quarter or the year.
CREATE TABLE periods (
    id         {{id}},
    year       INTEGER NOT NULL,
    month      INTEGER NOT NULL,
    opens_on   TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    grace_days INTEGER NOT NULL DEFAULT 0,
    locked     BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (year, month)
);

-- The current state of each figure; every state it was ever in is kept in
-- figure_versions, so nothing is overwritten.
CREATE TABLE figures (
    id            {{id}},
    assignment_id BIGINT NOT NULL REFERENCES assignments(id),
    period_id     BIGINT NOT NULL REFERENCES periods(id),
    value         {{real}},
    explanation   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    late          BOOLEAN NOT NULL DEFAULT FALSE,
    version       INTEGER NOT NULL DEFAULT 1,
    submitted_at  {{ts}},
    updated_at    {{ts}} NOT NULL,
    updated_by    BIGINT REFERENCES users(id),
    UNIQUE (assignment_id, period_id)
);
CREATE INDEX figures_period ON figures(period_id, status);

CREATE TABLE figure_versions (
    id          {{id}},
    figure_id   BIGINT NOT NULL REFERENCES figures(id),
    version     INTEGER NOT NULL,
    value       {{real}},
    explanation TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    action      TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    at          {{ts}} NOT NULL,
    by_user     BIGINT REFERENCES users(id),
    UNIQUE (figure_id, version)
);

CREATE TABLE attachments (
    id           {{id}},
    figure_id    BIGINT NOT NULL REFERENCES figures(id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         {{blob}} NOT NULL,
    uploaded_at  {{ts}} NOT NULL,
    uploaded_by  BIGINT REFERENCES users(id)
);
CREATE INDEX attachments_figure ON attachments(figure_id);

-- Settings the assessment office changes at run time (status thresholds…).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
