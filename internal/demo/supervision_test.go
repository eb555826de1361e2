package demo_test

import (
	"math"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/supervise"
)

// checkSupervision holds the demo's supervision to what the issue asks of
// it — about sixty tasks of the 工作落实年 with some red and escalated,
// about two hundred requests — and ZF01's figures to on-time rates the
// test computes from the task rows itself. TestDemo2019 calls it.
func checkSupervision(t *testing.T, d *db.DB) {
	t.Helper()
	s := supervise.NewStore(d)
	s.SetClock(func() time.Time { return time.Date(2019, 12, 9, 1, 0, 0, 0, time.UTC) })
	rows, counts, err := s.List(ctx, supervise.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 60 || counts.ByColour[supervise.Red] < 3 || counts.ByColour[supervise.Yellow] < 3 || counts.ByColour[supervise.Blue]+counts.ByColour[supervise.Green] < 5 ||
		counts.ByColour[supervise.Done] < 25 {
		t.Errorf("the demo's tasks on %s: %d, by colour %v", demo.Today, len(rows), counts.ByColour)
	}
	escalated, _, err := s.List(ctx, supervise.Filter{Escalated: true})
	if err != nil || len(escalated) == 0 {
		t.Errorf("no task is on the leader's list: %v", err)
	}
	browser, err := s.ByCode(ctx, demo.BrowserTask)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == browser.ID && (r.Light.Colour != supervise.Red || r.Status != supervise.Open) {
			t.Errorf("%s, the browser test's task, is %s and %s; want red and open", demo.BrowserTask, r.Light.Colour, r.Status)
		}
	}
	_, st, err := s.Requests(ctx, supervise.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests != 200 || st.Rated < 100 || st.ByStatus[supervise.RequestNew] == 0 || st.Overdue == 0 && st.ByStatus[supervise.RequestAssigned] == 0 {
		t.Errorf("the demo's requests: %+v", st)
	}

	// ZF01 in each month to November: of the tasks due by the month's end,
	// the share closed by their deadline, for 纪工委 its own and for 党政办
	// (the source unit) every other.
	type row struct {
		unit, deadline, closing, status string
	}
	list, err := d.Query(ctx, `SELECT u.code, t.deadline, t.closing_on, t.status FROM tasks t JOIN units u ON u.id = t.lead_unit_id`)
	if err != nil {
		t.Fatal(err)
	}
	var tasks []row
	for list.Next() {
		var r row
		if err := list.Scan(&r.unit, &r.deadline, &r.closing, &r.status); err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, r)
	}
	list.Close()
	ends := []string{"2019-01-31", "2019-02-28", "2019-03-31", "2019-04-30", "2019-05-31", "2019-06-30", "2019-07-31", "2019-08-31", "2019-09-30", "2019-10-31", "2019-11-30"}
	checked := 0
	for m, end := range ends {
		for _, unit := range []string{"DZB", "JGW"} {
			due, onTime := 0, 0
			for _, r := range tasks {
				mine := r.unit == "JGW"
				if unit == "DZB" {
					mine = r.unit != "JGW"
				}
				if !mine || r.deadline > end {
					continue
				}
				due++
				if r.status != "open" && r.closing != "" && r.closing <= r.deadline {
					onTime++
				}
			}
			var got *float64
			err := d.QueryRow(ctx, `SELECT f.value FROM figures f JOIN periods p ON p.id = f.period_id JOIN assignments a ON a.id = f.assignment_id
				JOIN indicators i ON i.id = a.indicator_id JOIN units u ON u.id = a.unit_id
				WHERE i.code = 'ZF01' AND u.code = $1 AND p.year = 2019 AND p.month = $2 AND f.status = 'approved'`, unit, m+1).Scan(&got)
			if due == 0 {
				if err == nil && got != nil {
					t.Errorf("ZF01 of %s in month %d = %v; nothing fell due", unit, m+1, *got)
				}
				continue
			}
			want := math.Round(10000*float64(onTime)/float64(due)) / 100
			if err != nil || got == nil || *got != want {
				t.Errorf("ZF01 of %s in month %d = %v (%v); the tasks give %d of %d on time = %v", unit, m+1, got, err, onTime, due, want)
			}
			checked++
		}
	}
	t.Logf("tasks by colour %v, escalated %d; requests %+v; ZF01 checked in %d unit-months", counts.ByColour, len(escalated), st, checked)
	if checked < 8 {
		t.Errorf("only %d months of ZF01 had tasks due", checked)
	}
}
