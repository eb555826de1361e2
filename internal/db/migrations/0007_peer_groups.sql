-- Benchmark groups (对标组) at city, province and national level: the zone
-- and its peers, the zone-level indicators compared, and one value per
-- member and indicator. The zone is ranked among them when a page asks.
CREATE TABLE peer_groups (
    id          {{id}},
    year        INTEGER NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('city', 'province', 'national')),
    name        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  {{ts}} NOT NULL,
    updated_at  {{ts}} NOT NULL,
    UNIQUE (year, name)
);

CREATE TABLE peer_members (
    id          {{id}},
    group_id    BIGINT NOT NULL REFERENCES peer_groups(id),
    name        TEXT NOT NULL,
    is_zone     BOOLEAN NOT NULL DEFAULT FALSE,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (group_id, name)
);
-- At most one member of a group is the zone; the store adds it with the group.
CREATE UNIQUE INDEX peer_members_zone ON peer_members(group_id) WHERE is_zone;

CREATE TABLE peer_indicators (
    id          {{id}},
    group_id    BIGINT NOT NULL REFERENCES peer_groups(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    uom         TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
    plan_code   TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (group_id, code)
);

-- amount is an exact decimal written as text ("1204", "7.15") in the
-- indicator's unit, so that what the office entered is what is compared.
CREATE TABLE peer_values (
    id            {{id}},
    indicator_id  BIGINT NOT NULL REFERENCES peer_indicators(id),
    member_id     BIGINT NOT NULL REFERENCES peer_members(id),
    amount        TEXT NOT NULL,
    period        TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    updated_at    {{ts}} NOT NULL,
    updated_by    BIGINT REFERENCES users(id),
    UNIQUE (indicator_id, member_id)
);
CREATE INDEX peer_values_member ON peer_values(member_id);
