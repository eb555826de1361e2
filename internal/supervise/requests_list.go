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
	Limit    int    // the newest so many, 0 for all; the stats count the whole selection
	Offset   int
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

// Add adds another selection's counts.
func (st *RequestStats) Add(o RequestStats) {
	if st.ByStatus == nil {
		st.ByStatus = map[RequestStatus]int{}
	}
	st.Requests += o.Requests
	for k, v := range o.ByStatus {
		st.ByStatus[k] += v
	}
	st.Overdue += o.Overdue
	st.Due += o.Due
	st.OnTime += o.OnTime
	st.Rated += o.Rated
	st.Stars += o.Stars
}

// where writes the filter as SQL conditions on requests.
func (f RequestFilter) where() (string, []any) {
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
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Requests is the selected requests, newest first (a page of them when the
// filter has a limit), with the stats of the whole selection on today.
func (s *Store) Requests(ctx context.Context, f RequestFilter) ([]Request, RequestStats, error) {
	list, byUnit, err := s.RequestsByUnit(ctx, f)
	var st RequestStats
	st.Add(RequestStats{})
	for _, u := range byUnit {
		st.Add(u)
	}
	return list, st, err
}

// RequestsByUnit is Requests with the stats by responsible unit (0 for
// the requests not routed yet), as a list page shows them.
func (s *Store) RequestsByUnit(ctx context.Context, f RequestFilter) ([]Request, map[int64]RequestStats, error) {
	where, args := f.where()
	query := "SELECT " + requestColumns + " FROM requests" + where + " ORDER BY received_on DESC, id DESC"
	if f.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(f.Limit) + " OFFSET " + strconv.Itoa(max(0, f.Offset))
	}
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	var list []Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	byUnit, err := s.RequestStatsByUnit(ctx, f)
	return list, byUnit, err
}

// RequestStatsByUnit counts the selection by responsible unit (0 for the
// requests not routed yet), in the database: the counts of a province's
// fifty thousand requests are one grouped read, not fifty thousand rows.
func (s *Store) RequestStatsByUnit(ctx context.Context, f RequestFilter) (map[int64]RequestStats, error) {
	where, args := f.where()
	today := "$" + strconv.Itoa(len(args)+1)
	rows, err := s.db.Query(ctx, `SELECT COALESCE(unit_id, 0), status, COUNT(*),
		SUM(CASE WHEN status = 'assigned' AND deadline <> '' AND deadline < `+today+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN answered_on <> '' OR deadline <> '' AND deadline < `+today+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN answered_on <> '' AND answered_on <= deadline THEN 1 ELSE 0 END),
		SUM(CASE WHEN rating > 0 THEN 1 ELSE 0 END), SUM(rating)
		FROM requests`+where+" GROUP BY COALESCE(unit_id, 0), status", append(args, s.Today())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]RequestStats{}
	for rows.Next() {
		var unit int64
		var status RequestStatus
		var part RequestStats
		if err := rows.Scan(&unit, &status, &part.Requests, &part.Overdue, &part.Due, &part.OnTime, &part.Rated, &part.Stars); err != nil {
			return nil, err
		}
		part.ByStatus = map[RequestStatus]int{status: part.Requests}
		st := out[unit]
		st.Add(part)
		out[unit] = st
	}
	return out, rows.Err()
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
