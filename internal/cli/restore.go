package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

func runRestore(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("restore", "restore -i BACKUP [--db DSN] [--force]",
		"Put a backup made by gaoxin backup in place of the embedded database, once it has\npassed SQLite's integrity check and the audit trail's verification, and bring its\nschema up to date. Stop gaoxin first. An existing database is kept beside it,\nrenamed, and replaced only with --force. For PostgreSQL use pg_restore.")
	cfg.DBFlag(fs)
	in := fs.String("i", "", "the backup file to restore")
	force := fs.Bool("force", false, "replace an existing database (it is kept as DB.replaced-TIME)")
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	if *in == "" {
		return usagef("-i BACKUP is required")
	}
	t, err := db.ParseDSN(cfg.DB)
	if err != nil {
		return err
	}
	if t.Dialect == db.Postgres {
		return fmt.Errorf("the database is PostgreSQL: restore a pg_dump archive with pg_restore, e.g. pg_restore --clean --if-exists -d DBNAME %s", *in)
	}
	if t.Path == ":memory:" {
		return usagef("--db must name a file to restore into")
	}
	if _, err := os.Stat(t.Path); err == nil && !*force {
		return fmt.Errorf("%s exists: stop gaoxin and run again with --force to replace it (it is kept, renamed)", t.Path)
	}
	// Check a copy, beside the target so that the last step is a rename:
	// the target is either the old database or the whole new one.
	work := t.Path + ".restoring"
	removeDB(work)
	if err := copyFile(*in, work); err != nil {
		return err
	}
	entries, err := checkRestored(e, work)
	if err != nil {
		removeDB(work)
		return err
	}
	if _, err := os.Stat(t.Path); err == nil {
		kept := t.Path + ".replaced-" + time.Now().Format("20060102-150405")
		if err := os.Rename(t.Path, kept); err != nil {
			return err
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Rename(t.Path+suffix, kept+suffix)
		}
		fmt.Fprintf(e.stdout, "kept the database it replaces as %s\n", kept)
	}
	if err := os.Rename(work, t.Path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s into %s: integrity ok, audit trail sound (%d entries)\n", *in, t.Path, entries)
	return nil
}

// checkRestored opens the copy (which brings its schema up to date), runs
// the integrity check and verifies the audit trail, and closes it so that
// its write-ahead log is folded into the file.
func checkRestored(e *env, path string) (int64, error) {
	d, err := db.Open(e.ctx, path)
	if err != nil {
		return 0, fmt.Errorf("the backup cannot be opened: %w", err)
	}
	defer d.Close()
	if problems, err := d.IntegrityCheck(e.ctx); err != nil {
		return 0, err
	} else if problems != "" {
		return 0, fmt.Errorf("the backup fails SQLite's integrity check: %s", problems)
	}
	n, brk, err := audit.Verify(e.ctx, d)
	if err != nil {
		return 0, err
	}
	if brk != nil {
		return 0, fmt.Errorf("the backup's audit trail is broken: %v", brk)
	}
	return n, nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
