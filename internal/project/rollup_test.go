package project_test

import (
	"reflect"
	"slices"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/plan"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
)

// pjBound is one indicator of the roll-up's plan and its binding.
type pjBound struct {
	code, binding string
	uom           string
	sem           plan.Semantics
}

var pjBounds = []pjBound{
	{"TZ01", "project:invest category=industrial", "亿元", plan.Flow},
	{"TZ02", "project:invest", "万元", plan.Cumulative},
	{"XM01", "project:count", "个", plan.Stock},
	{"XM02", "project:total", "亿元", plan.Stock},
	{"XM03", "project:done:start", "个", plan.Flow},
	{"XM04", "project:done:start", "个", plan.Cumulative},
}

// pjRollup is the roll-up fixture: a 2019 plan whose bound indicators and
// one reported indicator (ZL01) are shared to 发展改革局 and 新城街道, and a
// model of the rows, from which the test computes every figure itself.
type pjRollup struct {
	*pjWorld
	indicators map[string]plan.Indicator
	assigned   map[string]map[int64]int64 // indicator code → unit → assignment
	projects   []*pjModelProject
	counted    map[int64]map[int]float64 // project → month → counted investment
	started    map[int64]int             // project → month its start node was done
}

type pjModelProject struct {
	project.Project
	planned bool
}

