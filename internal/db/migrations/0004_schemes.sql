-- Assessment schemes (考核方案) as their files, one row per version: the
-- office's text is kept exactly, so an export gives back what was imported.
CREATE TABLE schemes (
    id          {{id}},
    year        INTEGER NOT NULL,
    class       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    body        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    created_at  {{ts}} NOT NULL,
    created_by  BIGINT REFERENCES users(id),
    UNIQUE (year, class, version)
);
