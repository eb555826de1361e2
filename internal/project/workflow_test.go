package project_test

import (
	"errors"
	"reflect"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
)

// TestReportWorkflow walks one November report through the figures'
// workflow: saved, refused and then submitted, confirmed by the unit head,
// returned by the office, fixed, submitted again, confirmed, approved and
// corrected, every state kept as a version.
func TestReportWorkflow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d) // 2019-12-09: November is open, due on the 10th
		// Plan 12,000 spread evenly: 序时 by November is 11,000.
		p := w.add(t, project.Project{Code: "XM1", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 50000}, 12000, nil)
		q := w.add(t, project.Project{Code: "XM2", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 50000}, 12000, nil)
		w.submitMonth(t, 10, map[int64]float64{p.ID: 9000, q.ID: 10000})
		nov := w.month(11)

		// A negative month is refused: the year to date cannot go down.
		err := w.s.SaveDrafts(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: p.ID, InvestMonth: pjNum(-5)}, {ProjectID: q.ID, InvestMonth: pjNum(1)}})
		pjWantProblem(t, err, p.ID, "invest_month", "project.err.ytd_down")
		if got, _ := w.s.Reports(pjCtx, nov.ID, []int64{p.ID, q.ID}); len(got) != 0 {
			t.Fatalf("a refused save stored %v", got)
		}

		// A draft holds what was typed, without the 形象进度 yet.
		if err := w.s.SaveDrafts(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: p.ID, InvestMonth: pjNum(1500), Problems: " "}}); err != nil {
			t.Fatal(err)
		}
		r := w.report(t, nov, p.ID)
		if r.Status != report.Draft || *r.InvestMonth != 1500 || r.Version != 1 || r.SubmittedAt != nil {
			t.Fatalf("draft = %+v", r)
		}
		// Submitting needs the 形象进度, then the month's investment.
		err = w.s.Submit(pjCtx, w.reporter, nov, nil, []int64{p.ID})
		pjWantProblem(t, err, p.ID, "progress", "project.err.progress_missing")
		err = w.s.Submit(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: p.ID, Progress: "主体施工"}}, []int64{p.ID})
		pjWantProblem(t, err, p.ID, "invest_month", "project.err.invest_missing")
		if got := w.report(t, nov, p.ID); got.Version != 1 || got.Progress != "" || *got.InvestMonth != 1500 {
			t.Fatalf("a refused submission saved %+v", got)
		}
		// 9,000 + 1,500 = 10,500 of 11,000 is 95%: on track, no explanation needed.
		err = w.s.Submit(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: p.ID, InvestMonth: pjNum(1500), Progress: " 主体施工 "}}, []int64{p.ID})
		if err != nil {
			t.Fatal(err)
		}
		r = w.report(t, nov, p.ID)
		if r.Status != report.Submitted || r.Progress != "主体施工" || r.Late || r.SubmittedAt == nil || !r.SubmittedAt.Equal(w.clock.t) {
			t.Fatalf("submitted = %+v", r)
		}
		// Submitted, it cannot change.
		err = w.s.SaveDrafts(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: p.ID, InvestMonth: pjNum(1600), Progress: "主体施工"}})
		pjWantProblem(t, err, p.ID, "", "figure.err.not_editable")
		pjWantInvalid(t, w.s.Submit(pjCtx, w.reporter, nov, nil, []int64{p.ID}), "", "figure.err.nothing_to_submit")
		// Only the office's correction of an approved report changes it.
		pjWantInvalid(t, w.s.Correct(pjCtx, w.office, nov, p.ID, 1400, "核减"), "", "figure.err.not_approved")

		// The head confirms; approving what is not confirmed moves nothing.
		pjWantInvalid(t, w.s.Move(pjCtx, w.office, nov, []int64{q.ID}, report.StepApprove, ""), "", "figure.err.nothing_to_approve")
		if err := w.s.Move(pjCtx, w.head, nov, []int64{p.ID}, report.StepConfirm, ""); err != nil {
			t.Fatal(err)
		}
		// The office returns it, with a reason.
		pjWantInvalid(t, w.s.Move(pjCtx, w.office, nov, []int64{p.ID}, report.StepReturn, " "), "reason", "figure.err.reason")
		if err := w.s.Move(pjCtx, w.office, nov, []int64{p.ID}, report.StepReturn, " 投资额与统计局口径不符 "); err != nil {
			t.Fatal(err)
		}
		r = w.report(t, nov, p.ID)
		if r.Status != report.Returned || r.Reason != "投资额与统计局口径不符" {
			t.Fatalf("returned = %+v", r)
		}
		// The reporter fixes it (the reason stays while it is being fixed) and submits again.
		if err := w.s.SaveDrafts(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: p.ID, InvestMonth: pjNum(1200), Progress: "主体施工"}}); err != nil {
			t.Fatal(err)
		}
		if r = w.report(t, nov, p.ID); r.Status != report.Returned || r.Reason != "投资额与统计局口径不符" || *r.InvestMonth != 1200 {
			t.Fatalf("fixed = %+v", r)
		}
		if err := w.s.Submit(pjCtx, w.reporter, nov, nil, []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		if err := w.s.Move(pjCtx, w.head, nov, []int64{p.ID}, report.StepConfirm, ""); err != nil {
			t.Fatal(err)
		}
		if err := w.s.Move(pjCtx, w.office, nov, []int64{p.ID}, report.StepApprove, ""); err != nil {
			t.Fatal(err)
		}
		// Submitting through Move is not a step Move takes.
		if err := w.s.Move(pjCtx, w.reporter, nov, []int64{q.ID}, report.StepSubmit, ""); err == nil {
			t.Error("Move took the submit step")
		}
		// The correction: the only way the month goes down.
		pjWantInvalid(t, w.s.Correct(pjCtx, w.office, nov, p.ID, 1100, " "), "reason", "figure.err.reason")
		pjWantInvalid(t, w.s.Correct(pjCtx, w.office, nov, p.ID, -1, "核减"), "invest_month", "project.err.negative")
		if err := w.s.Correct(pjCtx, w.office, nov, p.ID, 1100, "统计局反馈核减"); err != nil {
			t.Fatal(err)
		}
		r = w.report(t, nov, p.ID)
		if r.Status != report.Approved || *r.InvestMonth != 1100 || r.Reason != "统计局反馈核减" || r.Version != 10 {
			t.Fatalf("corrected = %+v", r)
		}

		versions, err := w.s.Versions(pjCtx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			Version int
			Invest  float64
			Status  report.Status
			Action  string
			Reason  string
			By      string
		}
		var got []row
		for _, v := range versions {
			got = append(got, row{v.Version, *v.InvestMonth, v.Status, v.Action, v.Reason, v.By})
			if !v.At.Equal(w.clock.t) {
				t.Errorf("version %d at %s", v.Version, v.At)
			}
		}
		why := "投资额与统计局口径不符"
		want := []row{
			{1, 1500, report.Draft, "edit", "", "新城填报员"},
			{2, 1500, report.Draft, "edit", "", "新城填报员"},
			{3, 1500, report.Submitted, "submit", "", "新城填报员"},
			{4, 1500, report.Confirmed, "confirm", "", "新城负责人"},
			{5, 1500, report.Returned, "return", why, "项目办"},
			{6, 1200, report.Returned, "edit", why, "新城填报员"},
			{7, 1200, report.Submitted, "submit", "", "新城填报员"},
			{8, 1200, report.Confirmed, "confirm", "", "新城负责人"},
			{9, 1200, report.Approved, "approve", "", "项目办"},
			{10, 1100, report.Approved, "correct", "统计局反馈核减", "项目办"},
		}
		// Version 2 is the 形象进度 the successful submission saved first.
		if !reflect.DeepEqual(got, want) {
			t.Errorf("versions =\n%+v\nwant\n%+v", got, want)
		}
		hist, err := w.s.History(pjCtx, p.ID, 2019)
		if err != nil || hist[9] == nil || *hist[9].InvestMonth != 9000 || hist[10] == nil || hist[10].ID != r.ID || hist[11] != nil {
			t.Fatalf("History = %v, %v", hist, err)
		}
		months, has := project.Counted(hist)
		if !has[9] || !has[10] || has[8] || months[10] != 1100 {
			t.Errorf("Counted = %v %v", months, has)
		}
	})
}

