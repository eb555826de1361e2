package enterprise_test

import (
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// The figures of indicators bound to the registry are the counts a test
// works out from the grants it made: 新认定高新技术企业 by month and so far
// this year, counted for 科技创新局 (the indicator's source unit, since no
// street is assigned it), and 瞪羚企业 held at each month's end, counted for
// each street. A tier ended moves them at once.
func TestBoundIndicators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		units := org.NewStore(d)
		zone, _ := units.ByCode(ctx, "GX")
		kcj, err := units.Create(ctx, audit.System, org.Fields{Code: "KCJ", Name: "科技创新局", Kind: org.KindDepartment}, zone.ID)
		if err != nil {
			t.Fatal(err)
		}
		rs := report.NewStore(d)
		if _, err := rs.OpenYear(ctx, audit.System, 2019, 10, 3); err != nil {
			t.Fatal(err)
		}
		ind := map[string]plan.Indicator{}
		assigned := map[string]map[int64]int64{}
		err = plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
			p, err := tx.CreatePlan(2019, "")
			if err != nil {
				return err
			}
			node, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "K2", Name: "科技创新"})
			if err != nil {
				return err
			}
			for i, spec := range []struct {
				code string
				sem  plan.Semantics
				to   []int64
			}{
				{"KJ04", plan.Flow, []int64{kcj.ID}},
				{"KJ04C", plan.Cumulative, []int64{kcj.ID}},
				{"KJ05", plan.Stock, []int64{w.street["XC"], w.street["QC"]}},
			} {
				in, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: node.ID, Code: spec.code, Name: spec.code, UOM: "家",
					Direction: plan.Higher, Frequency: plan.Monthly, Semantics: spec.sem, Aggregation: plan.Sum, Order: i, SourceUnitID: kcj.ID})
				if err != nil {
					return err
				}
				ind[spec.code] = in
				assigned[spec.code] = map[int64]int64{}
				for _, u := range spec.to {
					a, err := tx.Assign(in.ID, u)
					if err != nil {
						return err
					}
					assigned[spec.code][u] = a.ID
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		a := w.firm(t, "潍柴动力股份有限公司", "XC")
		b := w.firm(t, "福田汽车潍坊工厂", "XC")
		c := w.firm(t, "歌尔股份有限公司", "QC")
		dd := w.firm(t, "华辰制药有限公司", "QC")
		w.grant(t, a, enterprise.HighTech, "2019-03-15")
		w.grant(t, b, enterprise.HighTech, "2019-03-20")
		w.grant(t, c, enterprise.HighTech, "2019-07-01")
		w.grant(t, dd, enterprise.HighTech, "2018-11-30")
		w.grant(t, a, enterprise.Gazelle, "2018-06-01")
		cg := w.grant(t, c, enterprise.Gazelle, "2019-05-10")
		bg := w.grant(t, b, enterprise.Gazelle, "2019-02-01")
		if err := w.s.End(ctx, audit.System, bg.ID, "2019-09-15", "复核不达标，退出瞪羚企业"); err != nil {
			t.Fatal(err)
		}
		for code, b := range map[string]string{"KJ04": "enterprise:granted hightech", "KJ04C": " enterprise:granted  hightech ", "KJ05": "enterprise:holding gazelle"} {
			if err := w.s.Bind(ctx, audit.System, ind[code].ID, b); err != nil {
				t.Fatalf("bind %s: %v", code, err)
			}
		}
		if err := w.s.Bind(ctx, audit.System, ind["KJ05"].ID, "enterprise:holding unicorns"); err == nil {
			t.Fatal("a binding to no tier was taken")
		}
		// month → want, January to November (December is not open on 9 December).
		want := map[string]map[int64][11]float64{
			"KJ04":  {kcj.ID: {0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0}},
			"KJ04C": {kcj.ID: {0, 0, 2, 2, 2, 2, 3, 3, 3, 3, 3}},
			"KJ05": {
				w.street["XC"]: {1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1},
				w.street["QC"]: {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1},
			},
		}
		check := func() {
			t.Helper()
			for code, byUnit := range want {
				for unit, months := range byUnit {
					id := assigned[code][unit]
					for m, v := range months {
						p, err := rs.PeriodOf(ctx, 2019, m+1)
						if err != nil {
							t.Fatal(err)
						}
						figs, err := rs.Figures(ctx, p.ID, []int64{id})
						if err != nil {
							t.Fatal(err)
						}
						f, ok := figs[id]
						if !ok || f.Value == nil || *f.Value != v || f.Status != report.Approved {
							t.Errorf("%s of unit %d in month %d = %+v, want %v approved", code, unit, m+1, f, v)
						}
					}
					p, _ := rs.PeriodOf(ctx, 2019, 12)
					if figs, _ := rs.Figures(ctx, p.ID, []int64{id}); figs[id].Value != nil {
						t.Errorf("%s has a December figure before December opens", code)
					}
				}
			}
		}
		check()
		// 歌尔 leaves the gazelles on 20 November: 清池's November drops to 0.
		if err := w.s.End(ctx, audit.System, cg.ID, "2019-11-20", "营业收入增速未达标"); err != nil {
			t.Fatal(err)
		}
		qc := want["KJ05"][w.street["QC"]]
		qc[10] = 0
		want["KJ05"][w.street["QC"]] = qc
		check()
	})
}
