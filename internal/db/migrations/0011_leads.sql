-- Investment and talent attraction (双招双引): the leads an office works
-- from first contact to production, each move between stages with who
-- and why, the visits and meetings logged against a lead, and the year's
-- reward policy (重奖) as the file the office wrote. Money is in 万元;
-- dates are China dates written 2006-01-02.

CREATE TABLE leads (
    id                  {{id}},
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('company', 'talent', 'team')),
    channel             TEXT NOT NULL CHECK (channel IN ('business', 'park', 'capital', 'agency')),
    agency              TEXT NOT NULL DEFAULT '',
    flags               TEXT NOT NULL DEFAULT '',
    industry            TEXT NOT NULL DEFAULT '',
    expected_investment {{real}} NOT NULL DEFAULT 0,
    arrived_investment  {{real}} NOT NULL DEFAULT 0,
    owner_unit_id       BIGINT NOT NULL REFERENCES units(id),
    owner_user_id       BIGINT REFERENCES users(id),
    owner_name          TEXT NOT NULL DEFAULT '',
    contact             TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    stage               TEXT NOT NULL,
    stage_on            TEXT NOT NULL,
    received_on         TEXT NOT NULL,
    -- The first response and the first assessment (研判), '' until they
    -- happen: the deadlines are measured from received_on to these.
    responded_on        TEXT NOT NULL DEFAULT '',
    assessed_on         TEXT NOT NULL DEFAULT '',
    -- The day the lead first reached 签约, '' while it has not (or after
    -- it was moved back below): what "signed in a month" counts.
    signed_on           TEXT NOT NULL DEFAULT '',
    -- The key project the signed lead became.
    project_id          BIGINT UNIQUE REFERENCES projects(id),
    created_at          {{ts}} NOT NULL,
    updated_at          {{ts}} NOT NULL
);
CREATE INDEX leads_owner_unit ON leads(owner_unit_id);
CREATE INDEX leads_stage ON leads(stage, channel);
CREATE INDEX leads_owner_user ON leads(owner_user_id);

-- Every move of a lead between stages, forwards or back.
CREATE TABLE lead_moves (
    id         {{id}},
    lead_id    BIGINT NOT NULL REFERENCES leads(id),
    from_stage TEXT NOT NULL,
    to_stage   TEXT NOT NULL,
    moved_on   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at {{ts}} NOT NULL
);
CREATE INDEX lead_moves_lead ON lead_moves(lead_id);

-- Visits, meetings, calls and assessments logged against a lead.
CREATE TABLE lead_activities (
    id         {{id}},
    lead_id    BIGINT NOT NULL REFERENCES leads(id),
    done_on    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    note       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    created_at {{ts}} NOT NULL
);
CREATE INDEX lead_activities_lead ON lead_activities(lead_id);

-- The reward policy of a year, kept as the file the office wrote.
CREATE TABLE reward_policies (
    year        INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    body        TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at {{ts}} NOT NULL
);
