package supervise

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// Prefix marks the bindings this package produces.
const Prefix = "supervise:"

// Measure is what a bound indicator counts of the tasks or the requests.
type Measure string

const (
	TasksClosedOnTime Measure = "tasks closed_ontime" // tasks closed (销号) by their deadline
	TasksOnTimeRate   Measure = "tasks ontime_rate"   // % of the tasks due that were done by their deadline
	TasksOverdue      Measure = "tasks overdue"       // tasks past their deadline and not done, at the month's end
	RequestsReceived  Measure = "requests count"      // requests received
	RequestsOnTime    Measure = "requests ontime_rate"
	RequestsSatisfied Measure = "requests satisfaction" // the firms' average rating, 1–5
)

// Measures lists the measures a binding may name.
var Measures = []Measure{TasksClosedOnTime, TasksOnTimeRate, TasksOverdue, RequestsReceived, RequestsOnTime, RequestsSatisfied}

// ParseBinding reads "supervise:tasks closed_ontime" and the like.
func ParseBinding(text string) (Measure, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), Prefix)
	m := Measure(strings.Join(strings.Fields(rest), " "))
	for _, known := range Measures {
		if ok && m == known {
			return m, nil
		}
	}
	return "", i18n.Invalid("binding", "supervise.err.binding", text)
}

// Binding is the text of a measure's binding.
func (m Measure) Binding() string { return Prefix + string(m) }

// Bind binds an indicator to the tasks or requests (or with "" unbinds
// it) and produces its figures at once.
func (s *Store) Bind(ctx context.Context, who audit.Actor, indicatorID int64, text string) error {
	return plan.Bind(ctx, s.db, who, indicatorID, text, func(t string) (string, error) {
		m, err := ParseBinding(t)
		return m.Binding(), err
	},
		func(tx *db.Tx, year int) error { return s.refreshYear(ctx, tx, who, year) })
}

// Refresh produces the year's bound figures again. Writes do it in their
// transaction; a colour also changes as days pass, so the server calls this
// when the day turns (overdue tasks, rates of what has fallen due).
func (s *Store) Refresh(ctx context.Context, who audit.Actor, year int) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.refreshYear(ctx, tx, who, year) })
}

