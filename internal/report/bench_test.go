package report_test

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/report"
)

// gridSize is how many figures a unit reports in one grid.
const gridSize = 20

// BenchmarkSubmitGrid is units reporting a month: each grid, of 20
// figures, is saved and submitted in one go, every grid a different
// unit's, into the province data set with January–June already reported.
// serial is one reporter after another; parallel is reporters submitting
// at the same time, as on the last day before a deadline. Goal: over 500
// grids a second.
func BenchmarkSubmitGrid(b *testing.B) {
	gs := newGridSet(b)
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := gs.submitNext(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "grids/s")
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.SetParallelism(4) // reporters per processor
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := gs.submitNext(); err != nil {
					b.Error(err) // Fatal may not be called from these goroutines
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "grids/s")
	})
}

// gridSet is the grids still to be reported: a unit's 20 monthly
// assignments, for each month from July on.
type gridSet struct {
	stores [13]*report.Store // by month, each with its clock inside the month's window
	period [13]report.Period
	units  [][]int64 // each unit's 20 assignments
	next   atomic.Int64
}

func newGridSet(b *testing.B) *gridSet {
	b.Helper()
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "province.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	start := time.Now()
	scale := demo.ProvinceScale
	scale.Months = 6
	if err := demo.GenerateScale(ctx, d, scale); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated the province data set, January–June, in %s", time.Since(start).Round(time.Millisecond))
	gs := &gridSet{units: unitGrids(b, d)}
	periods, err := report.NewStore(d).Periods(ctx, demo.ScaleYear)
	if err != nil || len(periods) != 12 {
		b.Fatalf("periods: %d, %v", len(periods), err)
	}
	for m := 7; m <= 12; m++ {
		gs.period[m] = periods[m-1]
		open := time.Date(demo.ScaleYear, time.Month(m), 28, 2, 0, 0, 0, time.UTC) // opened on the 25th, due on the 10th of the next month
		gs.stores[m] = report.NewStore(d)
		gs.stores[m].SetClock(func() time.Time { return open })
	}
	return gs
}

// unitGrids lists, for every unit with enough monthly indicators, the 20
// assignments it reports in its grid.
func unitGrids(b *testing.B, d *db.DB) [][]int64 {
	b.Helper()
	rows, err := d.Query(ctx, `SELECT a.unit_id, a.id FROM assignments a JOIN indicators i ON i.id = a.indicator_id
		WHERE i.frequency = 'month' ORDER BY a.unit_id, a.id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	byUnit := map[int64][]int64{}
	var order []int64
	for rows.Next() {
		var unit, id int64
		if err := rows.Scan(&unit, &id); err != nil {
			b.Fatal(err)
		}
		if byUnit[unit] == nil {
			order = append(order, unit)
		}
		byUnit[unit] = append(byUnit[unit], id)
	}
	var grids [][]int64
	for _, u := range order {
		if len(byUnit[u]) >= gridSize {
			grids = append(grids, byUnit[u][:gridSize])
		}
	}
	return grids
}

// submitNext saves and submits the next grid: unit after unit, then the
// next month.
func (gs *gridSet) submitNext() error {
	k := int(gs.next.Add(1) - 1)
	month := 7 + k/len(gs.units)
	if month > 12 {
		return fmt.Errorf("all %d grids of July–December are reported: run with a shorter -benchtime", 6*len(gs.units))
	}
	ids := gs.units[k%len(gs.units)]
	entries := make([]report.Entry, len(ids))
	for i, id := range ids {
		v := float64(100 + (k+i)%50)
		entries[i] = report.Entry{AssignmentID: id, Value: &v}
	}
	who := audit.Actor{Name: fmt.Sprintf("填报员%d", k%len(gs.units)), Address: "bench"}
	rs, p := gs.stores[month], gs.period[month]
	// As the grid page's submit button does: save and submit in one go.
	return rs.SaveAndSubmit(ctx, who, p, entries, ids, nil)
}
