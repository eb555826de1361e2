package plan_test

import (
	"context"
	"errors"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
)

var ctx = context.Background()

func f(v float64) *float64 { return &v }

// zone makes a zone with two departments and returns their ids.
func zone(t *testing.T, d *db.DB) (zoneID, techID, streetID int64) {
	t.Helper()
	units := org.NewStore(d)
	z, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		t.Fatal(err)
	}
	tech, _ := units.Create(ctx, audit.System, org.Fields{Code: "KCJ", Name: "科技创新局", Kind: org.KindDepartment}, z.ID)
	street, _ := units.Create(ctx, audit.System, org.Fields{Code: "XC", Name: "新城街道", Kind: org.KindStreet}, z.ID)
	return z.ID, tech.ID, street.ID
}

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	var verr *i18n.Error
	if !errors.As(err, &verr) || verr.Key != key {
		t.Fatalf("error = %v, want %s", err, key)
	}
}

// build makes the 2019 plan: 科技创新 → 专利申请量 shared to two units.
func build(t *testing.T, d *db.DB) (plan.Plan, plan.Indicator, [3]int64) {
	t.Helper()
	z, tech, street := zone(t, d)
	s := plan.NewStore(d)
	var p plan.Plan
	var patents plan.Indicator
	err := s.Write(ctx, audit.System, func(tx *plan.Tx) error {
		var err error
		if p, err = tx.CreatePlan(2019, ""); err != nil {
			return err
		}
		goal, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "G", Name: "一流国家高新区"})
		if err != nil {
			return err
		}
		task, err := tx.AddNode(p.ID, goal.ID, plan.NodeFields{Code: "K2", Name: "科技创新", LeadUnitID: tech, Cooperators: []int64{street, street}, Order: 2})
		if err != nil {
			return err
		}
		if _, err := tx.AddNode(p.ID, goal.ID, plan.NodeFields{Code: "K1", Name: "产业提升", Order: 1}); err != nil {
			return err
		}
		patents, err = tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: task.ID, Code: "ZL01", Name: "专利申请量", UOM: "件",
			Direction: plan.Higher, Frequency: plan.Monthly, Semantics: plan.Flow, Aggregation: plan.Sum})
		if err != nil {
			return err
		}
		for _, u := range []int64{tech, street} {
			if _, err := tx.Assign(patents.ID, u); err != nil {
				return err
			}
		}
		if _, err := tx.SetTarget(plan.Target{IndicatorID: patents.ID, Committed: f(3200), Stretch: f(3500)}); err != nil {
			return err
		}
		if _, err := tx.SetTarget(plan.Target{IndicatorID: patents.ID, UnitID: tech, Committed: f(2800)}); err != nil {
			return err
		}
		_, err = tx.SetTarget(plan.Target{IndicatorID: patents.ID, UnitID: street, Committed: f(300)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return p, patents, [3]int64{z, tech, street}
}

func TestPlanTree(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		p, patents, u := build(t, d)
		s := plan.NewStore(d)
		got, err := s.PlanByYear(ctx, 2019)
		if err != nil || got.ID != p.ID || got.Name != "2019年度目标" {
			t.Fatalf("PlanByYear = %+v, %v", got, err)
		}
		nodes, err := s.Nodes(ctx, p.ID)
		if err != nil || len(nodes) != 3 {
			t.Fatalf("Nodes = %v, %v", nodes, err)
		}
		if nodes[0].Code != "G" || nodes[1].Code != "K1" || nodes[2].Code != "K2" || nodes[2].Depth() != 1 {
			t.Fatalf("tree order = %s %s %s", nodes[0].Code, nodes[1].Code, nodes[2].Code)
		}
		if nodes[2].LeadUnitID != u[1] || len(nodes[2].Cooperators) != 1 || nodes[2].Cooperators[0] != u[2] {
			t.Fatalf("lead and cooperators = %d %v", nodes[2].LeadUnitID, nodes[2].Cooperators)
		}
		in, err := s.IndicatorByCode(ctx, p.ID, "ZL01")
		if err != nil || in.ID != patents.ID || in.UOM != "件" || in.Semantics != plan.Flow {
			t.Fatalf("IndicatorByCode = %+v, %v", in, err)
		}
		err = s.Write(ctx, audit.System, func(tx *plan.Tx) error {
			_, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "G", Name: "重复"})
			return err
		})
		wantKey(t, err, "plan.err.code_taken")
		err = s.Write(ctx, audit.System, func(tx *plan.Tx) error {
			_, err := tx.CreatePlan(2019, "")
			return err
		})
		wantKey(t, err, "plan.err.year_taken")
	})
}

