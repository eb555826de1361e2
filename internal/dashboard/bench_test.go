package dashboard_test

import (
	"path/filepath"
	"testing"
	"time"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
)

// BenchmarkLoadProvince evaluates the province data set's year — the year
// to date, the 序时 target and the status of all 100,000 assignments and
// 2,000 indicators, rolled up the plan tree — from a file database, as a
// dashboard page does. Goal: under a second.
func BenchmarkLoadProvince(b *testing.B) {
	d := provinceDB(b)
	b.ReportAllocs()
	var board *dashboard.Board
	for b.Loop() {
		var err error
		if board, err = dashboard.Load(ctx, d, demo.ScaleYear, 0); err != nil {
			b.Fatal(err)
		}
	}
	if len(board.Indicators) != demo.ProvinceScale.Indicators || board.Month != demo.ProvinceScale.Months {
		b.Fatalf("board of %d indicators at month %d", len(board.Indicators), board.Month)
	}
}

// provinceDB generates the province data set into a file database under
// the benchmark's temporary directory. b.Loop runs the benchmark function
// once, so this happens once per run and outside the timed loop.
func provinceDB(b *testing.B) *db.DB {
	b.Helper()
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "province.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	start := time.Now()
	if err := demo.GenerateScale(ctx, d, demo.ProvinceScale); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated the province data set in %s", time.Since(start).Round(time.Millisecond))
	return d
}
