-- The dashboard reads every counted figure of a year: its assignment, its
-- month and its value, for a province a million rows. With the assignment
-- and the value in the index those rows are read from the index alone,
-- without a visit to the table for each; reading the year this way takes a
-- third less time. The index serves every query figures_period served, so
-- it replaces it and a write still updates as many indexes as before.
DROP INDEX figures_period;
CREATE INDEX figures_counted ON figures(period_id, status, assignment_id, value);