// report reads one report of a period.
func (w *pjWorld) report(t *testing.T, p report.Period, projectID int64) project.Report {
	t.Helper()
	list, err := w.s.Reports(pjCtx, p.ID, []int64{projectID})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := list[projectID]
	if !ok {
		t.Fatalf("no report of project %d in month %d", projectID, p.Month)
	}
	return r
}

// TestReportBehindNeedsProblems: a project behind its 序时 plan submits only
// with its problems explained.
func TestReportBehindNeedsProblems(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		p := w.add(t, project.Project{Code: "XM1", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 50000}, 12000, nil)
		w.submitMonth(t, 10, map[int64]float64{p.ID: 9000})
		nov := w.month(11)
		// 9,000 + 800 = 9,800 of 11,000 is 89%: behind (below 90%).
		entry := project.Entry{ProjectID: p.ID, InvestMonth: pjNum(800), Progress: "主体施工"}
		err := w.s.Submit(pjCtx, w.reporter, nov, []project.Entry{entry}, []int64{p.ID})
		pjWantProblem(t, err, p.ID, "problems", "project.err.explain")
		var ps project.Problems
		errors.As(err, &ps)
		if msg := ps[p.ID].In(i18n.ZH); msg != "投资完成落后于序时进度，请在“存在问题”中说明后再报送。" {
			t.Errorf("message = %s", msg)
		}
		// 9,900 is exactly 90%: on track.
		on := entry
		on.InvestMonth = pjNum(900)
		if err := w.s.SaveDrafts(pjCtx, w.reporter, nov, []project.Entry{on}); err != nil {
			t.Fatal(err)
		}
		// The office's thresholds decide what behind means.
		if err := pjSetting(w, "progress.thresholds", "1.00,0.95,0.80"); err != nil {
			t.Fatal(err)
		}
		pjWantProblem(t, w.s.Submit(pjCtx, w.reporter, nov, nil, []int64{p.ID}), p.ID, "problems", "project.err.explain")
		if err := pjSetting(w, "progress.thresholds", "1.00,0.90,0.75"); err != nil {
			t.Fatal(err)
		}
		if err := w.s.Submit(pjCtx, w.reporter, nov, nil, []int64{p.ID}); err != nil {
			t.Fatalf("90%% of 序时: %v", err)
		}
		// Returned, lowered, and explained, it goes.
		if err := w.s.Move(pjCtx, w.office, nov, []int64{p.ID}, report.StepReturn, "核实"); err != nil {
			t.Fatal(err)
		}
		entry.Problems = "土方施工受雨季影响"
		if err := w.s.Submit(pjCtx, w.reporter, nov, []project.Entry{entry}, []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		if r := w.report(t, nov, p.ID); r.Status != report.Submitted || r.Problems != "土方施工受雨季影响" || *r.InvestMonth != 800 {
			t.Errorf("report = %+v", r)
		}
		// A project without a plan for the year is behind nothing.
		q := w.add(t, project.Project{Code: "XM2", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 500}, 0, nil)
		if err := w.s.Submit(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: q.ID, InvestMonth: pjNum(0), Progress: "前期"}}, []int64{q.ID}); err != nil {
			t.Errorf("a project without a plan: %v", err)
		}
	})
}