// produce refreshes, inside a write's transaction, the bound figures of
// the years of days and of today: what a change of a task or a request
// may have moved.
func (s *Store) produce(ctx context.Context, tx *db.Tx, who audit.Actor, days ...string) error {
	years := map[int]bool{}
	for _, day := range append(days, s.Today()) {
		if y, err := strconv.Atoi(day[:min(4, len(day))]); err == nil {
			years[y] = true
		}
	}
	for y := range years {
		if err := s.refreshYear(ctx, tx, who, y); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) refreshYear(ctx context.Context, tx *db.Tx, who audit.Actor, year int) error {
	today := s.Today()
	b, err := report.LoadBound(ctx, tx, year, Prefix, today)
	if err != nil || b == nil {
		return err
	}
	values, err := computeBound(ctx, tx, b, year, today)
	if err != nil {
		return err
	}
	var list []report.Produced
	for _, in := range b.Indicators {
		for _, a := range b.Assignments[in.ID] {
			for m := 0; m < 12; m++ {
				if b.Opened[m] {
					list = append(list, report.Produced{AssignmentID: a, PeriodID: b.Periods[m], Value: values[in.ID][a][m]})
				}
			}
		}
	}
	rs := report.NewStore(s.db)
	rs.SetClock(s.now)
	return rs.Produce(ctx, tx, who, list)
}

// Values are one bound indicator's figures: assignment → month (0–11).
type Values map[int64]*[12]*float64

// Rollup computes the year's bound figures without writing them.
func (s *Store) Rollup(ctx context.Context, year int) (map[int64]Values, error) {
	today := s.Today()
	b, err := report.LoadBound(ctx, s.db, year, Prefix, today)
	if err != nil || b == nil {
		return map[int64]Values{}, err
	}
	return computeBound(ctx, s.db, b, year, today)
}

// tally is what one assignment's month counts: a count, or a ratio's
// numerator and denominator.
type tally struct{ n, of float64 }

func computeBound(ctx context.Context, q db.Querier, b *report.Bound, year int, today string) (map[int64]Values, error) {
	var tasks []Task
	var requests []Request
	needTasks, needRequests := false, false
	measures := map[int64]Measure{}
	for _, in := range b.Indicators {
		m, err := ParseBinding(in.Binding)
		if err != nil {
			continue // a binding another version wrote produces nothing here
		}
		measures[in.ID] = m
		if strings.HasPrefix(string(m), "tasks") {
			needTasks = true
		} else {
			needRequests = true
		}
	}
	var err error
	if needTasks {
		if tasks, err = loadTasks(ctx, q); err != nil {
			return nil, err
		}
	}
	if needRequests {
		if requests, err = loadRequests(ctx, q); err != nil {
			return nil, err
		}
	}
	out := map[int64]Values{}
	for _, in := range b.Indicators {
		m, ok := measures[in.ID]
		if !ok {
			continue
		}
		var months [12]map[int64]*tally
		for i := range months {
			months[i] = map[int64]*tally{}
		}
		assignment := func(unit int64) (int64, bool) {
			if a, ok := b.AssignmentOf(in.ID, unit); ok {
				return a, true
			}
			a, ok := b.Assignments[in.ID][in.SourceUnitID]
			return a, ok
		}
		for mo := 0; mo < 12; mo++ {
			if !b.Opened[mo] {
				continue
			}
			first := time.Date(year, time.Month(mo+1), 1, 0, 0, 0, 0, time.UTC).Format(dateLayout)
			end := min(time.Date(year, time.Month(mo+2), 0, 0, 0, 0, 0, time.UTC).Format(dateLayout), today)
			count := func(unit int64, n, of float64) {
				if a, ok := assignment(unit); ok {
					t := months[mo][a]
					if t == nil {
						t = &tally{}
						months[mo][a] = t
					}
					t.n += n
					t.of += of
				}
			}
			for _, t := range tasks {
				countTask(m, in.Semantics, t, first, end, count)
			}
			for _, r := range requests {
				countRequest(m, in.Semantics, r, first, end, count)
			}
		}
		vals := Values{}
		for _, a := range b.Assignments[in.ID] {
			vals[a] = new([12]*float64)
			for mo := 0; mo < 12; mo++ {
				if b.Opened[mo] {
					vals[a][mo] = value(m, months[mo][a])
				}
			}
		}
		out[in.ID] = vals
	}
	return out, nil
}

// value is an assignment's figure of a month: a count (0 when nothing
// counted), or a ratio, none when nothing fell due.
func value(m Measure, t *tally) *float64 {
	rate := m == TasksOnTimeRate || m == RequestsOnTime || m == RequestsSatisfied
	switch {
	case !rate && t == nil:
		v := 0.0
		return &v
	case !rate:
		v := t.n
		return &v
	case t == nil || t.of == 0:
		return nil
	case m == RequestsSatisfied:
		v := round2(t.n / t.of)
		return &v
	default:
		v := round2(100 * t.n / t.of)
		return &v
	}
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// doneBy reports whether a task was done by day: closing asked for on or
// before it and not refused since (a refused or reopened task has no
// closing day).
func doneBy(t Task, day string) bool {
	return t.ClosingOn != "" && t.ClosingOn <= day && t.Status != Open
}

// countTask counts a task for a month running first to end.
func countTask(m Measure, sem plan.Semantics, t Task, first, end string, count func(unit int64, n, of float64)) {
	switch m {
	case TasksClosedOnTime:
		if t.Status == Closed && t.ClosingOn <= t.Deadline && t.ClosingOn <= end && (sem != plan.Flow || t.ClosingOn >= first) {
			count(t.LeadUnitID, 1, 0)
		}
	case TasksOnTimeRate:
		if t.Deadline <= end && t.SourceOn <= end {
			onTime := 0.0
			if doneBy(t, t.Deadline) && t.ClosingOn <= end {
				onTime = 1
			}
			count(t.LeadUnitID, onTime, 1)
		}
	case TasksOverdue:
		if t.Deadline < end && t.SourceOn <= end && !doneBy(t, end) {
			count(t.LeadUnitID, 1, 0)
		}
	}
}

// countRequest counts a request for a month running first to end. A
// request not routed yet counts for the indicator's source unit.
func countRequest(m Measure, sem plan.Semantics, r Request, first, end string, count func(unit int64, n, of float64)) {
	switch m {
	case RequestsReceived:
		if r.ReceivedOn <= end && (sem != plan.Flow || r.ReceivedOn >= first) {
			count(r.UnitID, 1, 0)
		}
	case RequestsOnTime:
		answered := r.AnsweredOn != "" && r.AnsweredOn <= end
		if r.UnitID != 0 && r.AssignedOn <= end && (answered || r.Deadline < end) {
			onTime := 0.0
			if answered && r.AnsweredOn <= r.Deadline {
				onTime = 1
			}
			count(r.UnitID, onTime, 1)
		}
	case RequestsSatisfied:
		if r.Rating > 0 && r.RatedOn <= end {
			count(r.UnitID, float64(r.Rating), 1)
		}
	}
}

func loadTasks(ctx context.Context, q db.Querier) ([]Task, error) {
	rows, err := q.Query(ctx, "SELECT "+taskColumns+" FROM tasks")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

func loadRequests(ctx context.Context, q db.Querier) ([]Request, error) {
	rows, err := q.Query(ctx, "SELECT "+requestColumns+" FROM requests")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
