package assess_test

import (
	"context"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
	"gaoxin/internal/score"
)

// loadDemo gives a database holding the 2019 demo: schemes adopted, Q1–Q3
// published, the year's figures in.
func loadDemo(t *testing.T, d *db.DB) {
	t.Helper()
	demotest.Year(t, d)
}

// assignmentOf finds the assignment of an indicator to a unit by codes.
func assignmentOf(t *testing.T, d *db.DB, indicator, unit string) (plan.Assignment, org.Unit) {
	t.Helper()
	ctx := context.Background()
	ps := plan.NewStore(d)
	p, err := ps.PlanByYear(ctx, 2019)
	if err != nil {
		t.Fatal(err)
	}
	in, err := ps.IndicatorByCode(ctx, p.ID, indicator)
	if err != nil {
		t.Fatal(err)
	}
	u, err := org.NewStore(d).ByCode(ctx, unit)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ps.Assignments(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.IndicatorID == in.ID && a.UnitID == u.ID {
			return a, u
		}
	}
	t.Fatalf("no assignment of %s to %s", indicator, unit)
	return plan.Assignment{}, u
}

// ytd sums a flow's counted figures up to month, read straight from the
// figures rather than through the dashboard the computation uses.
func ytd(t *testing.T, d *db.DB, assignment int64, month int) float64 {
	t.Helper()
	values, err := report.NewStore(d).CountedValues(context.Background(), 2019)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, v := range values {
		if v.AssignmentID == assignment && v.Month <= month {
			sum += v.Value
		}
	}
	return sum
}

func TestComputeFromThePlan(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		loadDemo(t, d)
		ctx := context.Background()
		results, err := assess.Compute(ctx, d, 2019, "Q3", "街道")
		if err != nil {
			t.Fatal(err)
		}
		if len(results) != 1 || results[0].Class != "街道" || results[0].Month != 9 || len(results[0].Units) != 6 {
			t.Fatalf("results = %+v", results)
		}
		r := results[0]
		a, xc := assignmentOf(t, d, "CJ03", "XCJD")
		// 新建改造公厕: a flow shared to 新城街道 with 6 for the year, so its
		// 序时 target at September is 4.5; proportional, capped at 120%.
		done := ytd(t, d, a.ID, 9)
		u := r.Unit(xc.ID)
		if u == nil {
			t.Fatal("新城街道 not scored")
		}
		k := itemIndex(t, r, "CJ03")
		it := u.Items[k]
		want := score.Int(10).Mul(score.MustDec(trim(done)).Quo(score.MustDec("4.5")))
		if cap := score.Int(12); want.Cmp(cap) > 0 {
			want = cap
		}
		if score.FormatPoints(it.Points) != score.FormatPoints(want) || it.State != "scored" {
			t.Errorf("CJ03 for 新城街道: %s (%s), want %s from %v / 4.5", score.FormatPoints(it.Points), it.State, score.FormatPoints(want), done)
		}
		if it.Input.Actual == nil || it.Input.Actual.Cmp(score.MustDec(trim(done))) != 0 || it.Input.Target.Cmp(score.MustDec("4.5")) != 0 {
			t.Errorf("CJ03 inputs %+v", it.Input)
		}
		if it.Why.ZH == "" || it.Why.EN == "" || r.Items[k].IndicatorID == 0 {
			t.Errorf("CJ03 unexplained or unbound: %+v / %+v", it.Why, r.Items[k])
		}
		// The total is the items plus bonus minus deductions and vetoes, and
		// ranks run 1..6 in order of totals.
		for i, u := range r.Units {
			sum := score.Num{}
			for _, it := range u.Items {
				sum = sum.Add(it.Points)
			}
			if sum.Cmp(u.ItemsTotal) != 0 || u.ItemsTotal.Add(u.Bonus).Sub(u.Deduction).Sub(u.VetoPoints).Cmp(u.Total) != 0 {
				t.Errorf("%s: items %v, total %v", u.Name, u.ItemsTotal, u.Total)
			}
			if u.Rank != i+1 || (i > 0 && u.Total.Cmp(r.Units[i-1].Total) > 0) {
				t.Errorf("%s ranked %d with %v", u.Name, u.Rank, u.Total)
			}
		}
	})
}