func TestIndicatorValidation(t *testing.T) {
	base := plan.Indicator{Code: "A", Name: "指标", Direction: plan.Higher, Frequency: plan.Monthly, Semantics: plan.Flow, Aggregation: plan.Sum}
	cases := []struct {
		change func(*plan.Indicator)
		key    string
	}{
		{func(in *plan.Indicator) { in.Code = " " }, "plan.err.code"},
		{func(in *plan.Indicator) { in.Direction = "up" }, "indicator.err.direction"},
		{func(in *plan.Indicator) { in.Direction = plan.Band }, "indicator.err.band"},
		{func(in *plan.Indicator) { in.Direction, in.BandLow, in.BandHigh = plan.Band, f(5), f(3) }, "indicator.err.band"},
		{func(in *plan.Indicator) { in.Frequency = "week" }, "indicator.err.frequency"},
		{func(in *plan.Indicator) { in.Aggregation = "median" }, "indicator.err.aggregation"},
		{func(in *plan.Indicator) { in.Precision = 9 }, "indicator.err.precision"},
	}
	for _, c := range cases {
		in := base
		c.change(&in)
		if verr := in.Validate(); verr == nil || verr.Key != c.key {
			t.Errorf("Validate = %v, want %s", verr, c.key)
		}
	}
	ok := base
	ok.Direction, ok.BandLow, ok.BandHigh = plan.Band, f(3), f(5)
	if verr := ok.Validate(); verr != nil {
		t.Errorf("a valid band indicator: %v", verr)
	}
}

func TestDatedTargets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		p, patents, u := build(t, d)
		s := plan.NewStore(d)
		// From July the zone target rises to 3,400; January–June keep 3,200.
		err := s.Write(ctx, audit.System, func(tx *plan.Tx) error {
			_, err := tx.SetTarget(plan.Target{IndicatorID: patents.ID, ValidFrom: 7, Committed: f(3400), Note: "年中调整"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		targets, _ := s.Targets(ctx, p.ID)
		book := plan.NewTargetBook(targets)
		for month, want := range map[int]float64{1: 3200, 6: 3200, 7: 3400, 12: 3400} {
			tg, ok := book.At(patents.ID, 0, month)
			if !ok || *tg.Committed != want {
				t.Errorf("zone target in month %d = %v, want %v", month, tg.Committed, want)
			}
		}
		if tg, _ := book.At(patents.ID, 0, 3); *tg.Stretch != 3500 || tg.TargetYear != 2019 {
			t.Errorf("stretch and year = %v %d", tg.Stretch, tg.TargetYear)
		}
		if len(book.History(patents.ID, 0)) != 2 {
			t.Errorf("history = %v", book.History(patents.ID, 0))
		}
		if tg, ok := book.At(patents.ID, u[1], 12); !ok || *tg.Committed != 2800 {
			t.Errorf("unit target = %v", tg)
		}
		// A unit the indicator was not shared to cannot get a target.
		err = s.Write(ctx, audit.System, func(tx *plan.Tx) error {
			_, err := tx.SetTarget(plan.Target{IndicatorID: patents.ID, UnitID: u[0], Committed: f(1)})
			return err
		})
		wantKey(t, err, "target.err.not_assigned")
		err = s.Write(ctx, audit.System, func(tx *plan.Tx) error {
			_, err := tx.SetTarget(plan.Target{IndicatorID: patents.ID, Committed: f(1), Profile: plan.Explicit, ProfileValues: []float64{1, 2}})
			return err
		})
		wantKey(t, err, "target.err.profile_values")
	})
}

func TestSharingGaps(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		p, patents, _ := build(t, d)
		s := plan.NewStore(d)
		inds, _ := s.Indicators(ctx, p.ID)
		as, _ := s.Assignments(ctx, p.ID)
		targets, _ := s.Targets(ctx, p.ID)
		gaps := plan.CheckSharing(inds, as, plan.NewTargetBook(targets), 12)
		// 2,800 + 300 = 3,100 < 3,200: 100 short.
		if len(gaps) != 1 || gaps[0].IndicatorID != patents.ID || gaps[0].Units != 3100 || gaps[0].Shortfall != 100 {
			t.Fatalf("gaps = %+v", gaps)
		}
	})
}

func TestCopyPlan(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		p, patents, u := build(t, d)
		s := plan.NewStore(d)
		s.Write(ctx, audit.System, func(tx *plan.Tx) error {
			_, err := tx.SetTarget(plan.Target{IndicatorID: patents.ID, ValidFrom: 9, Committed: f(3300)})
			return err
		})
		next, err := s.CopyPlan(ctx, audit.System, 2019, 2020)
		if err != nil || next.Year != 2020 || next.CopiedFrom != p.ID {
			t.Fatalf("CopyPlan = %+v, %v", next, err)
		}
		nodes, _ := s.Nodes(ctx, next.ID)
		inds, _ := s.Indicators(ctx, next.ID)
		as, _ := s.Assignments(ctx, next.ID)
		targets, _ := s.Targets(ctx, next.ID)
		if len(nodes) != 3 || len(inds) != 1 || len(as) != 2 || len(targets) != 3 {
			t.Fatalf("copy has %d nodes, %d indicators, %d assignments, %d targets", len(nodes), len(inds), len(as), len(targets))
		}
		book := plan.NewTargetBook(targets)
		if tg, ok := book.At(inds[0].ID, 0, 1); !ok || *tg.Committed != 3300 || tg.TargetYear != 2020 {
			t.Fatalf("copied zone target = %+v", tg)
		}
		if tg, ok := book.At(inds[0].ID, u[2], 1); !ok || *tg.Committed != 300 {
			t.Fatalf("copied unit target = %+v", tg)
		}
		// The old year is untouched.
		old, _ := s.Targets(ctx, p.ID)
		if len(old) != 4 {
			t.Fatalf("2019 now has %d targets", len(old))
		}
		if _, err := s.CopyPlan(ctx, audit.System, 2019, 2020); err == nil {
			t.Fatal("copying onto an existing year succeeded")
		}
	})
}