// TestReportWindows: late in the grace window, refused after it and in a
// locked period, not taken before the month opens.
func TestReportWindows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		p := w.add(t, project.Project{Code: "XM1", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 50000}, 1200, nil)
		entry := []project.Entry{{ProjectID: p.ID, InvestMonth: pjNum(1000), Progress: "主体施工"}}
		nov, dec := w.month(11), w.month(12)
		// December opens on the 25th.
		pjWantInvalid(t, w.s.SaveDrafts(pjCtx, w.reporter, dec, entry), "", "figure.err.window_not_open")
		pjWantInvalid(t, w.s.Submit(pjCtx, w.reporter, dec, entry, []int64{p.ID}), "", "figure.err.window_not_open")
		// October closed on November 13th.
		pjWantInvalid(t, w.s.Submit(pjCtx, w.reporter, w.month(10), entry, []int64{p.ID}), "", "figure.err.window_closed")
		// November was due on the 10th; on the 12th it is late, but taken.
		w.clock.on("2019-12-12")
		if err := w.s.Submit(pjCtx, w.reporter, nov, entry, []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		if r := w.report(t, nov, p.ID); !r.Late || r.Status != report.Submitted {
			t.Errorf("late report = %+v", r)
		}
		// On time, it is not late.
		q := w.add(t, project.Project{Code: "XM2", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 50000}, 1200, nil)
		w.clock.on("2019-12-10")
		if err := w.s.Submit(pjCtx, w.reporter, nov, []project.Entry{{ProjectID: q.ID, InvestMonth: pjNum(1000), Progress: "主体施工"}}, []int64{q.ID}); err != nil {
			t.Fatal(err)
		}
		if r := w.report(t, nov, q.ID); r.Late {
			t.Errorf("on-time report = %+v", r)
		}
		// After the grace window, nothing is taken.
		w.clock.on("2019-12-14")
		pjWantInvalid(t, w.s.SaveDrafts(pjCtx, w.reporter, nov, entry), "", "figure.err.window_closed")

		// A locked period refuses every step, the office's too.
		w.clock.on("2019-12-09")
		if err := w.rs.SetLocked(pjCtx, audit.System, nov.ID, true); err != nil {
			t.Fatal(err)
		}
		locked, err := w.rs.Period(pjCtx, nov.ID)
		if err != nil || !locked.Locked {
			t.Fatalf("locked period = %+v, %v", locked, err)
		}
		other := []project.Entry{{ProjectID: q.ID, InvestMonth: pjNum(1), Progress: "x"}}
		pjWantInvalid(t, w.s.SaveDrafts(pjCtx, w.reporter, locked, other), "", "figure.err.window_closed")
		pjWantInvalid(t, w.s.Submit(pjCtx, w.reporter, locked, other, []int64{q.ID}), "", "figure.err.window_closed")
		pjWantInvalid(t, w.s.Move(pjCtx, w.head, locked, []int64{p.ID}, report.StepConfirm, ""), "", "figure.err.window_closed")
		pjWantInvalid(t, w.s.Move(pjCtx, w.office, locked, []int64{p.ID}, report.StepReturn, "核实"), "", "figure.err.window_closed")
		pjWantInvalid(t, w.s.Correct(pjCtx, w.office, locked, p.ID, 900, "核减"), "", "figure.err.window_closed")
		if r := w.report(t, nov, p.ID); r.Status != report.Submitted || r.Version != 2 {
			t.Errorf("a locked period's report changed: %+v", r)
		}
	})
}
