package org_test

import (
	"bytes"
	"context"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

// Any units file is imported whole or refused whole: a refused file
// leaves the tree as it was, and nothing panics.
func FuzzImportUnits(f *testing.F) {
	f.Add([]byte(zhHeader + "\r\nGX,高新区,zone,,,0,是\r\nXCJD,新城街道,street,街道,GX,1,是\r\n"))
	f.Add([]byte(zhHeader + "\r\nXCJD,新城街道,street,街道,NOPE,1,是\r\n"))
	f.Add([]byte("code,name,kind\nA,甲,park\nA,乙,park\n"))
	d := dbtest.SQLite(f) // fuzzing wants speed; the import itself is tested on both engines
	s := org.NewStore(d)
	f.Fuzz(func(t *testing.T, body []byte) {
		table, err := xlsx.Read("units.csv", bytes.NewReader(body))
		if err != nil {
			return
		}
		count := func() int {
			var n int
			if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM units").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		if _, err := s.Import(context.Background(), audit.System, table, false); err != nil && count() != before {
			t.Fatalf("a refused file changed the tree: %d units, were %d (%v)", count(), before, err)
		}
	})
}
