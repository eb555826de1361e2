package cli

import (
	"fmt"
	"os"

	"gaoxin/internal/db"
)

func runBackup(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("backup", "backup -o FILE [--db DSN]",
		"Write a consistent copy of the embedded database while gaoxin keeps running.\nFor PostgreSQL use pg_dump.")
	cfg.DBFlag(fs)
	out := fs.String("o", "", "file to write (must not exist)")
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("-o FILE is required")
	}
	t, err := db.ParseDSN(cfg.DB)
	if err != nil {
		return err
	}
	if t.Dialect == db.Postgres {
		return fmt.Errorf("the database is PostgreSQL: back it up with pg_dump, e.g. pg_dump -Fc -f %s DBNAME", *out)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s already exists: choose a new file", *out)
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Backup(e.ctx, *out); err != nil {
		return err
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d KB)\n", *out, fi.Size()/1024)
	return nil
}
