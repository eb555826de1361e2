-- The enterprise registry (企业培育): firms keyed by their 18-character
-- unified social credit code (统一社会信用代码, GB 32100-2015), the
-- figures each reports for a year, and the tiers it holds (高新技术企业,
-- 瞪羚企业, 隐形冠军 and its reserve pool, 制造业单项冠军, 规模以上,
-- 主营业务收入过亿元) with their dates. Money is in 万元; dates are China
-- dates written 2006-01-02.

CREATE TABLE enterprises (
    id          {{id}},
    credit_code TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    industry    TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    created_at  {{ts}} NOT NULL,
    updated_at  {{ts}} NOT NULL
);
CREATE INDEX enterprises_unit ON enterprises(unit_id);

-- A firm's figures of one year.
CREATE TABLE enterprise_years (
    id            {{id}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
    year          INTEGER NOT NULL,
    revenue       {{real}},
    employees     INTEGER,
    rd_spend      {{real}},
    patents       INTEGER,
    UNIQUE (enterprise_id, year)
);
CREATE INDEX enterprise_years_year ON enterprise_years(year);

-- Every tier a firm was granted, kept when it ends: the history of its
-- tiers is these rows. A tier holds on a day from granted_on, until
-- expires_on (exclusive, '' for none) and until ended_on (exclusive, ''
-- while it stands).
CREATE TABLE enterprise_tiers (
    id            {{id}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
    tier          TEXT NOT NULL,
    granted_on    TEXT NOT NULL,
    expires_on    TEXT NOT NULL DEFAULT '',
    certificate   TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    ended_on      TEXT NOT NULL DEFAULT '',
    end_reason    TEXT NOT NULL DEFAULT '',
    created_at    {{ts}} NOT NULL
);
CREATE INDEX enterprise_tiers_enterprise ON enterprise_tiers(enterprise_id);
CREATE INDEX enterprise_tiers_tier ON enterprise_tiers(tier, granted_on);
