package briefing

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/supervise"
)

// tasks reads the supervised tasks given in the year up to the month's
// end, coloured on the briefing's day as the task list colours them, and
// lists the red ones, the longest overdue first.
func tasks(ctx context.Context, d *db.DB, year, month int, now func() time.Time) (Tasks, error) {
	st := supervise.NewStore(d)
	st.SetClock(now)
	rows, _, err := st.List(ctx, supervise.Filter{Year: year})
	if err != nil {
		return Tasks{}, err
	}
	end := monthEnd(year, month)
	by := map[supervise.Colour]int{}
	t := Tasks{Red: []RedTask{}}
	// List puts the worst colour first and then the earliest deadline, so
	// the red tasks come longest overdue first.
	for _, r := range rows {
		if r.SourceOn > end {
			continue
		}
		t.Count++
		by[r.Light.Colour]++
		if r.Light.Colour != supervise.Red {
			continue
		}
		red := RedTask{Code: r.Code, Content: r.Content, Leader: r.LeaderName, Deadline: r.Deadline, Days: r.Light.RedDays,
			Escalated: r.Light.Escalated, unitID: r.LeadUnitID}
		if len(r.Light.Reasons) > 0 {
			red.Reason = textOf(r.Light.Reasons[0])
		}
		t.Red = append(t.Red, red)
	}
	for _, c := range supervise.Colours {
		t.Colours = append(t.Colours, ColourCount{Colour: string(c), N: by[c]})
	}
	return t, nil
}

// requests counts the enterprise requests received in the month, on the
// briefing's day, by the rules the request list counts by (supervise's
// RequestStatsByUnit): due once answered or past the deadline, on time
// when answered by it, overdue when routed and unanswered past it. The
// store selects requests by year, not by month, and reading a province's
// year of them (50,000) to keep one month's costs more than half a second;
// the month is counted here in one grouped read through the index on the
// day received instead, and a test holds it to the store's rows.
func requests(ctx context.Context, d *db.DB, year, month int, now func() time.Time) (Requests, error) {
	today := now().In(chinaTime).Format(dateLayout)
	var q Requests
	err := d.QueryRow(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN source = $4 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = $5 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN answered_on <> '' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN answered_on <> '' OR deadline <> '' AND deadline < $3 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN answered_on <> '' AND answered_on <= deadline THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = $6 AND deadline <> '' AND deadline < $3 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN rating > 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(rating), 0)
		FROM requests WHERE received_on >= $1 AND received_on <= $2`,
		fmt.Sprintf("%04d-%02d-01", year, month), monthEnd(year, month), today,
		string(supervise.FromPublic), string(supervise.RequestNew), string(supervise.RequestAssigned)).
		Scan(&q.Received, &q.Public, &q.NotRouted, &q.Answered, &q.Due, &q.OnTime, &q.Overdue, &q.Rated, &q.Stars)
	if err != nil {
		return Requests{}, err
	}
	if q.Due > 0 {
		q.OnTimeRate = 100 * float64(q.OnTime) / float64(q.Due)
	}
	if q.Rated > 0 {
		q.Satisfaction = float64(q.Stars) / float64(q.Rated)
	}
	return q, nil
}
