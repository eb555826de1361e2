package report_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

var ctx = context.Background()

func f(v float64) *float64 { return &v }

// fixture: a 2019 plan with two indicators shared to one street.
type fixture struct {
	s       *report.Store
	clock   time.Time
	periods []report.Period
	a1, a2  int64 // assignments: patents, new firms
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	units := org.NewStore(d)
	z, _ := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	st, _ := units.Create(ctx, audit.System, org.Fields{Code: "XC", Name: "新城街道", Kind: org.KindStreet}, z.ID)
	fx := &fixture{s: report.NewStore(d)}
	err := plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
		p, _ := tx.CreatePlan(2019, "")
		n, _ := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "K", Name: "科技创新"})
		for i, code := range []string{"ZL", "QY"} {
			in, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: n.ID, Code: code, Name: code, Direction: plan.Higher,
				Frequency: plan.Monthly, Semantics: plan.Flow, Aggregation: plan.Sum})
			if err != nil {
				return err
			}
			a, err := tx.Assign(in.ID, st.ID)
			if err != nil {
				return err
			}
			if i == 0 {
				fx.a1 = a.ID
			} else {
				fx.a2 = a.ID
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.clock = time.Date(2019, 12, 2, 9, 0, 0, 0, time.UTC) // 2019-12-02 17:00 in China
	fx.s.SetClock(func() time.Time { return fx.clock })
	fx.periods, err = fx.s.OpenYear(ctx, audit.System, 2019, 10, 3)
	if err != nil || len(fx.periods) != 12 {
		t.Fatalf("OpenYear = %d periods, %v", len(fx.periods), err)
	}
	return fx
}

func (fx *fixture) nov() report.Period { return fx.periods[10] }

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	var verr *i18n.Error
	if !errors.As(err, &verr) || verr.Key != key {
		t.Fatalf("error = %v, want %s", err, key)
	}
}

func TestPeriods(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		fx := newFixture(t, d)
		nov := fx.nov()
		if nov.Month != 11 || nov.OpensOn != "2019-11-25" || nov.DueOn != "2019-12-10" || nov.GraceDays != 3 {
			t.Fatalf("November = %+v", nov)
		}
		if dec := fx.periods[11]; dec.DueOn != "2020-01-10" {
			t.Fatalf("December is due %s", dec.DueOn)
		}
		cst := time.FixedZone("CST", 8*3600)
		for at, want := range map[time.Time]report.Window{
			time.Date(2019, 11, 24, 23, 0, 0, 0, cst):  report.NotOpen,
			time.Date(2019, 11, 25, 0, 1, 0, 0, cst):   report.Open,
			time.Date(2019, 12, 10, 23, 59, 0, 0, cst): report.Open,
			time.Date(2019, 12, 11, 0, 0, 0, 0, cst):   report.Grace,
			time.Date(2019, 12, 13, 22, 0, 0, 0, cst):  report.Grace,
			time.Date(2019, 12, 14, 0, 0, 0, 0, cst):   report.Closed,
		} {
			if got := nov.WindowAt(at); got != want {
				t.Errorf("window at %s = %s, want %s", at, got, want)
			}
		}
		if nov.Label(i18n.ZH) != "2019年11月" || nov.Label(i18n.EN) != "November 2019" {
			t.Errorf("labels %q %q", nov.Label(i18n.ZH), nov.Label(i18n.EN))
		}
		// Opening the year again adds nothing.
		again, _ := fx.s.OpenYear(ctx, audit.System, 2019, 5, 0)
		if len(again) != 12 || again[10].DueOn != "2019-12-10" {
			t.Fatalf("reopening changed periods: %+v", again[10])
		}
	})
}

