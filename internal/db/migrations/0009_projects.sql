-- Key projects (重点项目) and livelihood programmes (民生实事). Money is in
-- 万元 throughout, as a 项目办 keeps it; pages show 亿元 where it reads
-- better. Dates are China dates written 2006-01-02.

-- The configurable list of project categories.
CREATE TABLE project_categories (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO project_categories (code, name, name_en, sort_order) VALUES
    ('industrial', '产业项目', 'Industrial', 10),
    ('service', '现代服务业项目', 'Services', 20),
    ('innovation', '科技创新项目', 'Innovation', 30),
    ('infrastructure', '基础设施项目', 'Infrastructure', 40),
    ('social', '社会事业项目', 'Social', 50),
    ('livelihood', '民生实事', 'Livelihood', 60);

CREATE TABLE projects (
    id               {{id}},
    code             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    category         TEXT NOT NULL REFERENCES project_categories(code),
    cluster          TEXT NOT NULL DEFAULT '',
    lead_unit_id     BIGINT NOT NULL REFERENCES units(id),
    leader           TEXT NOT NULL DEFAULT '',
    investor         TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    total_investment {{real}} NOT NULL,
    content          TEXT NOT NULL DEFAULT '',
    capacity         TEXT NOT NULL DEFAULT '',
    start_year       INTEGER NOT NULL,
    end_year         INTEGER NOT NULL,
    level            TEXT NOT NULL DEFAULT 'district' CHECK (level IN ('province', 'city', 'district')),
    tags             TEXT NOT NULL DEFAULT '',
    created_at       {{ts}} NOT NULL,
    updated_at       {{ts}} NOT NULL
);
CREATE INDEX projects_lead_unit ON projects(lead_unit_id);

CREATE TABLE project_units (
    project_id BIGINT NOT NULL REFERENCES projects(id),
    unit_id    BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (project_id, unit_id)
);

-- A project's plan for one year: the investment planned, its 序时 profile
-- (twelve cumulative monthly values, '' for time-proportional), the
-- 形象进度 goal, and what was invested before the year began.
CREATE TABLE project_years (
    id                 {{id}},
    project_id         BIGINT NOT NULL REFERENCES projects(id),
    year               INTEGER NOT NULL,
    planned_investment {{real}} NOT NULL,
    profile            TEXT NOT NULL DEFAULT '',
    progress_goal      TEXT NOT NULL DEFAULT '',
    invested_before    {{real}} NOT NULL DEFAULT 0,
    UNIQUE (project_id, year)
);
CREATE INDEX project_years_year ON project_years(year);

-- Stage nodes (谋划 … 达效), one row per stage a project plans.
CREATE TABLE project_nodes (
    id         {{id}},
    project_id BIGINT NOT NULL REFERENCES projects(id),
    stage      TEXT NOT NULL,
    planned_on TEXT NOT NULL DEFAULT '',
    actual_on  TEXT NOT NULL DEFAULT '',
    owner      TEXT NOT NULL DEFAULT '',
    evidence   TEXT NOT NULL DEFAULT '',
    done       BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (project_id, stage)
);

-- The lead unit's monthly report, in the periods and the workflow of the
-- figures (draft → submitted → confirmed → approved, or returned).
CREATE TABLE project_reports (
    id           {{id}},
    project_id   BIGINT NOT NULL REFERENCES projects(id),
    period_id    BIGINT NOT NULL REFERENCES periods(id),
    invest_month {{real}},
    progress     TEXT NOT NULL DEFAULT '',
    problems     TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    late         BOOLEAN NOT NULL DEFAULT FALSE,
    version      INTEGER NOT NULL,
    submitted_at {{ts}},
    updated_at   {{ts}} NOT NULL,
    updated_by   BIGINT REFERENCES users(id),
    UNIQUE (project_id, period_id)
);
CREATE INDEX project_reports_period ON project_reports(period_id, status);

CREATE TABLE project_report_versions (
    report_id    BIGINT NOT NULL REFERENCES project_reports(id),
    version      INTEGER NOT NULL,
    invest_month {{real}},
    progress     TEXT NOT NULL DEFAULT '',
    problems     TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    action       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    at           {{ts}} NOT NULL,
    by_user      BIGINT REFERENCES users(id),
    PRIMARY KEY (report_id, version)
);

-- The problem list (问题清单).
CREATE TABLE project_problems (
    id            {{id}},
    project_id    BIGINT NOT NULL REFERENCES projects(id),
    title         TEXT NOT NULL,
    owner_unit_id BIGINT NOT NULL REFERENCES units(id),
    leader        TEXT NOT NULL DEFAULT '',
    deadline      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    resolution    TEXT NOT NULL DEFAULT '',
    raised_on     TEXT NOT NULL,
    closed_on     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_problems_project ON project_problems(project_id);

-- Programmes (民生实事 2019 第一批): category → item → piece; a piece is a
-- project of its own, so it is reported, lit and rolled up like one.
CREATE TABLE programmes (
    id   {{id}},
    year INTEGER NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE programme_items (
    id           {{id}},
    programme_id BIGINT NOT NULL REFERENCES programmes(id),
    parent_id    BIGINT REFERENCES programme_items(id),
    level        TEXT NOT NULL CHECK (level IN ('category', 'item', 'piece')),
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    project_id   BIGINT REFERENCES projects(id),
    sort_order   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (programme_id, code)
);
CREATE INDEX programme_items_parent ON programme_items(parent_id);

-- An indicator bound to a module's data: its figures are produced from the
-- module's rows ("project:invest category=industrial"), never typed.
ALTER TABLE indicators ADD COLUMN binding TEXT NOT NULL DEFAULT '';
