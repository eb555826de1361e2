// Package dbtest gives tests a fresh, migrated database: in-memory SQLite
// always, and PostgreSQL too when GAOXIN_TEST_POSTGRES names one. With that
// variable set, an unreachable PostgreSQL fails the test instead of skipping
// it, so that CI always proves both engines.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"gaoxin/internal/db"
)

// EnvPostgres names the variable holding a PostgreSQL URL for tests.
const EnvPostgres = "GAOXIN_TEST_POSTGRES"

// Each runs fn once per available engine, as subtests named sqlite and postgres.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv(EnvPostgres) != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
	}
}

// Open gives the engine tests that need only one database should use:
// PostgreSQL when GAOXIN_TEST_POSTGRES is set, SQLite otherwise.
func Open(t testing.TB) *db.DB {
	if os.Getenv(EnvPostgres) != "" {
		return Postgres(t)
	}
	return SQLite(t)
}

// SQLite opens a fresh in-memory database.
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), "sqlite::memory:")
	if err != nil {
		t.Fatalf("open in-memory SQLite: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Postgres creates a schema of its own on the test server, opens a database
// whose search_path points there, and drops the schema afterwards.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip(EnvPostgres + " not set")
	}
	ctx := context.Background()
	admin, err := db.OpenTarget(ctx, db.Target{Dialect: db.Postgres, URL: base})
	if err != nil {
		t.Fatalf("PostgreSQL for tests (%s): %v", EnvPostgres, err)
	}
	schema := "gx_test_" + randomHex(6)
	err = admin.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "CREATE SCHEMA "+schema)
		return err
	})
	if err != nil {
		admin.Close()
		t.Fatalf("create test schema: %v", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	d, err := db.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("open PostgreSQL test schema: %v", err)
	}
	t.Cleanup(func() {
		d.Close()
		admin.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			return err
		})
		admin.Close()
	})
	return d
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