func TestWorkflow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		fx := newFixture(t, d)
		s, p := fx.s, fx.nov()
		reporter := audit.Actor{Name: "tb"}
		due := []int64{fx.a1, fx.a2}
		// Draft: only the first cell filled.
		if err := s.SaveDraft(ctx, reporter, p, []report.Entry{{AssignmentID: fx.a1, Value: f(250)}}); err != nil {
			t.Fatal(err)
		}
		behind := func(id int64, v float64) bool { return id == fx.a1 && v < 266 }
		var problems report.Problems
		if err := s.Submit(ctx, reporter, p, due, behind); !errors.As(err, &problems) ||
			problems[fx.a1].Key != "figure.err.explain" || problems[fx.a2].Key != "figure.err.missing" {
			t.Fatalf("Submit with a gap and an unexplained shortfall = %v", err)
		}
		if err := s.SaveDraft(ctx, reporter, p, []report.Entry{
			{AssignmentID: fx.a1, Value: f(250), Explanation: "两家企业申请推迟到12月"},
			{AssignmentID: fx.a2, Value: f(3)},
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.Submit(ctx, reporter, p, due, behind); err != nil {
			t.Fatal(err)
		}
		figs, _ := s.Figures(ctx, p.ID, due)
		if figs[fx.a1].Status != report.Submitted || figs[fx.a1].Late || figs[fx.a1].Version != 3 {
			t.Fatalf("after submit: %+v", figs[fx.a1])
		}
		// A submitted figure cannot be changed by the unit.
		var pr report.Problems
		if err := s.SaveDraft(ctx, reporter, p, []report.Entry{{AssignmentID: fx.a1, Value: f(300)}}); !errors.As(err, &pr) || pr[fx.a1].Key != "figure.err.not_editable" {
			t.Fatalf("editing a submitted figure = %v", err)
		}
		head := audit.Actor{Name: "fzr"}
		err := s.Return(ctx, head, p, []int64{fx.a2}, []report.Status{report.Submitted}, " ")
		wantKey(t, err, "figure.err.reason")
		if err := s.Return(ctx, head, p, []int64{fx.a2}, []report.Status{report.Submitted}, "新增企业应为4家"); err != nil {
			t.Fatal(err)
		}
		if err := s.Confirm(ctx, head, p, due); err != nil {
			t.Fatal(err)
		}
		figs, _ = s.Figures(ctx, p.ID, due)
		if figs[fx.a1].Status != report.Confirmed || figs[fx.a2].Status != report.Returned || figs[fx.a2].Reason != "新增企业应为4家" {
			t.Fatalf("after confirm and return: %+v / %+v", figs[fx.a1], figs[fx.a2])
		}
		// The unit fixes the returned figure after the deadline: accepted, but late.
		fx.clock = time.Date(2019, 12, 12, 2, 0, 0, 0, time.UTC)
		if err := s.SaveDraft(ctx, reporter, p, []report.Entry{{AssignmentID: fx.a2, Value: f(4)}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Submit(ctx, reporter, p, due, behind); err != nil {
			t.Fatal(err)
		}
		if err := s.Confirm(ctx, head, p, due); err != nil {
			t.Fatal(err)
		}
		office := audit.Actor{Name: "kaohe"}
		if err := s.Approve(ctx, office, p, due); err != nil {
			t.Fatal(err)
		}
		figs, _ = s.Figures(ctx, p.ID, due)
		if figs[fx.a2].Status != report.Approved || !figs[fx.a2].Late || *figs[fx.a2].Value != 4 || figs[fx.a1].Late {
			t.Fatalf("after approval: %+v / %+v", figs[fx.a1], figs[fx.a2])
		}
		wantKey(t, s.Approve(ctx, office, p, due), "figure.err.nothing_to_approve")
		// A correction after approval keeps every earlier value.
		wantKey(t, s.Correct(ctx, office, p, fx.a1, f(262), "", ""), "figure.err.reason")
		if err := s.Correct(ctx, office, p, fx.a1, f(262), "两件漏报", "统计局核实后更正"); err != nil {
			t.Fatal(err)
		}
		figs, _ = s.Figures(ctx, p.ID, due)
		versions, _ := s.Versions(ctx, figs[fx.a1].ID)
		var actions []string
		for _, v := range versions {
			actions = append(actions, v.Action)
		}
		if len(versions) != 6 || *versions[0].Value != 250 || *versions[5].Value != 262 || versions[5].Reason != "统计局核实后更正" ||
			actions[2] != "submit" || actions[4] != "approve" || actions[5] != "correct" {
			t.Fatalf("versions = %v", actions)
		}
		counted, _ := s.CountedValues(ctx, 2019)
		if len(counted) != 2 {
			t.Fatalf("counted values = %+v", counted)
		}
		// Past the grace window nothing is accepted; a lock closes the period at once.
		fx.clock = time.Date(2019, 12, 20, 2, 0, 0, 0, time.UTC)
		wantKey(t, s.SaveDraft(ctx, reporter, p, []report.Entry{{AssignmentID: fx.a1, Value: f(1)}}), "figure.err.window_closed")
		if n, brk, err := audit.Verify(ctx, d); err != nil || brk != nil || n < 20 {
			t.Fatalf("audit trail = %d, %v, %v", n, brk, err)
		}
	})
}

func TestLockedPeriod(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		fx := newFixture(t, d)
		p := fx.periods[9] // October, whose grace ended on 13 November
		fx.clock = time.Date(2019, 11, 5, 2, 0, 0, 0, time.UTC)
		if err := fx.s.SetLocked(ctx, audit.System, p.ID, true); err != nil {
			t.Fatal(err)
		}
		p, _ = fx.s.Period(ctx, p.ID)
		wantKey(t, fx.s.SaveDraft(ctx, audit.System, p, []report.Entry{{AssignmentID: fx.a1, Value: f(1)}}), "figure.err.window_closed")
	})
}

