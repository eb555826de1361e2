package briefing_test

import (
	"slices"
	"testing"
	"time"

	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
	"gaoxin/internal/project"
	"gaoxin/internal/supervise"
)

// monthEnd is the last day of a month of 2019.
func monthEnd(month int) string {
	return time.Date(2019, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// checkProjects: the year's projects and their money from the tables, the
// investment of the counted reports January to the month, and the red
// ones those the portfolio lights red on the day.
func checkProjects(t *testing.T, d *db.DB, b *briefing.Briefing, day string) {
	t.Helper()
	p := b.Projects
	var planned, invested float64
	if err := d.QueryRow(ctx, "SELECT SUM(planned_investment) FROM project_years WHERE year = 2019").Scan(&planned); err != nil {
		t.Fatal(err)
	}
	if err := d.QueryRow(ctx, `SELECT SUM(r.invest_month) FROM project_reports r JOIN periods p ON p.id = r.period_id
		JOIN project_years y ON y.project_id = r.project_id AND y.year = 2019
		WHERE p.year = 2019 AND p.month <= $1 AND r.invest_month IS NOT NULL AND r.status IN ('submitted', 'confirmed', 'approved')`,
		b.Month).Scan(&invested); err != nil {
		t.Fatal(err)
	}
	projects := count(t, d, "SELECT COUNT(*) FROM project_years WHERE year = 2019")
	if p.Count != projects || p.Count != 441 || !nearCents(p.Planned, planned) || !nearCents(p.Invested, invested) ||
		!near(p.Share, 100*p.Invested/p.Planned) {
		t.Errorf("month %d: %d projects, planned %v, invested %v; the tables hold %d, %v and %v", b.Month, p.Count, p.Planned, p.Invested,
			projects, planned, invested)
	}
	st := project.NewStore(d)
	st.SetClock(func() time.Time { return on(day) })
	rows, totals, err := st.Portfolio(ctx, 2019, project.Filter{Colors: []project.Color{project.Red}})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, l := range p.Lights {
		sum += l.N
	}
	var want, got []string
	for _, r := range rows {
		want = append(want, r.Code)
	}
	for _, r := range p.Red {
		got = append(got, r.Code)
		if r.Reason.ZH == "" || r.Reason.EN == "" || r.Unit == "" {
			t.Errorf("red project %s without its reason or unit: %+v", r.Code, r)
		}
	}
	if sum != p.Count || !slices.Equal(got, want) || len(got) != totals.Count || len(got) == 0 {
		t.Errorf("month %d: lights %v add to %d; red %v, the portfolio has %v", b.Month, p.Lights, sum, got, want)
	}
}

func nearCents(a, b float64) bool { return a-b < 0.006 && b-a < 0.006 }

// checkTasks: the tasks given in the year by the month's end, the closed
// ones done, and the red ones those past their deadline on the day (or on
// the day their closing was asked for), counted from the task rows.
func checkTasks(t *testing.T, d *db.DB, b *briefing.Briefing, day string) {
	t.Helper()
	end := monthEnd(b.Month)
	rows, err := d.Query(ctx, "SELECT code, status, deadline, closing_on FROM tasks WHERE source_on >= '2019-01-01' AND source_on <= $1", end)
	if err != nil {
		t.Fatal(err)
	}
	given, closed := 0, 0
	red := map[string]int{}
	for rows.Next() {
		var code, status, deadline, closing string
		if err := rows.Scan(&code, &status, &deadline, &closing); err != nil {
			t.Fatal(err)
		}
		given++
		asOf := day
		if status == "closing" && closing != "" && closing < day {
			asOf = closing
		}
		switch {
		case status == "closed":
			closed++
		case asOf > deadline:
			red[code] = int(on(asOf).Sub(on(deadline)).Hours() / 24)
		}
	}
	rows.Close()
	colours := map[string]int{}
	for _, c := range b.Tasks.Colours {
		colours[c.Colour] = c.N
	}
	if b.Tasks.Count != given || colours["done"] != closed || colours["red"] != len(red) || len(b.Tasks.Red) != len(red) || len(red) == 0 {
		t.Errorf("month %d: %d tasks, by colour %v; the rows give %d, %d closed, %d red", b.Month, b.Tasks.Count, colours, given, closed, len(red))
	}
	for i, r := range b.Tasks.Red {
		days, ok := red[r.Code]
		if !ok || r.Days != days || r.Unit == "" || r.Reason.ZH == "" {
			t.Errorf("red task %+v; the rows give %d days overdue (%v)", r, days, ok)
		}
		if i > 0 && r.Deadline < b.Tasks.Red[i-1].Deadline {
			t.Errorf("red task %s is listed after one due later", r.Code)
		}
	}
}

// checkRequests: the requests received in the month, counted in SQL by
// the rules of the request list.
func checkRequests(t *testing.T, d *db.DB, b *briefing.Briefing, day string) {
	t.Helper()
	var q briefing.Requests
	err := d.QueryRow(ctx, `SELECT COUNT(*), SUM(CASE WHEN source = 'public' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'new' THEN 1 ELSE 0 END),
		SUM(CASE WHEN answered_on <> '' THEN 1 ELSE 0 END), SUM(CASE WHEN answered_on <> '' OR deadline <> '' AND deadline < $2 THEN 1 ELSE 0 END),
		SUM(CASE WHEN answered_on <> '' AND answered_on <= deadline THEN 1 ELSE 0 END),
		SUM(CASE WHEN status = 'assigned' AND deadline <> '' AND deadline < $2 THEN 1 ELSE 0 END),
		SUM(CASE WHEN rating > 0 THEN 1 ELSE 0 END), SUM(rating)
		FROM requests WHERE received_on LIKE $1`, "2019-"+monthEnd(b.Month)[5:8]+"%", day).
		Scan(&q.Received, &q.Public, &q.NotRouted, &q.Answered, &q.Due, &q.OnTime, &q.Overdue, &q.Rated, &q.Stars)
	if err != nil {
		t.Fatal(err)
	}
	got := b.Requests
	rate, satisfaction := got.OnTimeRate, got.Satisfaction
	got.OnTimeRate, got.Satisfaction = 0, 0
	if got != q || q.Received == 0 || q.Rated == 0 {
		t.Errorf("month %d: requests %+v; the rows give %+v", b.Month, got, q)
	}
	if !near(rate, 100*float64(q.OnTime)/float64(q.Due)) || !near(satisfaction, float64(q.Stars)/float64(q.Rated)) {
		t.Errorf("month %d: on time %v%%, satisfaction %v", b.Month, rate, satisfaction)
	}
	// The same requests as the request store gives them, judged by its own
	// rules, so that the briefing and the request list cannot drift apart.
	st := supervise.NewStore(d)
	st.SetClock(func() time.Time { return on(day) })
	list, _, err := st.Requests(ctx, supervise.RequestFilter{Year: 2019})
	if err != nil {
		t.Fatal(err)
	}
	var byStore briefing.Requests
	for _, r := range list {
		if r.ReceivedOn[:7] != "2019-"+monthEnd(b.Month)[5:7] {
			continue
		}
		byStore.Received++
		if r.OnTime() {
			byStore.OnTime++
		}
		if r.Overdue(day) {
			byStore.Overdue++
		}
		if r.Status == supervise.RequestNew {
			byStore.NotRouted++
		}
	}
	if byStore.Received != got.Received || byStore.OnTime != got.OnTime || byStore.Overdue != got.Overdue || byStore.NotRouted != got.NotRouted {
		t.Errorf("month %d: the request store gives %+v, the briefing %+v", b.Month, byStore, got)
	}
}
