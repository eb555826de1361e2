package db_test

import (
	"context"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// A loaded database copied into a fresh one holds the same rows, goes on
// numbering where the original stopped, and is a copy: what a test writes
// does not reach the original or the next test's copy.
func TestLoadedCopies(t *testing.T) {
	ctx := context.Background()
	loads := 0
	load := func(ctx context.Context, d *db.DB) error {
		loads++
		return d.Write(ctx, func(tx *db.Tx) error {
			for _, code := range []string{"A", "B", "C"} {
				if _, err := tx.Insert(ctx, "INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ($1, $1, 'zone', $2, $2)", code, db.Now()); err != nil {
					return err
				}
			}
			return nil
		})
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for round := 0; round < 2; round++ {
			if round == 1 {
				d = fresh(t, d)
			}
			dbtest.Loaded(t, d, "three units", load)
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM units").Scan(&n); err != nil || n != 3 {
				t.Fatalf("round %d: %d units (%v), want the 3 loaded", round, n, err)
			}
			var id int64
			err := d.Write(ctx, func(tx *db.Tx) error {
				var err error
				id, err = tx.Insert(ctx, "INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('D', 'D', 'zone', $1, $1)", db.Now())
				return err
			})
			if err != nil {
				t.Fatalf("round %d: a new unit after the copy: %v", round, err)
			}
			var maxLoaded int64
			d.QueryRow(ctx, "SELECT MAX(id) FROM units WHERE code <> 'D'").Scan(&maxLoaded)
			if id <= maxLoaded {
				t.Fatalf("round %d: the new unit got id %d, not after the loaded %d", round, id, maxLoaded)
			}
		}
	})
	if want := 1; loads > 2 || loads < want {
		t.Fatalf("loaded %d times, want once per engine", loads)
	}
}

// fresh is another empty database of d's engine.
func fresh(t *testing.T, d *db.DB) *db.DB {
	if d.Dialect() == db.SQLite {
		return dbtest.SQLite(t)
	}
	return dbtest.Postgres(t)
}
