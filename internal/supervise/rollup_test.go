package supervise_test

import (
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
	"gaoxin/internal/supervise"
)

// no is a month without a figure: a rate of which nothing fell due.
const no = -1.0

// Indicators bound to the tasks and the requests get, month by month, the
// figures counted by hand below from the tasks' and requests' days:
// closed on time (a flow), the on-time rate and the overdue count of the
// zone, requests received (for the office, the source unit, since no
// bureau is assigned) and the firms' satisfaction.
func TestBoundIndicators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		rs := report.NewStore(d)
		if _, err := rs.OpenYear(ctx, audit.System, 2019, 10, 3); err != nil {
			t.Fatal(err)
		}
		type spec struct {
			code, binding string
			sem           plan.Semantics
			units         []string
		}
		specs := []spec{
			{"DC01", "supervise:tasks closed_ontime", plan.Flow, []string{"JXJ", "XCJD"}},
			{"DC02", "supervise:tasks  ontime_rate", plan.Ratio, []string{"JXJ"}},
			{"DC03", "supervise:tasks overdue", plan.Stock, []string{"GX"}},
			{"QY01", "supervise:requests count", plan.Flow, []string{"DCS"}},
			{"QY02", "supervise:requests satisfaction", plan.Ratio, []string{"JXJ"}},
		}
		ind := map[string]plan.Indicator{}
		assigned := map[string]map[string]int64{}
		err := plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
			p, err := tx.CreatePlan(2019, "")
			if err != nil {
				return err
			}
			node, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "S5", Name: "工作落实"})
			if err != nil {
				return err
			}
			for i, s := range specs {
				in, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: node.ID, Code: s.code, Name: s.code, UOM: "个",
					Direction: plan.Higher, Frequency: plan.Monthly, Semantics: s.sem, Aggregation: plan.Sum, Order: i, SourceUnitID: w.unit["DCS"]})
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
		for _, s := range specs {
			if err := w.s.Bind(ctx, w.actor["ducha"], ind[s.code].ID, s.binding); err != nil {
				t.Fatalf("bind %s: %v", s.code, err)
			}
		}
		office, unit := w.actor["ducha"], w.actor["jingji.tb"]
		// T1 of 经济发展局 closed on time in March; T2 closed late in May; the
		// street's T3 never done, overdue from June; T4 closed on time in June.
		t1 := w.task(t, func(t *supervise.Task) { t.Deadline, t.Milestones = "2019-03-31", nil })
		t2 := w.task(t, func(t *supervise.Task) { t.Deadline, t.Milestones = "2019-04-30", nil })
		w.task(t, func(t *supervise.Task) {
			t.LeadUnitID, t.Cooperators, t.Deadline, t.Milestones = w.unit["XCJD"], nil, "2019-05-31", nil
		})
		t4 := w.task(t, func(t *supervise.Task) {
			t.LeadUnitID, t.Cooperators, t.Deadline, t.Milestones = w.unit["XCJD"], nil, "2019-06-30", nil
		})
		closeTask := func(id int64, asked, approved string) {
			t.Helper()
			w.on(asked)
			if err := w.s.RequestClose(ctx, unit, id, asked, "", "验收材料"); err != nil {
				t.Fatal(err)
			}
			w.on(approved)
			if err := w.s.DecideClose(ctx, office, id, true, ""); err != nil {
				t.Fatal(err)
			}
		}
		closeTask(t1.ID, "2019-03-25", "2019-03-28")
		closeTask(t2.ID, "2019-05-10", "2019-05-12")
		closeTask(t4.ID, "2019-06-20", "2019-06-21")
		// R1 answered on time and rated 5 in February; R2 sent online and
		// not routed; R3 answered and rated 3 in March.
		handle := func(received, answered, rated string, stars int) {
			t.Helper()
			w.on(received)
			r := firmRequest()
			r.ReceivedOn = received
			r, err := w.s.Log(ctx, office, r)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.s.Assign(ctx, office, r.ID, w.unit["JXJ"], ""); err != nil {
				t.Fatal(err)
			}
			w.on(answered)
			if _, err := w.s.Answer(ctx, unit, r.ID, "已办理"); err != nil {
				t.Fatal(err)
			}
			_, token, err := w.s.Close(ctx, office, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			w.on(rated)
			if _, err := w.s.Rate(ctx, token, stars, ""); err != nil {
				t.Fatal(err)
			}
		}
		handle("2019-02-10", "2019-02-14", "2019-02-20", 5)
		w.on("2019-03-05")
		if _, err := w.s.Submit(ctx, "192.0.2.1", firmRequest()); err != nil {
			t.Fatal(err)
		}
		handle("2019-03-20", "2019-03-26", "2019-03-28", 3)
		w.on("2019-12-09")
		if err := w.s.Refresh(ctx, office, 2019); err != nil {
			t.Fatal(err)
		}
		want := map[string]map[string][11]float64{
			"DC01": {"JXJ": {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, "XCJD": {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}},
			"DC02": {"JXJ": {no, no, 100, 50, 50, 50, 50, 50, 50, 50, 50}},
			"DC03": {"GX": {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}},
			"QY01": {"DCS": {0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0}},
			"QY02": {"JXJ": {no, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4}},
		}
		values, err := w.s.Rollup(ctx, 2019)
		if err != nil {
			t.Fatal(err)
		}
		for code, units := range want {
			for u, months := range units {
				id := assigned[code][u]
				for m, v := range months {
					p, err := rs.PeriodOf(ctx, 2019, m+1)
					if err != nil {
						t.Fatal(err)
					}
					figs, err := rs.Figures(ctx, p.ID, []int64{id})
					if err != nil {
						t.Fatal(err)
					}
					f, stored := figs[id]
					computed := values[ind[code].ID][id][m]
					switch {
					case v == no && (stored && f.Value != nil || computed != nil):
						t.Errorf("%s of %s in month %d has a figure, want none", code, u, m+1)
					case v != no && (!stored || f.Value == nil || *f.Value != v || f.Status != report.Approved):
						t.Errorf("%s of %s in month %d = %+v, want %v approved", code, u, m+1, f, v)
					case v != no && (computed == nil || *computed != v):
						t.Errorf("Rollup: %s of %s in month %d = %v, want %v", code, u, m+1, computed, v)
					}
				}
			}
		}
		if err := w.s.Bind(ctx, office, ind["DC01"].ID, "supervise:tasks late"); err == nil {
			t.Error("an unknown measure was bound")
		}
	})
}
