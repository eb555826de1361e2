package attract_test

import (
	"slices"
	"testing"

	"gaoxin/internal/attract"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// signing is a lead of the roll-up test and, written by hand, the day it
// stands signed on at the end (the last time it reached 签约, "" when it
// has since gone back below).
type signing struct {
	code, unit string
	flag       attract.Flag
	kind       attract.Kind
	received   string
	steps      []string // stage, day, …
	signed     string
}

// boundSpec is one indicator of the test's plan: what it counts and
// where it is shared.
type boundSpec struct {
	code    string
	sem     plan.Semantics
	binding string
	flag    attract.Flag // the binding's filter, "" for none
	units   []string
}

// expected counts, from the test's own table, the leads an assignment of
// the indicator counts in each month, January to November: a lead counts
// for its owner unit's assignment, else the zone's (its only ancestor
// here), else the source unit's (投资促进局).
func expected(spec boundSpec, leads []signing) map[string][11]float64 {
	out := map[string][11]float64{}
	for _, u := range spec.units {
		out[u] = [11]float64{}
	}
	for _, l := range leads {
		if len(l.signed) < 7 || l.signed[:4] != "2019" || spec.flag != "" && l.flag != spec.flag {
			continue
		}
		var unit string
		for _, u := range []string{l.unit, "GX", "TCJ"} {
			if slices.Contains(spec.units, u) {
				unit = u
				break
			}
		}
		if unit == "" {
			continue
		}
		month := int(l.signed[5]-'0')*10 + int(l.signed[6]-'0')
		months := out[unit]
		for m := 1; m <= 11; m++ {
			if m == month || spec.sem == plan.Cumulative && m > month {
				months[m-1]++
			}
		}
		out[unit] = months
	}
	return out
}

// Indicators bound to the leads get figures that count the leads signed:
// 签约引进项目 by month for 投资促进局 and the park, the same so far this
// year for the zone, and only the 世界500强 by month. A lead moved back
// below 签约 stops counting; one signed in 2018 never counts for 2019.
func TestBoundIndicators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		rs := report.NewStore(d)
		if _, err := rs.OpenYear(ctx, audit.System, 2019, 10, 3); err != nil {
			t.Fatal(err)
		}
		specs := []boundSpec{
			{"SZ04", plan.Flow, "attract:signed", "", []string{"TCJ", "GDY"}},
			{"SZ04C", plan.Cumulative, "  attract:signed ", "", []string{"GX"}},
			{"SZ04F", plan.Flow, "attract:signed  flag=fortune500", attract.Fortune500, []string{"TCJ", "GDY"}},
		}
		ind := map[string]plan.Indicator{}
		assigned := map[string]map[string]int64{} // indicator → unit code → assignment
		err := plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
			p, err := tx.CreatePlan(2019, "")
			if err != nil {
				return err
			}
			node, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "S3", Name: "双招双引"})
			if err != nil {
				return err
			}
			for i, s := range specs {
				in, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: node.ID, Code: s.code, Name: "签约引进项目", UOM: "个",
					Direction: plan.Higher, Frequency: plan.Monthly, Semantics: s.sem, Aggregation: plan.Sum, Order: i,
					SourceUnitID: w.unit["TCJ"]})
				if err != nil {
					return err
				}
				ind[s.code], assigned[s.code] = in, map[string]int64{}
				for _, u := range s.units {
					a, err := tx.Assign(in.ID, w.unit[u])
					if err != nil {
						return err
					}
					assigned[s.code][u] = a.ID
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		leads := []signing{
			{"S1", "TCJ", attract.Fortune500, "", "2019-01-05", []string{"signed", "2019-01-15"}, "2019-01-15"},
			{"S2", "TCJ", "", "", "2019-02-01", []string{"signed", "2019-03-02"}, "2019-03-02"},
			{"S3", "GDY", attract.Fortune500, "", "2019-03-01", []string{"signed", "2019-03-28", "funded", "2019-06-01"}, "2019-03-28"},
			{"S4", "GDY", "", "", "2019-04-01", []string{"signed", "2019-05-10", "talks", "2019-07-01"}, ""},
			{"S5", "TCJ", attract.Fortune500, "", "2018-10-01", []string{"signed", "2018-11-20", "funded", "2019-04-02"}, "2018-11-20"},
			{"S6", "GX", "", "", "2019-07-01", []string{"signed", "2019-08-08"}, "2019-08-08"},
			{"S7", "GDY", "", attract.Talent, "2019-10-01", []string{"talks", "2019-10-20", "signed", "2019-11-05"}, "2019-11-05"},
			{"S8", "GDY", attract.Fortune500, "", "2019-11-20", []string{"signed", "2019-12-02"}, "2019-12-02"},
			{"S9", "TCJ", attract.Fortune500, "", "2019-06-01", []string{"talks", "2019-06-02"}, ""},
			{"S10", "TCJ", attract.Fortune500, "", "2019-01-20", []string{"signed", "2019-02-10", "talks", "2019-04-01", "signed", "2019-09-09"}, "2019-09-09"},
			{"S11", "GDY", attract.Fortune500, attract.Team, "2019-05-01", []string{"starting", "2019-06-30"}, "2019-06-30"},
		}
		created := map[string]attract.Lead{}
		for _, s := range leads {
			l := attract.Lead{Code: s.code, Name: "项目" + s.code, Kind: s.kind, OwnerUnitID: w.unit[s.unit], ReceivedOn: s.received}
			if s.flag != "" {
				l.Flags = []attract.Flag{s.flag}
			}
			l = w.lead(t, l)
			w.walk(t, l, s.steps...)
			created[s.code] = l
			if got, _ := w.s.Lead(ctx, l.ID); got.SignedOn != s.signed {
				t.Fatalf("%s signed on %q, the test says %q", s.code, got.SignedOn, s.signed)
			}
		}
		for _, s := range specs {
			if err := w.s.Bind(ctx, office, ind[s.code].ID, s.binding); err != nil {
				t.Fatalf("bind %s: %v", s.code, err)
			}
		}
		check := func(when string) {
			t.Helper()
			values, err := w.s.Rollup(ctx, 2019)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range specs {
				for unit, months := range expected(s, leads) {
					id := assigned[s.code][unit]
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
							t.Errorf("%s: %s of %s in month %d = %+v, want %v approved", when, s.code, unit, m+1, f, v)
						}
						if r := values[ind[s.code].ID][id][m]; r == nil || *r != v {
							t.Errorf("%s: Rollup gives %s of %s in month %d = %v, want %v", when, s.code, unit, m+1, r, v)
						}
					}
					p, _ := rs.PeriodOf(ctx, 2019, 12)
					if figs, _ := rs.Figures(ctx, p.ID, []int64{id}); figs[id].Value != nil {
						t.Errorf("%s: %s of %s has a December figure before December opens", when, s.code, unit)
					}
				}
			}
		}
		// The counts are not all zero: a hand count of the zone's so far.
		if got := expected(specs[1], leads)["GX"]; got != [11]float64{1, 1, 3, 3, 3, 4, 4, 5, 6, 6, 7} {
			t.Fatalf("the test's own count of SZ04C: %v", got)
		}
		check("bound")

		// S2 goes back to talks in November: March loses it, and so does
		// every month so far. S3 passes from the park to 投资促进局.
		w.walk(t, created["S2"], "talks", "2019-11-05")
		leads[1].signed = ""
		s3, _ := w.s.Lead(ctx, created["S3"].ID)
		s3.OwnerUnitID = w.unit["TCJ"]
		if _, err := w.s.Update(ctx, office, s3); err != nil {
			t.Fatal(err)
		}
		leads[2].unit = "TCJ"
		check("after S2 went back and S3 moved")

		// Bindings the leads cannot produce are refused and change nothing.
		for _, bad := range []string{"attract:signed flag=unicorn", "attract:reached", "attract:signed kind", "attract:signed channel=",
			"project:invest", "attract:"} {
			if err := w.s.Bind(ctx, office, ind["SZ04"].ID, bad); !isKey(err, "attract.err.binding") {
				t.Errorf("binding %q: %v", bad, err)
			}
		}
		if in, err := plan.IndicatorIn(ctx, d, ind["SZ04F"].ID); err != nil || in.Binding != "attract:signed flag=fortune500" {
			t.Errorf("SZ04F bound to %q, %v", in.Binding, err)
		}
		if in, err := plan.IndicatorIn(ctx, d, ind["SZ04"].ID); err != nil || in.Binding != "attract:signed" {
			t.Errorf("SZ04 bound to %q after refusals, %v", in.Binding, err)
		}
		check("after the refused bindings")
	})
}
