package dashboard_test

import (
	"context"
	"math"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

var ctx = context.Background()

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func fp(v float64) *float64 { return &v }

// small is a year computed by hand: patents (flow, summed) and a handling
// rate (a level, averaged) shared to two streets.
type small struct {
	d             *db.DB
	patents, rate int64
	a, b          int64              // the streets
	asg           map[[2]int64]int64 // indicator, unit → assignment
	periods       []report.Period
	rs            *report.Store
}

func newSmall(t *testing.T, d *db.DB) *small {
	t.Helper()
	units := org.NewStore(d)
	z, _ := units.Create(ctx, audit.System, org.Fields{Code: "Z", Name: "高新区", Kind: org.KindZone}, 0)
	a, _ := units.Create(ctx, audit.System, org.Fields{Code: "A", Name: "甲街道", Kind: org.KindStreet}, z.ID)
	b, _ := units.Create(ctx, audit.System, org.Fields{Code: "B", Name: "乙街道", Kind: org.KindStreet}, z.ID)
	s := &small{d: d, a: a.ID, b: b.ID, asg: map[[2]int64]int64{}, rs: report.NewStore(d)}
	err := plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
		p, _ := tx.CreatePlan(2019, "")
		n, _ := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "K", Name: "科技创新"})
		pat, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: n.ID, Code: "ZL", Name: "专利申请量", UOM: "件",
			Direction: plan.Higher, Frequency: plan.Monthly, Semantics: plan.Flow, Aggregation: plan.Sum})
		if err != nil {
			return err
		}
		rate, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: n.ID, Code: "BJ", Name: "办结率", UOM: "%",
			Direction: plan.Higher, Frequency: plan.Monthly, Semantics: plan.Ratio, Aggregation: plan.Mean, Weight: 3})
		if err != nil {
			return err
		}
		s.patents, s.rate = pat.ID, rate.ID
		tx.SetTarget(plan.Target{IndicatorID: pat.ID, Committed: fp(1200)})
		tx.SetTarget(plan.Target{IndicatorID: rate.ID, Committed: fp(90)})
		for _, u := range []int64{a.ID, b.ID} {
			for _, in := range []int64{pat.ID, rate.ID} {
				as, err := tx.Assign(in, u)
				if err != nil {
					return err
				}
				s.asg[[2]int64{in, u}] = as.ID
			}
			tx.SetTarget(plan.Target{IndicatorID: pat.ID, UnitID: u, Committed: fp(500)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.periods, _ = s.rs.OpenYear(ctx, audit.System, 2019, 10, 3)
	return s
}

// report submits a unit's month.
func (s *small) report(t *testing.T, m int, unit int64, patents, rate float64) {
	t.Helper()
	s.rs.SetClock(func() time.Time { return time.Date(2019, time.Month(m+1), 5, 2, 0, 0, 0, time.UTC) })
	p := s.periods[m-1]
	entries := []report.Entry{
		{AssignmentID: s.asg[[2]int64{s.patents, unit}], Value: fp(patents), Explanation: "x"},
		{AssignmentID: s.asg[[2]int64{s.rate, unit}], Value: fp(rate)},
	}
	if err := s.rs.SaveDraft(ctx, audit.System, p, entries); err != nil {
		t.Fatal(err)
	}
	if err := s.rs.Submit(ctx, audit.System, p, []int64{entries[0].AssignmentID, entries[1].AssignmentID}, nil); err != nil {
		t.Fatal(err)
	}
}

func TestBoardByHand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSmall(t, d)
		s.report(t, 1, s.a, 50, 95)
		s.report(t, 2, s.a, 60, 93)
		s.report(t, 1, s.b, 40, 80)
		s.report(t, 2, s.b, 30, 85)
		// A draft does not count.
		s.rs.SetClock(func() time.Time { return time.Date(2019, 4, 5, 2, 0, 0, 0, time.UTC) })
		s.rs.SaveDraft(ctx, audit.System, s.periods[2], []report.Entry{{AssignmentID: s.asg[[2]int64{s.patents, s.a}], Value: fp(999)}})

		b, err := dashboard.Load(ctx, d, 2019, 2)
		if err != nil {
			t.Fatal(err)
		}
		pat, rate := b.Indicator(s.patents), b.Indicator(s.rate)
		// Zone patents: 50+60+40+30 = 180 against 1200×2/12 = 200 → 0.9 → on track.
		z := pat.Zone
		if !near(z.YTD.V, 180) || !near(z.Expected.V, 200) || !near(z.Ratio.V, 0.9) || z.Status != progress.StatusOnTrack {
			t.Fatalf("zone patents = ytd %v expected %v ratio %v %s", z.YTD, z.Expected, z.Ratio, z.Status)
		}
		// Street A: 110 against 500×2/12 = 83.33 → 1.32 → ahead; B: 70 / 83.33 = 0.84 → behind.
		for _, u := range pat.ByUnit {
			want, status := 110.0, progress.StatusAhead
			if u.Unit.ID == s.b {
				want, status = 70, progress.StatusBehind
			}
			if !near(u.YTD.V, want) || u.Status != status || !u.HasTarget {
				t.Errorf("%s: ytd %v status %s", u.Unit.Name, u.YTD, u.Status)
			}
		}
		// The rate is a level averaged over the streets: (93+85)/2 = 89 against 90 → 0.9889 → on track.
		if !near(rate.Zone.YTD.V, 89) || !near(rate.Zone.Expected.V, 90) || rate.Zone.Status != progress.StatusOnTrack {
			t.Fatalf("zone rate = %v / %v %s", rate.Zone.YTD, rate.Zone.Expected, rate.Zone.Status)
		}
		// The node rolls up by weight: (0.9×1 + 0.98889×3) / 4 = 0.96667.
		if len(b.Nodes) != 1 || !near(b.Nodes[0].Ratio.V, (0.9+3*89.0/90)/4) || b.Nodes[0].Status != progress.StatusOnTrack {
			t.Fatalf("node = %v %s", b.Nodes[0].Ratio, b.Nodes[0].Status)
		}
		// Unit targets 500 + 500 fall 200 short of the zone's 1,200.
		if g, ok := b.Gaps[s.patents]; !ok || g.Shortfall != 200 {
			t.Fatalf("sharing gap = %+v", b.Gaps)
		}
		// The chart's monthly lines: January's zone YTD is 90 against 100.
		if jan := pat.Zone.ByMonth[0]; !near(jan.YTD.V, 90) || !near(jan.Expected.V, 100) {
			t.Fatalf("January = %v / %v", jan.YTD, jan.Expected)
		}
	})
}
