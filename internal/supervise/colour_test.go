package supervise_test

import (
	"testing"

	"gaoxin/internal/i18n"
	"gaoxin/internal/supervise"
)

// The colours as the seed's supervision defines them, each with its
// reason, the worst first.
func TestEvaluate(t *testing.T) {
	base := supervise.Task{Code: "DB-2019-001", SourceOn: "2019-03-01", Deadline: "2019-06-30", Frequency: supervise.Monthly, Status: supervise.Open,
		Milestones: []supervise.Milestone{{Seq: 1, Title: "完成方案", DueOn: "2019-04-15"}, {Seq: 2, Title: "开工建设", DueOn: "2019-05-31"}}}
	with := func(change func(*supervise.Task)) supervise.Task {
		t := base
		t.Milestones = append([]supervise.Milestone(nil), base.Milestones...)
		change(&t)
		return t
	}
	rules := supervise.Rules{WarnDays: 7, EscalateDays: 3}
	for _, c := range []struct {
		name       string
		task       supervise.Task
		lastReport string
		today      string
		colour     supervise.Colour
		first      string // the first reason, in Chinese
		redDays    int
		escalated  bool
	}{
		{"on course", base, "2019-03-20", "2019-04-01", supervise.Green, "按计划推进，办结时限 2019-06-30。", 0, false},
		{"a milestone late", base, "2019-04-10", "2019-04-20", supervise.Yellow, "节点“完成方案”应于 2019-04-15 完成，已逾期 5 天。", 0, false},
		{"the milestone done", with(func(t *supervise.Task) { t.Milestones[0].DoneOn = "2019-04-14" }), "2019-04-10", "2019-04-20",
			supervise.Green, "按计划推进，办结时限 2019-06-30。", 0, false},
		{"no report for over a month", base, "", "2019-04-02", supervise.Yellow, "应每月报送进展，自 2019-03-01 起尚未报送。", 0, false},
		{"a month exactly since the last report", base, "2019-03-01", "2019-04-01", supervise.Green, "按计划推进，办结时限 2019-06-30。", 0, false},
		{"the last report too old", with(func(t *supervise.Task) { t.Milestones = nil }), "2019-04-01", "2019-05-05", supervise.Yellow,
			"应每月报送进展，最近一次报送在 2019-04-01，已超期。", 0, false},
		{"seven days left", with(func(t *supervise.Task) { t.Milestones = nil }), "2019-06-20", "2019-06-23", supervise.Blue,
			"办结时限 2019-06-30，还剩 7 天。", 0, false},
		{"eight days left", with(func(t *supervise.Task) { t.Milestones = nil }), "2019-06-20", "2019-06-22", supervise.Green,
			"按计划推进，办结时限 2019-06-30。", 0, false},
		{"the deadline today", with(func(t *supervise.Task) { t.Milestones = nil }), "2019-06-20", "2019-06-30", supervise.Blue,
			"办结时限 2019-06-30，还剩 0 天。", 0, false},
		{"a day overdue", base, "2019-06-20", "2019-07-01", supervise.Red, "办结时限 2019-06-30，已逾期 1 天。", 1, false},
		{"red three days: escalated", base, "2019-06-20", "2019-07-03", supervise.Red, "办结时限 2019-06-30，已逾期 3 天。", 3, true},
		{"closing asked on time, approved late", with(func(t *supervise.Task) {
			t.Status, t.ClosingOn, t.Milestones = supervise.Closing, "2019-06-28", nil
		}), "2019-06-28", "2019-07-10", supervise.Blue, "办结时限 2019-06-30，还剩 2 天。", 0, false},
		{"closing asked late", with(func(t *supervise.Task) {
			t.Status, t.ClosingOn, t.Milestones = supervise.Closing, "2019-07-05", nil
		}), "2019-06-28", "2019-07-10", supervise.Red, "办结时限 2019-06-30，已逾期 5 天。", 5, false},
		{"closed", with(func(t *supervise.Task) {
			t.Status, t.ClosingOn, t.ClosedOn = supervise.Closed, "2019-06-28", "2019-07-02"
		}),
			"", "2019-08-01", supervise.Done, "已于 2019-07-02 销号。", 0, false},
		{"once: no report is due", with(func(t *supervise.Task) { t.Frequency, t.Milestones = supervise.Once, nil }), "", "2019-05-20",
			supervise.Green, "按计划推进，办结时限 2019-06-30。", 0, false},
	} {
		l := supervise.Evaluate(c.task, c.lastReport, c.today, rules)
		if l.Colour != c.colour || len(l.Reasons) == 0 || l.Reasons[0].In(i18n.ZH) != c.first || l.RedDays != c.redDays || l.Escalated != c.escalated {
			var first string
			if len(l.Reasons) > 0 {
				first = l.Reasons[0].In(i18n.ZH)
			}
			t.Errorf("%s: %s %q red %d escalated %v; want %s %q red %d escalated %v", c.name, l.Colour, first, l.RedDays, l.Escalated,
				c.colour, c.first, c.redDays, c.escalated)
		}
	}
	// Overdue, behind a milestone and without a report: red first, and every reason told.
	l := supervise.Evaluate(base, "", "2019-07-10", rules)
	if l.Colour != supervise.Red || len(l.Reasons) != 4 || l.Reasons[1].In(i18n.EN) != "Milestone “完成方案” was due on 2019-04-15, 86 days ago." {
		t.Errorf("all reasons: %s %d, second %q", l.Colour, len(l.Reasons), l.Reasons[1].In(i18n.EN))
	}
}
