package supervise

import (
	"context"
	"strconv"
	"strings"
)

// RequestFilter selects requests; empty fields select all.
type RequestFilter struct {
	Scope    string // a unit path: the requests routed within that subtree; "" includes those not routed yet
	UnitID   int64
	Status   RequestStatus
	Category string
	Overdue  string // a day: only routed requests unanswered past their deadline on it
	Year     int    // received in a year
	Search   string // in code, firm, contact and content
}

// RequestStats are a selection's requests counted as the bound
// indicators and the pages count them.
type RequestStats struct {
	Requests int
	ByStatus map[RequestStatus]int
	Overdue  int // routed, unanswered past the deadline today
	Due      int // answered, or routed with the deadline passed: what the on-time rate is of
	OnTime   int // answered by the deadline
	Rated    int
	Stars    int // the ratings' sum
}

// OnTimeRate is the share of due requests answered on time, in per cent;
// false when none is due.
func (st RequestStats) OnTimeRate() (float64, bool) {
	if st.Due == 0 {
		return 0, false
	}
	return 100 * float64(st.OnTime) / float64(st.Due), true
}

// Satisfaction is the average rating (1–5); false when none was rated.
func (st RequestStats) Satisfaction() (float64, bool) {
	if st.Rated == 0 {
		return 0, false
	}
	return float64(st.Stars) / float64(st.Rated), true
}

// Add counts one request as it stands on day.
func (st *RequestStats) Add(r Request, day string) {
	st.Requests++
	st.ByStatus[r.Status]++
	if r.Overdue(day) {
		st.Overdue++
	}
	if r.AnsweredOn != "" || r.Deadline != "" && r.Deadline < day {
		st.Due++
		if r.OnTime() {
			st.OnTime++
		}
	}
	if r.Rating > 0 {
		st.Rated++
		st.Stars += r.Rating
	}
}

// Requests is the selected requests, newest first, with their stats on
// today.
func (s *Store) Requests(ctx context.Context, f RequestFilter) ([]Request, RequestStats, error) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Scope != "" {
		conds = append(conds, "unit_id IN (SELECT id FROM units WHERE path LIKE "+arg(escapeLike(f.Scope)+"%")+" ESCAPE '\\')")
	}
	if f.UnitID != 0 {
		conds = append(conds, "unit_id = "+arg(f.UnitID))
	}
	if f.Status != "" {
		conds = append(conds, "status = "+arg(string(f.Status)))
	}
	if f.Category != "" {
		conds = append(conds, "category = "+arg(f.Category))
	}
	if f.Overdue != "" {
		conds = append(conds, "status = 'assigned' AND deadline < "+arg(f.Overdue))
	}
	if f.Year != 0 {
		y := strconv.Itoa(f.Year)
		conds = append(conds, "received_on >= "+arg(y+"-01-01")+" AND received_on <= "+arg(y+"-12-31"))
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		like := arg("%" + escapeLike(q) + "%")
		conds = append(conds, "(code LIKE "+like+" ESCAPE '\\' OR firm_name LIKE "+like+" ESCAPE '\\' OR contact LIKE "+like+
			" ESCAPE '\\' OR content LIKE "+like+" ESCAPE '\\')")
	}
	query := "SELECT " + requestColumns + " FROM requests"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.db.Query(ctx, query+" ORDER BY received_on DESC, id DESC", args...)
	if err != nil {
		return nil, RequestStats{}, err
	}
	defer rows.Close()
	today := s.Today()
	st := RequestStats{ByStatus: map[RequestStatus]int{}}
	var list []Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, st, err
		}
		st.Add(r, today)
		list = append(list, r)
	}
	return list, st, rows.Err()
}

// RequestEvent is one line of a request's history.
type RequestEvent struct {
	Kind  string // received, assigned, answered, closed, rated
	On    string
	Note  string
	Actor string
}

// RequestHistory is what happened to a request, in order.
func (s *Store) RequestHistory(ctx context.Context, id int64) ([]RequestEvent, error) {
	rows, err := s.db.Query(ctx, "SELECT kind, happened_on, note, actor FROM request_events WHERE request_id = $1 ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []RequestEvent
	for rows.Next() {
		var e RequestEvent
		if err := rows.Scan(&e.Kind, &e.On, &e.Note, &e.Actor); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}
