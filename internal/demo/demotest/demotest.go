// Package demotest puts the demo into a test's database. The demo is
// loaded through the real stores and workflow once per test process and
// engine, then copied into each test's fresh database: a test starts from
// the whole 2019 year in a fraction of a second instead of several.
package demotest

import (
	"context"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
)

// Year fills d with the whole demo, as demo.Load writes it.
func Year(t testing.TB, d *db.DB) {
	t.Helper()
	dbtest.Loaded(t, d, "demo", func(ctx context.Context, d *db.DB) error {
		_, err := demo.Load(ctx, d)
		return err
	})
}

// Organisation fills d with the demo's units and accounts only, as
// demo.LoadOrganisation writes them.
func Organisation(t testing.TB, d *db.DB) {
	t.Helper()
	dbtest.Loaded(t, d, "demo organisation", func(ctx context.Context, d *db.DB) error {
		_, err := demo.LoadOrganisation(ctx, d)
		return err
	})
}
