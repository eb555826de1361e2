package planio

import (
	"math"
	"testing"

	"gaoxin/internal/plan"
)

func ptr(v float64) *float64 { return &v }

func TestProfileTarget(t *testing.T) {
	inForce := plan.Target{ID: 7, IndicatorID: 1, UnitID: 2, ValidFrom: 1, Committed: ptr(1200), Stretch: ptr(1500), Baseline: ptr(600), TargetYear: 2019}
	cases := []struct {
		name      string
		sem       plan.Semantics
		monthly   map[int]float64
		ytd       map[int]float64
		committed float64
		want      []float64
	}{
		// Monthly amounts add up; February is filled by time (200), March adds to it.
		{"flow monthly", plan.Flow, map[int]float64{1: 90, 3: 150}, nil, 1200,
			[]float64{90, 200, 350, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200}},
		// A December year-to-date target is the committed target from now on.
		{"cumulative to December", plan.Cumulative, nil, map[int]float64{6: 700, 12: 1300}, 1300,
			[]float64{1300.0 / 12, 1300.0 * 2 / 12, 325, 1300.0 * 4 / 12, 1300.0 * 5 / 12, 700, 1300.0 * 7 / 12, 1300.0 * 8 / 12, 975, 1300.0 * 10 / 12, 1300.0 * 11 / 12, 1300}},
		// A ratio's monthly target is its level; the other months hold the target.
		{"ratio", plan.Ratio, map[int]float64{1: 1000, 2: 1100}, nil, 1200,
			[]float64{1000, 1100, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200}},
		// A stock moves from last year's 600 towards 1,200.
		{"stock", plan.Stock, nil, map[int]float64{3: 900}, 1200,
			[]float64{650, 700, 900, 800, 850, 900, 950, 1000, 1050, 1100, 1150, 1200}},
		// Zero in December is "no target": the year is not scored, and the
		// months the file lacks are filled from it.
		{"zero", plan.Ratio, nil, map[int]float64{1: 0, 12: 0}, 0,
			[]float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	}
	for _, c := range cases {
		mt := &monthTargets{indicatorID: 1, unitID: 2}
		for m, v := range c.monthly {
			mt.monthly[m-1] = ptr(v)
		}
		for m, v := range c.ytd {
			mt.ytd[m-1] = ptr(v)
		}
		got, msg := profileTarget(c.sem, inForce, true, mt, 2019)
		if msg != nil {
			t.Fatalf("%s: %v", c.name, msg)
		}
		if got.ID != 0 || got.Profile != plan.Explicit || *got.Committed != c.committed || *got.Stretch != 1500 || got.ValidFrom != 1 {
			t.Errorf("%s: target = %+v", c.name, got)
		}
		for i, w := range c.want {
			if math.Abs(got.ProfileValues[i]-w) > 1e-9 {
				t.Errorf("%s: month %d = %v, want %v", c.name, i+1, got.ProfileValues[i], w)
			}
		}
	}
}

func TestProfileTargetRefusals(t *testing.T) {
	mt := &monthTargets{}
	mt.ytd[0] = ptr(10)
	if _, msg := profileTarget(plan.Flow, plan.Target{}, false, mt, 2019); msg == nil || msg.Key != "planio.profile_no_year" {
		t.Errorf("no December and no target in force: %v", msg)
	}
	multi := plan.Target{Committed: ptr(60), TargetYear: 2021}
	if _, msg := profileTarget(plan.Stock, multi, true, mt, 2019); msg == nil || msg.Key != "planio.profile_multi_year" || msg.Args[0] != 2021 {
		t.Errorf("a multi-year target: %v", msg)
	}
	mt.ytd[11] = ptr(120)
	got, msg := profileTarget(plan.Flow, plan.Target{}, false, mt, 2019)
	if msg != nil || *got.Committed != 120 || got.ProfileValues[0] != 10 || got.ProfileValues[5] != 60 {
		t.Errorf("December alone gives the year: %+v, %v", got, msg)
	}
}