func pjNewRollup(t *testing.T, d *db.DB) *pjRollup {
	t.Helper()
	r := &pjRollup{pjWorld: pjNewWorld(t, d), indicators: map[string]plan.Indicator{}, assigned: map[string]map[int64]int64{},
		counted: map[int64]map[int]float64{}, started: map[int64]int{}}
	err := plan.NewStore(d).Write(pjCtx, audit.System, func(tx *plan.Tx) error {
		p, err := tx.CreatePlan(2019, "")
		if err != nil {
			return err
		}
		node, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "K3", Name: "重点项目建设"})
		if err != nil {
			return err
		}
		all := append(slices.Clone(pjBounds), pjBound{code: "ZL01", uom: "件", sem: plan.Flow})
		for i, b := range all {
			in, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: node.ID, Code: b.code, Name: b.code, UOM: b.uom,
				Direction: plan.Higher, Frequency: plan.Monthly, Semantics: b.sem, Aggregation: plan.Sum, Order: i})
			if err != nil {
				return err
			}
			r.indicators[b.code] = in
			r.assigned[b.code] = map[int64]int64{}
			for _, u := range []int64{r.fgj, r.xc} {
				a, err := tx.Assign(in.ID, u)
				if err != nil {
					return err
				}
				r.assigned[b.code][u] = a.ID
			}
			if _, err := tx.SetTarget(plan.Target{IndicatorID: in.ID, Committed: pjNum(100)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *pjRollup) project(t *testing.T, p project.Project, planned float64) *pjModelProject {
	t.Helper()
	mp := &pjModelProject{Project: r.add(t, p, planned, nil), planned: planned > 0}
	r.projects = append(r.projects, mp)
	return mp
}

// submit submits month m's reports in the month's window and records them
// as counted.
func (r *pjRollup) submit(t *testing.T, m int, values map[*pjModelProject]float64) {
	t.Helper()
	byID := map[int64]float64{}
	for p, v := range values {
		byID[p.ID] = v
		if r.counted[p.ID] == nil {
			r.counted[p.ID] = map[int]float64{}
		}
		r.counted[p.ID][m] = v
	}
	r.submitMonth(t, m, byID)
}

// chief is the assigned unit a project's lead unit counts for: itself or
// its nearest assigned ancestor (新城产业园 counts for 新城街道), 0 for none.
func (r *pjRollup) chief(unit int64) int64 {
	switch unit {
	case r.fgj:
		return r.fgj
	case r.xc, r.park:
		return r.xc
	}
	return 0
}

// want computes, from the model, an indicator's figure for a unit and month.
func (r *pjRollup) want(code string, unit int64, m int) *float64 {
	var selected []*pjModelProject
	for _, p := range r.projects {
		if p.planned && r.chief(p.LeadUnitID) == unit && (code != "TZ01" || p.Category == "industrial") {
			selected = append(selected, p)
		}
	}
	if len(selected) == 0 {
		return nil
	}
	sum, any := 0.0, false
	for _, p := range selected {
		switch code {
		case "TZ01": // flow, 万元 → 亿元
			if v, ok := r.counted[p.ID][m]; ok {
				sum, any = sum+v/10000, true
			}
		case "TZ02": // cumulative: the year to date, in a month with a report
			if _, ok := r.counted[p.ID][m]; ok {
				any = true
			}
			for k := 1; k <= m; k++ {
				sum += r.counted[p.ID][k]
			}
		case "XM01":
			sum, any = sum+1, true
		case "XM02":
			sum, any = sum+p.TotalInvestment/10000, true
		case "XM03":
			if r.started[p.ID] == m {
				sum++
			}
			any = true
		case "XM04":
			if s := r.started[p.ID]; s > 0 && s <= m {
				sum++
			}
			any = true
		}
	}
	if !any {
		return nil
	}
	return &sum
}

// check compares the produced figures of the given months with the model,
// for every bound indicator and both units.
func (r *pjRollup) check(t *testing.T, months ...int) {
	t.Helper()
	for _, m := range months {
		for _, b := range pjBounds {
			ids := []int64{r.assigned[b.code][r.fgj], r.assigned[b.code][r.xc]}
			figures, err := r.rs.Figures(pjCtx, r.month(m).ID, ids)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range []int64{r.fgj, r.xc} {
				f, ok := figures[r.assigned[b.code][u]]
				want := r.want(b.code, u, m)
				var got *float64
				if ok {
					got = f.Value
					if f.Status != report.Approved {
						t.Errorf("%s of %s in month %d is %s", b.code, r.unitName[u], m, f.Status)
					}
				}
				if !pjNearPtr(got, want) {
					t.Errorf("%s of %s in month %d = %v, want %v", b.code, r.unitName[u], m, pjShow(got), pjShow(want))
				}
			}
		}
	}
}

// noFigures checks that no bound figure exists in the given months.
func (r *pjRollup) noFigures(t *testing.T, months ...int) {
	t.Helper()
	for _, m := range months {
		for _, b := range pjBounds {
			figures, err := r.rs.Figures(pjCtx, r.month(m).ID, []int64{r.assigned[b.code][r.fgj], r.assigned[b.code][r.xc]})
			if err != nil {
				t.Fatal(err)
			}
			if len(figures) != 0 {
				t.Errorf("%s has figures in month %d, which has not opened: %+v", b.code, m, figures)
			}
		}
	}
}

// ytd is the model's year to date at month for a unit, as the dashboard
// reads it: the sum of a flow, the latest figure of the others.
func (r *pjRollup) ytd(code string, sem plan.Semantics, unit int64, month int) *float64 {
	var out *float64
	for m := 1; m <= month; m++ {
		v := r.want(code, unit, m)
		switch {
		case v == nil:
		case sem == plan.Flow && out != nil:
			*out += *v
		default:
			c := *v
			out = &c
		}
	}
	return out
}

// checkBoard compares the dashboard's year to date at November with the
// model, for every bound indicator, unit and (for the flows) the zone.
func (r *pjRollup) checkBoard(t *testing.T) {
	t.Helper()
	board, err := dashboard.Load(pjCtx, r.d, 2019, 11)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range pjBounds {
		row := board.Indicator(r.indicators[b.code].ID)
		zone, zoneOK := 0.0, false
		for _, up := range row.ByUnit {
			want := r.ytd(b.code, b.sem, up.Unit.ID, 11)
			var got *float64
			if up.YTD.OK {
				got = &up.YTD.V
			}
			if !pjNearPtr(got, want) {
				t.Errorf("board: %s of %s year to date = %v, want %v", b.code, up.Unit.Name, pjShow(got), pjShow(want))
			}
			if want != nil {
				zone, zoneOK = zone+*want, true
			}
		}
		if b.sem == plan.Flow && (row.Zone.YTD.OK != zoneOK || !pjNear(row.Zone.YTD.V, zone)) {
			t.Errorf("board: %s of the zone = %+v, want %v", b.code, row.Zone.YTD, zone)
		}
	}
}

func (r *pjRollup) bindAll(t *testing.T) {
	t.Helper()
	for _, b := range pjBounds {
		if err := r.s.Bind(pjCtx, r.office, r.indicators[b.code].ID, " "+b.binding+" "); err != nil {
			t.Fatalf("bind %s: %v", b.code, err)
		}
	}
}

// TestRollup runs a year of reports in the order they arrive, January to
// November, with the indicators bound in January, and holds the produced
// figures and the dashboard to sums computed here from the rows.
func TestRollup(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := pjNewRollup(t, d)
		p1 := r.project(t, project.Project{Code: "P1", Category: "industrial", LeadUnitID: r.fgj, TotalInvestment: 50000}, 12000)
		p2 := r.project(t, project.Project{Code: "P2", Category: "industrial", LeadUnitID: r.xc, TotalInvestment: 30000}, 6000)
		p3 := r.project(t, project.Project{Code: "P3", Category: "industrial", LeadUnitID: r.park, TotalInvestment: 20000}, 8000)
		p4 := r.project(t, project.Project{Code: "P4", Category: "infrastructure", LeadUnitID: r.xc, TotalInvestment: 10000}, 5000)
		p5 := r.project(t, project.Project{Code: "P5", Category: "industrial", LeadUnitID: r.jsj, TotalInvestment: 8000}, 3000)
		p6 := r.project(t, project.Project{Code: "P6", Category: "service", LeadUnitID: r.fgj, TotalInvestment: 4000}, 0) // no 2019 plan

		// Bound on 26 January, when only January has opened.
		r.clock.on("2019-01-26")
		pjWantInvalid(t, r.s.Bind(pjCtx, r.office, r.indicators["TZ01"].ID, "project:area"), "binding", "project.err.binding")
		r.bindAll(t)
		if in, _ := plan.NewStore(d).Indicator(pjCtx, r.indicators["TZ01"].ID); in.Binding != "project:invest category=industrial" || !in.Bound() {
			t.Fatalf("binding = %q", in.Binding)
		}
		r.check(t, 1)
		r.noFigures(t, 2, 3, 12)

		values := func(m int) map[*pjModelProject]float64 {
			out := map[*pjModelProject]float64{p1: 1000 + 10*float64(m), p2: 450.5, p3: 600, p4: 400 + float64(m), p5: 250}
			if m%3 == 0 {
				delete(out, p2) // 新城's own industrial project misses a quarter's last month
			}
			if m == 4 {
				out[p6] = 100
			}
			return out
		}
		for m := 1; m <= 10; m++ {
			r.submit(t, m, values(m))
			if m == 3 || m == 6 {
				// Nodes are set when the month after is reported.
				r.inWindow(m)
				p, day := p1, "2019-03-15"
				if m == 6 {
					p, day = p3, "2019-06-20"
				}
				if err := r.s.SetNode(pjCtx, r.office, project.Node{ProjectID: p.ID, Stage: "start", PlannedOn: day, ActualOn: day, Done: true, Evidence: "开工令"}); err != nil {
					t.Fatal(err)
				}
				r.started[p.ID] = m
				r.clock.on("2019-12-09")
			}
			// The month just reported is produced; the next has not opened.
			r.check(t, m)
			r.noFigures(t, m+1)
		}
		// 1,030 万元 in March is 0.103 亿元.
		if got := r.want("TZ01", r.fgj, 3); !pjNear(*got, 0.103) {
			t.Fatalf("the model's March = %v", *got)
		}

		// November, on 9 December. The office refreshes the year once the
		// month opens (a unit's figures are refreshed when its rows move).
		r.clock.on("2019-12-09")
		if err := r.s.Refresh(pjCtx, r.office, 2019); err != nil {
			t.Fatal(err)
		}
		r.check(t, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
		r.noFigures(t, 12)
		r.checkBoard(t)
		before, _ := dashboard.Load(pjCtx, d, 2019, 11)
		beforeFGJ := unitYTD(before, r.indicators["TZ01"].ID, r.fgj)

		r.submit(t, 11, map[*pjModelProject]float64{p1: 2000, p2: 500, p3: 700, p4: 300})
		r.check(t, 10, 11)
		r.checkBoard(t)
		after, _ := dashboard.Load(pjCtx, d, 2019, 11)
		if got := unitYTD(after, r.indicators["TZ01"].ID, r.fgj); !pjNear(got, beforeFGJ+0.2) {
			t.Errorf("发展改革局's year to date after November = %v, want %v", got, beforeFGJ+0.2)
		}

		// The head confirms 新城's reports; the office returns P1 and P2.
		nov := r.month(11)
		if err := r.s.Move(pjCtx, r.head, nov, []int64{p2.ID, p3.ID}, report.StepConfirm, ""); err != nil {
			t.Fatal(err)
		}
		if err := r.s.Move(pjCtx, r.office, nov, []int64{p1.ID, p2.ID}, report.StepReturn, "与统计口径不符"); err != nil {
			t.Fatal(err)
		}
		delete(r.counted[p1.ID], 11)
		delete(r.counted[p2.ID], 11)
		r.check(t, 11)
		r.checkBoard(t)
		back, _ := dashboard.Load(pjCtx, d, 2019, 11)
		if got := unitYTD(back, r.indicators["TZ01"].ID, r.fgj); !pjNear(got, beforeFGJ) {
			t.Errorf("发展改革局's year to date after the return = %v, want %v as before November", got, beforeFGJ)
		}
		if f := r.figure(t, "TZ01", r.fgj, 11); f.Value != nil || f.Status != report.Approved {
			t.Errorf("发展改革局's November after the return = %+v, want no value", f)
		}
		// Fixed and submitted again, then approved.
		r.submit(t, 11, map[*pjModelProject]float64{p1: 1800})
		if err := r.s.Move(pjCtx, r.head, nov, []int64{p1.ID}, report.StepConfirm, ""); err != nil {
			t.Fatal(err)
		}
		if err := r.s.Move(pjCtx, r.office, nov, []int64{p1.ID, p3.ID}, report.StepApprove, ""); err != nil {
			t.Fatal(err)
		}
		r.check(t, 11)
		// The office's correction lowers the month.
		if err := r.s.Correct(pjCtx, r.office, nov, p1.ID, 1700, "核减"); err != nil {
			t.Fatal(err)
		}
		r.counted[p1.ID][11] = 1700
		r.check(t, 11)
		r.checkBoard(t)
		f := r.figure(t, "TZ01", r.fgj, 11)
		if !pjNear(*f.Value, 0.17) {
			t.Errorf("发展改革局's November = %v 亿元, want 0.17", *f.Value)
		}
		versions, err := r.rs.Versions(pjCtx, f.ID)
		if err != nil || len(versions) == 0 || versions[len(versions)-1].Action != "produce" {
			t.Errorf("versions of a produced figure = %+v, %v", versions, err)
		}

		// The projects counted nowhere are listed, per indicator.
		roll, err := r.s.Rollup(pjCtx, 2019)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range pjBounds {
			if got := roll.Unassigned[r.indicators[b.code].ID]; !reflect.DeepEqual(got, []string{"P5"}) {
				t.Errorf("unassigned of %s = %v, want [P5]", b.code, got)
			}
		}
		if len(roll.Indicators) != len(pjBounds) {
			t.Errorf("roll-up of %d indicators", len(roll.Indicators))
		}
		// What Rollup computes is what was produced.
		for _, b := range pjBounds {
			in := r.indicators[b.code]
			for _, u := range []int64{r.fgj, r.xc} {
				months := roll.Values[in.ID][r.assigned[b.code][u]]
				for m := 1; m <= 12; m++ {
					want := r.want(b.code, u, m)
					if m == 12 {
						want = nil
					}
					if !pjNearPtr(months[m-1], want) {
						t.Errorf("Rollup %s of %s month %d = %v, want %v", b.code, r.unitName[u], m, pjShow(months[m-1]), pjShow(want))
					}
				}
			}
		}

		// Changing a record refreshes its figures: P4 becomes industrial,
		// P5 moves to 发展改革局, P6 gets a plan.
		p4.Category = "industrial"
		if _, err := r.s.Update(pjCtx, r.office, p4.Project); err != nil {
			t.Fatal(err)
		}
		p5.LeadUnitID = r.fgj
		if _, err := r.s.Update(pjCtx, r.office, p5.Project); err != nil {
			t.Fatal(err)
		}
		if err := r.s.SetYear(pjCtx, r.office, project.Year{ProjectID: p6.ID, Year: 2019, PlannedInvestment: 1000}); err != nil {
			t.Fatal(err)
		}
		p6.planned = true
		r.counted[p6.ID] = map[int]float64{}
		// P6's April report was submitted without a plan; now it counts.
		r.counted[p6.ID][4] = 100
		r.check(t, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
		r.noFigures(t, 12)
		r.checkBoard(t)
		roll, _ = r.s.Rollup(pjCtx, 2019)
		if len(roll.Unassigned) != 0 {
			t.Errorf("unassigned after the move = %v", roll.Unassigned)
		}

		// The reporting grid asks for the reported indicator only.
		grid, err := dashboard.LoadGrid(pjCtx, d, 2019, 11, r.fgj)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, row := range grid.Rows {
			codes = append(codes, row.Indicator.Code)
		}
		if !reflect.DeepEqual(codes, []string{"ZL01"}) {
			t.Errorf("grid rows = %v, want only ZL01", codes)
		}

		// Unbound, an indicator keeps its figures as a record and is typed again.
		if err := r.s.Bind(pjCtx, r.office, r.indicators["XM01"].ID, ""); err != nil {
			t.Fatal(err)
		}
		if got := r.figure(t, "XM01", r.xc, 11); got.Value == nil || *got.Value != 3 {
			t.Errorf("unbound XM01 of 新城 = %v", pjShow(got.Value))
		}
		grid, _ = dashboard.LoadGrid(pjCtx, d, 2019, 11, r.fgj)
		if len(grid.Rows) != 2 {
			t.Errorf("grid after unbinding has %d rows", len(grid.Rows))
		}
	})
}

func (r *pjRollup) figure(t *testing.T, code string, unit int64, m int) report.Figure {
	t.Helper()
	a := r.assigned[code][unit]
	figures, err := r.rs.Figures(pjCtx, r.month(m).ID, []int64{a})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := figures[a]
	if !ok {
		t.Fatalf("no figure of %s for %s in month %d", code, r.unitName[unit], m)
	}
	return f
}

func unitYTD(b *dashboard.Board, indicatorID, unit int64) float64 {
	for _, up := range b.Indicator(indicatorID).ByUnit {
		if up.Unit.ID == unit {
			return up.YTD.V
		}
	}
	return 0
}

// Records written in one Store.Write refresh the bound figures once, at
// the end, to what the same records written one by one give; a Write that
// fails leaves neither records nor figures.
func TestWriteRefreshesAtTheEnd(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := pjNewRollup(t, d)
		r.bindAll(t)
		r.project(t, project.Project{Code: "P1", Category: "industrial", LeadUnitID: r.fgj, TotalInvestment: 50000}, 12000)
		batch := []project.Project{
			{Code: "P2", Category: "service", LeadUnitID: r.fgj, TotalInvestment: 8000, StartYear: 2019, EndYear: 2020},
			{Code: "P3", Category: "industrial", LeadUnitID: r.park, TotalInvestment: 30000, StartYear: 2019, EndYear: 2021},
		}
		err := r.s.Write(pjCtx, r.office, func(tx *project.Tx) error {
			for i, p := range batch {
				p.Name = p.Code + " 项目"
				created, err := tx.Create(p)
				if err != nil {
					return err
				}
				if err := tx.SetYear(project.Year{ProjectID: created.ID, Year: 2019, PlannedInvestment: float64(1000 * (i + 1))}); err != nil {
					return err
				}
				if err := tx.SetNode(project.Node{ProjectID: created.ID, Stage: "start", PlannedOn: "2019-03-01", ActualOn: "2019-03-05",
					Evidence: "开工报告.pdf", Done: true}); err != nil {
					return err
				}
				r.projects = append(r.projects, &pjModelProject{Project: created, planned: true})
				r.started[created.ID] = 3
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r.check(t, 1, 3, 6, 11)
		// The second project's plan exceeds its total: nothing of the batch stays.
		before := r.figure(t, "XM01", r.fgj, 11)
		err = r.s.Write(pjCtx, r.office, func(tx *project.Tx) error {
			p, err := tx.Create(project.Project{Code: "P4", Name: "P4 项目", Category: "service", LeadUnitID: r.fgj,
				TotalInvestment: 500, StartYear: 2019, EndYear: 2019})
			if err != nil {
				return err
			}
			if err := tx.SetYear(project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 400}); err != nil {
				return err
			}
			return tx.SetYear(project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 900})
		})
		if err == nil {
			t.Fatal("a plan over the total investment was written")
		}
		if _, err := r.s.ByCode(pjCtx, "P4"); err == nil {
			t.Fatal("the refused batch left its project")
		}
		if after := r.figure(t, "XM01", r.fgj, 11); after.Version != before.Version || *after.Value != *before.Value {
			t.Fatalf("the refused batch changed XM01: %+v, was %+v", after, before)
		}
		r.check(t, 11)
	})
}
