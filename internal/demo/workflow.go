package demo

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/report"
)

// november is how far each unit has got with November's figures on the
// demo's "today", so that every state of the workflow is on show.
var november = map[string]string{
	"XCJD": "none",      // the demo reporter fills this grid in
	"DMJD": "none",      // not reported yet
	"BHJD": "draft",     // started, not submitted
	"JFJ":  "submitted", // waiting for the unit head
	"QCJD": "returned",  // sent back by the assessment office
	"TCJ":  "approved",
	"KCJ":  "approved",
	"SYJ":  "approved",
}

// runMonths reports January–November through the real workflow, moving the
// store's clock to when each step would have happened.
func runMonths(ctx context.Context, rs *report.Store, g *generator, periods []report.Period, who actors) error {
	var clock time.Time
	rs.SetClock(func() time.Time { return clock })
	for m := 1; m <= 11; m++ {
		p := periods[m-1]
		due, _ := time.Parse("2006-01-02", p.DueOn)
		for _, gr := range g.grids(m) {
			state := "approved"
			if m == 11 {
				state = november[gr.unit]
				if state == "" {
					state = "confirmed"
				}
			}
			submitDay := due.Day() - 3
			if m == 10 && gr.unit == "BHJD" {
				submitDay = due.Day() + 2 // 北海街道 was late in October
			}
			clock = at(due.Year(), due.Month(), submitDay, 10)
			if err := step(ctx, rs, p, gr, state, who, &clock); err != nil {
				return fmt.Errorf("%s %d月: %w", gr.unit, m, err)
			}
		}
	}
	return nil
}

// step takes one unit's grid as far as state.
func step(ctx context.Context, rs *report.Store, p report.Period, gr grid, state string, who actors, clock *time.Time) error {
	if state == "none" {
		return nil
	}
	if err := rs.SaveDraft(ctx, who.reporterOf(gr.unit), p, gr.entries); err != nil || state == "draft" {
		return err
	}
	if err := rs.Submit(ctx, who.reporterOf(gr.unit), p, gr.ids(), nil); err != nil || state == "submitted" {
		return err
	}
	*clock = clock.Add(26 * time.Hour)
	if err := rs.Confirm(ctx, who.headOf(gr.unit), p, gr.ids()); err != nil || state == "confirmed" {
		return err
	}
	*clock = clock.Add(20 * time.Hour)
	if state == "returned" {
		first := gr.entries[0].AssignmentID
		return rs.Return(ctx, who.office, p, []int64{first}, []report.Status{report.Confirmed},
			"与市场监管部门登记数据不一致，请核实后重新报送。")
	}
	return rs.Approve(ctx, who.office, p, gr.ids())
}

// correct is the assessment office correcting an approved September figure
// after checking it with the statistics bureau.
func correct(ctx context.Context, rs *report.Store, p report.Period, pl planned, unit string, office audit.Actor) error {
	id := pl.assignments[unit]
	figs, err := rs.Figures(ctx, p.ID, []int64{id})
	if err != nil {
		return err
	}
	f, ok := figs[id]
	if !ok || f.Value == nil {
		return fmt.Errorf("no September figure for %s %s", pl.spec.code, unit)
	}
	v := *f.Value + 12
	return rs.Correct(ctx, office, p, id, &v, f.Explanation, "经知识产权部门系统核对，补录漏报的12件申请。")
}
