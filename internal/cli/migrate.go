package cli

import (
	"fmt"

	"gaoxin/internal/db"
)

func runMigrate(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("migrate", "migrate [--db DSN]",
		"Apply the schema migrations the database has not seen. serve and demo do this on\nstart; this command does it alone, e.g. before starting several instances.")
	cfg.DBFlag(fs)
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	v, err := d.SchemaVersion(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema at version %d of %d (%s)\n", v, db.LatestVersion(), d.Dialect())
	return nil
}
