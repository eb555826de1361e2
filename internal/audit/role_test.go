package audit_test

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// On PostgreSQL the application runs as a role that may append to the
// trail but not change or remove an entry: the role setup of
// scripts/postgres-roles.sql (docs/OPERATIONS.md), applied to a schema of
// the test's own, lets gaoxin open the database and audit a change, and
// refuses UPDATE and DELETE on audit_log.
func TestApplicationRoleCannotRewriteTheTrail(t *testing.T) {
	base := os.Getenv(dbtest.EnvPostgres)
	if base == "" {
		t.Skip(dbtest.EnvPostgres + " not set")
	}
	ctx := context.Background()
	owner := dbtest.Postgres(t) // migrated by the owner, in a schema of its own
	var schema string
	if err := owner.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../scripts/postgres-roles.sql")
	if err != nil {
		t.Fatal(err)
	}
	setup := strings.ReplaceAll(string(script), "SCHEMA public", "SCHEMA "+schema)
	setup = strings.ReplaceAll(setup, "gaoxin_app", "gaoxin_app_test")
	if err := owner.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, setup); return err }); err != nil {
		t.Fatalf("role setup: %v", err)
	}

	u, _ := url.Parse(base)
	u.User = url.UserPassword("gaoxin_app_test", "change-me")
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	app, err := db.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("open as the application's role: %v", err)
	}
	defer app.Close()
	var role string
	app.QueryRow(ctx, "SELECT current_user").Scan(&role)
	if role != "gaoxin_app_test" {
		t.Fatalf("connected as %s", role)
	}

	err = app.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('R1', '角色测试', 'zone', $1, $1)", db.Now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.System, "unit.create", "unit", 1, nil, map[string]string{"code": "R1"})
	})
	if err != nil {
		t.Fatalf("an audited write as the application's role: %v", err)
	}
	for _, q := range []string{
		"UPDATE audit_log SET after_json = '{}' WHERE seq = 1",
		"DELETE FROM audit_log WHERE seq = 1",
		"TRUNCATE audit_log",
	} {
		err := app.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q); return err })
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as the application's role: %v", q, err)
		}
	}
	if n, brk, err := audit.Verify(ctx, app); n != 1 || brk != nil || err != nil {
		t.Errorf("verify as the application's role: %d %v %v", n, brk, err)
	}
}