// A department's item that is another department's task is left out and
// its weight shared among the department's own items.
func TestItemsOfOtherUnitsLeftOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		loadDemo(t, d)
		results, err := assess.Compute(context.Background(), d, 2019, "Q3", "经济发展类")
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		_, cjj := assignmentOf(t, d, "SZ02", "CJJ")
		u := r.Unit(cjj.ID)
		k := itemIndex(t, r, "KJ01") // 专利申请量 is 科技创新局's and the parks', not 财政金融局's
		if u.Items[k].State != "not_assigned" || u.Items[k].Why.ZH != "专利申请量 本单位无此项考核任务，不计分，其 15.00 分权重按比例分给其余各项" {
			t.Errorf("KJ01 for 财政金融局: %s %q", u.Items[k].State, u.Items[k].Why.ZH)
		}
	})
}

func itemIndex(t *testing.T, r *assess.Result, code string) int {
	t.Helper()
	for k, it := range r.Items {
		if it.Code == code {
			return k
		}
	}
	t.Fatalf("no item %s", code)
	return -1
}

func trim(f float64) string {
	n, err := score.Float(f)
	if err != nil {
		panic(err)
	}
	return n.String()
}

func TestPublishedResultsDoNotMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		loadDemo(t, d)
		ctx := context.Background()
		store := assess.NewResultStore(d)
		v1, err := store.Latest(ctx, 2019, "Q3", "街道")
		if err != nil || v1.Version != 1 {
			t.Fatalf("the demo's Q3 for 街道: v%d, %v", v1.Version, err)
		}
		before, err := v1.Result()
		if err != nil {
			t.Fatal(err)
		}
		// The office corrects 新城街道's August public toilets after Q3 was published.
		a, xc := assignmentOf(t, d, "CJ03", "XCJD")
		rs := report.NewStore(d)
		aug, err := rs.PeriodOf(ctx, 2019, 8)
		if err != nil {
			t.Fatal(err)
		}
		value := ytd(t, d, a.ID, 8) - ytd(t, d, a.ID, 7) + 3
		if err := rs.SetLocked(ctx, audit.System, aug.ID, false); err != nil { // the office reopens August to correct it
			t.Fatal(err)
		}
		aug.Locked = false
		if err := rs.Correct(ctx, audit.System, aug, a.ID, &value, "", "补报三座改造公厕"); err != nil {
			t.Fatal(err)
		}
		again, err := store.Latest(ctx, 2019, "Q3", "街道")
		if err != nil || again.Version != 1 || again.SHA256 != v1.SHA256 {
			t.Fatalf("the correction moved the published result: v%d %s, %v", again.Version, again.SHA256, err)
		}
		still, _ := again.Result()
		if still.Unit(xc.ID).Total.Cmp(before.Unit(xc.ID).Total) != 0 {
			t.Fatal("the published total changed")
		}
		now, err := assess.Compute(ctx, d, 2019, "Q3", "街道")
		if err != nil {
			t.Fatal(err)
		}
		k := itemIndex(t, now[0], "CJ03")
		if now[0].Unit(xc.ID).Items[k].Input.Actual.Cmp(*before.Unit(xc.ID).Items[k].Input.Actual) <= 0 {
			t.Fatal("the computation does not see the correction")
		}
		v2, changed, err := store.Publish(ctx, audit.System, now[0], "更正后重新发布")
		if err != nil || !changed || v2.Version != 2 {
			t.Fatalf("publishing again = v%d, %v, %v", v2.Version, changed, err)
		}
		if _, changed, err := store.Publish(ctx, audit.System, now[0], "重复发布"); err != nil || changed {
			t.Fatalf("publishing the same result twice added a version: %v %v", changed, err)
		}
		old, err := store.Version(ctx, 2019, "Q3", "街道", 1)
		if err != nil || old.SHA256 != v1.SHA256 {
			t.Fatalf("version 1 is gone or changed: %v", err)
		}
		changes := assess.Diff(before, now[0])
		found := false
		for _, c := range changes {
			if c.UnitID == xc.ID {
				for _, it := range c.Items {
					found = found || it.Code == "CJ03"
				}
			}
		}
		if !found {
			t.Fatalf("the diff does not show 新城街道's CJ03: %+v", changes)
		}
		versions, err := store.Versions(ctx, 2019, "Q3", "街道")
		if err != nil || len(versions) != 2 || versions[0].Version != 2 || versions[0].Note != "更正后重新发布" {
			t.Fatalf("versions = %+v, %v", versions, err)
		}
	})
}