// Of two people editing one figure, the second learns of the first: a
// save from a form made before the first's save is refused for that cell
// with the version it now has, and nothing of it is written; a save that
// saw the current version, or leaves the cell as it is, goes through.
func TestSaveRefusesAStaleEdit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		fx := newFixture(t, d)
		s, p := fx.s, fx.nov()
		zero, one := 0, 1
		a, b := audit.Actor{Name: "陈静"}, audit.Actor{Name: "赵刚"}
		if err := s.SaveDraft(ctx, a, p, []report.Entry{{AssignmentID: fx.a1, Value: f(250), Seen: &zero}}); err != nil {
			t.Fatal(err)
		}
		err := s.SaveDraft(ctx, b, p, []report.Entry{{AssignmentID: fx.a1, Value: f(300), Seen: &zero}, {AssignmentID: fx.a2, Value: f(4), Seen: &zero}})
		var problems report.Problems
		if !errors.As(err, &problems) || problems[fx.a1].Key != "figure.err.conflict" || len(problems) != 1 {
			t.Fatalf("a stale edit = %v", err)
		}
		figs, _ := s.Figures(ctx, p.ID, []int64{fx.a1, fx.a2})
		if *figs[fx.a1].Value != 250 || figs[fx.a1].Version != 1 {
			t.Fatalf("the first save was overwritten: %+v", figs[fx.a1])
		}
		if _, ok := figs[fx.a2]; ok {
			t.Fatal("a refused save wrote its other cell")
		}
		// Seen the current version: the change goes through.
		if err := s.SaveDraft(ctx, b, p, []report.Entry{{AssignmentID: fx.a1, Value: f(300), Seen: &one}, {AssignmentID: fx.a2, Value: f(4), Seen: &zero}}); err != nil {
			t.Fatal(err)
		}
		// A stale form that leaves the cell as it now is changes nothing and is not refused.
		if err := s.SaveDraft(ctx, a, p, []report.Entry{{AssignmentID: fx.a1, Value: f(300), Seen: &one}}); err != nil {
			t.Fatalf("an unchanged cell from a stale form: %v", err)
		}
	})
}
