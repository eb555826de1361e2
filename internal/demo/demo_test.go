package demo_test

import (
	"context"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

var ctx = context.Background()

func TestDemo2019(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if loaded, err := demo.Load(ctx, d); err != nil || !loaded {
			t.Fatalf("Load = %v, %v", loaded, err)
		}
		if loaded, err := demo.Load(ctx, d); err != nil || loaded {
			t.Fatalf("a second Load = %v, %v; want nothing loaded", loaded, err)
		}
		checkRegister(t, d)
		checkSupervision(t, d)
		checkBriefings(t, d)
		b, err := dashboard.Load(ctx, d, demo.Year, 0)
		if err != nil {
			t.Fatal(err)
		}
		if b.Month != 10 {
			t.Errorf("the board opens on month %d; November is not due until 10 December", b.Month)
		}
		// Every figure the seed states, exactly.
		stated := map[string][2]float64{ // code → committed, stretch
			"CY01": {183, 0}, "CY02": {1204, 0}, "KJ01": {3200, 3500}, "KJ02": {2000, 2200}, "KJ03": {8, 0},
			"KJ04": {30, 0}, "KJ05": {60, 0}, "MS01": {19.8, 0}, "MS02": {9.7, 0}, "MS03": {9200, 0},
			"SZ01": {10, 0}, "SZ02": {20, 0}, "CJ01": {152, 0}, "CJ02": {54, 0}, "CJ03": {30, 0},
			"CY04": {500, 0}, "CY05": {300, 0}, "CY06": {63, 0}, "CY07": {5.1, 0}, "CY08": {1000, 0}, "CY09": {2000, 0},
		}
		byCode := map[string]*dashboard.IndicatorRow{}
		for _, in := range b.Indicators {
			byCode[in.Code] = in
		}
		for code, want := range stated {
			in := byCode[code]
			if in == nil || in.Target.Committed == nil || *in.Target.Committed != want[0] {
				t.Errorf("%s: committed target %v, want %v", code, in.Target.Committed, want[0])
				continue
			}
			if want[1] != 0 && (in.Target.Stretch == nil || *in.Target.Stretch != want[1]) {
				t.Errorf("%s: stretch %v, want %v", code, in.Target.Stretch, want[1])
			}
		}
		if g := byCode["KJ05"]; g.Target.TargetYear != 2020 || !g.YearEnd.OK || g.YearEnd.V != 50.5 {
			t.Errorf("gazelle firms: 60 by 2020 from 41 should stand at 50.5 at the end of 2019, got %v (%d)", g.YearEnd, g.Target.TargetYear)
		}
		jan, _ := dashboard.Load(ctx, d, demo.Year, 1)
		for _, in := range jan.Indicators {
			if in.Code == "CY10" && in.Zone.YTD.V != 26000 {
				t.Errorf("潍柴 plant No.1 produced 26,000 in January 2019, the demo says %v", in.Zone.YTD)
			}
		}
		// Every status appears among the zone's indicators.
		seen := map[progress.Status]int{}
		for _, in := range b.Indicators {
			seen[in.Zone.Status]++
		}
		for _, s := range []progress.Status{progress.StatusAhead, progress.StatusOnTrack, progress.StatusBehind, progress.StatusSeriouslyBehind} {
			if seen[s] == 0 {
				t.Errorf("no indicator is %s: %v", s, seen)
			}
		}
		if _, ok := b.Gaps[byCode["KJ01"].ID]; !ok {
			t.Error("patents are shared out 3,100 of 3,200: the gap should show")
		}
		checkWorkflow(t, d)
		if n, brk, err := audit.Verify(ctx, d); err != nil || brk != nil || n < 1000 {
			t.Fatalf("audit trail: %d entries, %v, %v", n, brk, err)
		}
	})
}

// checkWorkflow finds November's mix of states, a late unit and a correction.
func checkWorkflow(t *testing.T, d *db.DB) {
	t.Helper()
	counts := map[string]int{}
	rows, err := d.Query(ctx, `SELECT f.status, f.late, f.version FROM figures f JOIN periods p ON p.id = f.period_id WHERE p.year = 2019`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var late bool
		var version int
		rows.Scan(&status, &late, &version)
		counts[status]++
		if late {
			counts["late"]++
		}
		if version == 5 {
			counts["corrected"]++
		}
	}
	for _, s := range []string{string(report.Draft), string(report.Submitted), string(report.Confirmed), string(report.Approved), string(report.Returned), "late", "corrected"} {
		if counts[s] == 0 {
			t.Errorf("the demo has no %s figure: %v", s, counts)
		}
	}
	p, _ := plan.NewStore(d).PlanByYear(ctx, 2019)
	if p.Name == "" {
		t.Error("no 2019 plan")
	}
}