func TestDraftSchemeAndWhatIf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		loadDemo(t, d)
		ctx := context.Background()
		schemes := assess.NewStore(d)
		adopted, err := schemes.Latest(ctx, 2019, "经济发展类")
		if err != nil || adopted.Draft {
			t.Fatalf("adopted = %+v, %v", adopted, err)
		}
		drafts, err := schemes.Drafts(ctx, 2019)
		if err != nil || len(drafts) != 1 || drafts[0].Class != "经济发展类" || drafts[0].Version != adopted.Version+1 {
			t.Fatalf("drafts = %+v, %v", drafts, err)
		}
		// The draft gives 专利申请量 20 points instead of 15: units that carry
		// it score it × 20/15 before redistribution.
		in, err := assess.LoadInputs(ctx, d, 2019, "Q3")
		if err != nil {
			t.Fatal(err)
		}
		w, err := assess.WhatIf(in, adopted, drafts[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Changes) == 0 || w.Current.Scheme.Version != adopted.Version || !w.Draft.Scheme.Draft {
			t.Fatalf("what-if = %d changes, %+v / %+v", len(w.Changes), w.Current.Scheme, w.Draft.Scheme)
		}
		k := itemIndex(t, w.Draft, "KJ01")
		if w.Draft.Items[k].Points.Cmp(score.Int(20)) != 0 || w.Current.Items[k].Points.Cmp(score.Int(15)) != 0 {
			t.Fatalf("KJ01 points %v → %v", w.Current.Items[k].Points, w.Draft.Items[k].Points)
		}
		// A points change made in the page keeps the office's file as written
		// but for that number.
		body, err := assess.WithPoints(adopted.Body, map[string]string{"SZ02": "12"})
		if err != nil {
			t.Fatal(err)
		}
		f, _, err := assess.Parse("revised.yaml", body)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range f.Items {
			if it.Code == "SZ02" && it.Points != "12" {
				t.Errorf("SZ02 points %q", it.Points)
			}
		}
		// Adopting the draft makes it the scheme results use.
		if _, err := schemes.Adopt(ctx, audit.System, drafts[0].ID); err != nil {
			t.Fatal(err)
		}
		if now, err := schemes.Latest(ctx, 2019, "经济发展类"); err != nil || now.ID != drafts[0].ID || now.Draft {
			t.Fatalf("after adopting: %+v, %v", now, err)
		}
	})
}

// The year so far weighs the published Q1, H1 and Q3 totals 15 : 25 : 25;
// the year itself, not yet published, is left out until it is.
func TestCombineYear(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		loadDemo(t, d)
		ctx := context.Background()
		c, err := assess.CombineYear(ctx, d, 2019, "街道")
		if err != nil {
			t.Fatal(err)
		}
		if c.Complete || len(c.Checkpoints) != 4 || c.Checkpoints[3].Published || !c.Checkpoints[2].Published || len(c.Units) != 6 {
			t.Fatalf("combined = %+v", c)
		}
		totals := map[string]score.Num{}
		for _, period := range []string{"Q1", "H1", "Q3"} {
			p, err := assess.NewResultStore(d).Latest(ctx, 2019, period, "街道")
			if err != nil {
				t.Fatal(err)
			}
			r, _ := p.Result()
			for _, u := range r.Units {
				if u.Code == "XCJD" {
					totals[period] = u.Total
				}
			}
		}
		want := totals["Q1"].Mul(score.Int(15)).Add(totals["H1"].Mul(score.Int(25))).Add(totals["Q3"].Mul(score.Int(25))).Quo(score.Int(65))
		for i, u := range c.Units {
			if u.Rank != i+1 {
				t.Errorf("%s ranked %d at %d", u.Name, u.Rank, i)
			}
			if u.Code == "XCJD" && score.FormatPoints(u.Total) != score.FormatPoints(want) {
				t.Errorf("新城街道 %s, want %s", score.FormatPoints(u.Total), score.FormatPoints(want))
			}
		}
	})
}

// Publishing several classes is all or nothing: a failure on the second
// leaves the first unpublished too.
func TestPublishAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		loadDemo(t, d)
		ctx := context.Background()
		now, err := assess.Compute(ctx, d, 2019, "Y", "")
		if err != nil || len(now) != 4 {
			t.Fatalf("Y = %d results, %v", len(now), err)
		}
		broken := *now[1]
		broken.Scheme.ID = 999999 // no such scheme version: the insert fails
		store := assess.NewResultStore(d)
		if _, _, err := store.PublishAll(ctx, audit.System, []*assess.Result{now[0], &broken}, ""); err == nil {
			t.Fatal("publishing with a missing scheme succeeded")
		}
		if _, err := store.Latest(ctx, 2019, "Y", now[0].Class); err != db.ErrNotFound {
			t.Fatalf("the first class was published although the second failed: %v", err)
		}
		list, added, err := store.PublishAll(ctx, audit.System, now, "年终")
		if err != nil || added != 4 || list[3].Version != 1 {
			t.Fatalf("publishing the year = %d added, %v", added, err)
		}
	})
}
