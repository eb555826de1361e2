-- Events told once: a reporting period's opening, its deadline nearing for
-- a unit. A reminder that runs again finds the key and tells nobody twice,
-- whether or not the event had anyone to tell in the app.
CREATE TABLE notify_once (
    key     TEXT PRIMARY KEY,
    sent_at {{ts}} NOT NULL
);
