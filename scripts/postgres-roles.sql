-- The application's PostgreSQL role: it reads and writes every table but
-- may only append to the audit trail, never change or remove an entry.
-- Run as the database's owner (the role that runs `gaoxin migrate`), after
-- every upgrade's migrations; gaoxin then runs as gaoxin_app. Replace the
-- password, and the schema if not public.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gaoxin_app') THEN
    CREATE ROLE gaoxin_app LOGIN PASSWORD 'change-me';
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO gaoxin_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO gaoxin_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gaoxin_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM gaoxin_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM gaoxin_app;
