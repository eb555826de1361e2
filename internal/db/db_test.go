package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

func TestParseDSN(t *testing.T) {
	cases := []struct {
		dsn     string
		dialect db.Dialect
		path    string
		errPart string
	}{
		{"", db.SQLite, "gaoxin.db", ""},
		{"data/zone.db", db.SQLite, "data/zone.db", ""},
		{"sqlite:zone.db", db.SQLite, "zone.db", ""},
		{"sqlite://zone.db", db.SQLite, "zone.db", ""},
		{"postgres://u@localhost/gx", db.Postgres, "", ""},
		{"postgresql://u@localhost:5432/gx?sslmode=disable", db.Postgres, "", ""},
		{"sqlite:", 0, "", "needs a file path"},
		{"mysql://root@localhost/x", 0, "", "unsupported database address"},
		{"postgres://u:secret@localhost:notaport/gx", 0, "", "malformed PostgreSQL address"},
	}
	for _, c := range cases {
		got, err := db.ParseDSN(c.dsn)
		if c.errPart != "" {
			if err == nil || !strings.Contains(err.Error(), c.errPart) {
				t.Errorf("ParseDSN(%q) error = %v, want one containing %q", c.dsn, err, c.errPart)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseDSN(%q) leaks the password: %v", c.dsn, err)
			}
			continue
		}
		if err != nil || got.Dialect != c.dialect || got.Path != c.path {
			t.Errorf("ParseDSN(%q) = %+v, %v; want dialect %v path %q", c.dsn, got, err, c.dialect, c.path)
		}
	}
}

func TestNotSQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("this is a text file, certainly not a database, but long enough to have a header."), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := db.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "is not a SQLite database") {
		t.Fatalf("Open(text file) error = %v, want 'is not a SQLite database'", err)
	}
	body, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(body), "this is a text file") {
		t.Fatal("Open changed a file that is not a database")
	}
}

func TestPostgresDown(t *testing.T) {
	// Port 1 on loopback: nothing listens there.
	_, err := db.Open(context.Background(), "postgres://gx:pw@127.0.0.1:1/gx?connect_timeout=2")
	if err == nil || !strings.Contains(err.Error(), "cannot reach PostgreSQL at 127.0.0.1:1") {
		t.Fatalf("Open(down PostgreSQL) error = %v", err)
	}
}

func TestFileDatabaseMigratesOnceAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gaoxin.db")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		d, err := db.Open(ctx, path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		v, err := d.SchemaVersion(ctx)
		if err != nil || v != db.LatestVersion() {
			t.Fatalf("schema version = %d, %v; want %d", v, err, db.LatestVersion())
		}
		d.Close()
	}
}

func TestStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		t.Run("refuses a newer schema", func(t *testing.T) {
			err := d.Write(ctx, func(tx *db.Tx) error {
				_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', $2)", db.LatestVersion()+1, db.Now())
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var tooNew *db.SchemaTooNewError
			if err := d.Migrate(ctx); !errors.As(err, &tooNew) || tooNew.Database != db.LatestVersion()+1 {
				t.Fatalf("Migrate on newer schema = %v", err)
			}
			d.Write(ctx, func(tx *db.Tx) error {
				_, err := tx.Exec(ctx, "DELETE FROM schema_migrations WHERE name = 'future'")
				return err
			})
		})
		t.Run("errors are ours", func(t *testing.T) {
			insert := func(code string, parent any) error {
				return d.Write(ctx, func(tx *db.Tx) error {
					_, err := tx.Insert(ctx, "INSERT INTO units (code, name, kind, parent_id, created_at, updated_at) VALUES ($1, 'x', 'zone', $2, $3, $3)", code, parent, db.Now())
					return err
				})
			}
			if err := insert("A", nil); err != nil {
				t.Fatal(err)
			}
			if err := insert("A", nil); !errors.Is(err, db.ErrConflict) {
				t.Errorf("duplicate code: %v, want ErrConflict", err)
			}
			if err := insert("B", 999999); !errors.Is(err, db.ErrConstraint) {
				t.Errorf("dangling parent: %v, want ErrConstraint", err)
			}
			var name string
			if err := d.QueryRow(ctx, "SELECT name FROM units WHERE code = $1", "nope").Scan(&name); !errors.Is(err, db.ErrNotFound) {
				t.Errorf("missing row: %v, want ErrNotFound", err)
			}
		})
		t.Run("a failed transaction leaves nothing", func(t *testing.T) {
			boom := errors.New("boom")
			err := d.Write(ctx, func(tx *db.Tx) error {
				if _, err := tx.Insert(ctx, "INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('C', 'c', 'zone', $1, $1)", db.Now()); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Write = %v", err)
			}
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE code = 'C'").Scan(&n); err != nil || n != 0 {
				t.Fatalf("rolled back row count = %d, %v", n, err)
			}
		})
	})
}
