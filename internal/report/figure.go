package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Status is where a figure stands in its workflow.
type Status string

const (
	Draft     Status = "draft"     // being filled in by the unit
	Submitted Status = "submitted" // sent to the unit head
	Confirmed Status = "confirmed" // confirmed by the unit head, waiting for the office
	Approved  Status = "approved"  // approved by the assessment office
	Returned  Status = "returned"  // sent back with a reason, to be fixed and submitted again
)

// Counts reports whether a figure in this status counts in progress and
// scores: once submitted, until returned.
func (s Status) Counts() bool { return s == Submitted || s == Confirmed || s == Approved }

// Editable reports whether the unit may still change the figure.
func (s Status) Editable() bool { return s == Draft || s == Returned }

// Figure is the current state of one reported value.
type Figure struct {
	ID           int64
	AssignmentID int64
	PeriodID     int64
	Value        *float64
	Explanation  string
	Status       Status
	Reason       string // why it was returned or corrected
	Late         bool
	Version      int
	SubmittedAt  *time.Time
	UpdatedAt    time.Time
}

// Entry is what a unit types into one cell of its grid.
type Entry struct {
	AssignmentID int64
	Value        *float64
	Explanation  string
	// Seen is the version of the figure the person saw when they typed
	// (0: there was none); nil when unknown, as in a file's import. A save
	// that finds the figure changed since is refused for that cell, so
	// that of two people editing one figure the second learns of the
	// first instead of overwriting it.
	Seen *int
}

// Problems are per-cell refusals of a grid action, keyed by assignment.
type Problems map[int64]i18n.Msg

func (p Problems) Error() string {
	ids := make([]int64, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "assignment %d: %s; ", id, p[id].In(i18n.EN))
	}
	return strings.TrimSuffix(b.String(), "; ")
}

const figureColumns = "id, assignment_id, period_id, value, explanation, status, reason, late, version, submitted_at, updated_at"

func scanFigure(r interface{ Scan(...any) error }) (Figure, error) {
	var f Figure
	var status string
	err := r.Scan(&f.ID, &f.AssignmentID, &f.PeriodID, &f.Value, &f.Explanation, &status, &f.Reason, &f.Late, &f.Version, &f.SubmittedAt, &f.UpdatedAt)
	f.Status = Status(status)
	return f, err
}

// Figures returns the figures of a period for the given assignments, by assignment.
func (s *Store) Figures(ctx context.Context, periodID int64, assignmentIDs []int64) (map[int64]Figure, error) {
	return figuresOf(ctx, s.db, periodID, assignmentIDs)
}

func figuresOf(ctx context.Context, q db.Querier, periodID int64, assignmentIDs []int64) (map[int64]Figure, error) {
	out := map[int64]Figure{}
	// The ids are bound, not written into the text, and the list is
	// padded to a power of two by repeating its last id, which an IN list
	// does not mind: one statement of one of a few shapes, each prepared
	// once by the writer, whatever the size of the grid.
	for len(assignmentIDs) > 0 {
		ids := assignmentIDs[:min(len(assignmentIDs), maxChunk)]
		assignmentIDs = assignmentIDs[len(ids):]
		size := 1
		for size < len(ids) {
			size *= 2
		}
		args := make([]any, 0, 1+size)
		args = append(args, periodID)
		for i := 0; i < size; i++ {
			args = append(args, ids[min(i, len(ids)-1)])
		}
		d := q.Dialect()
		// Inside a write the rows are locked where the engine locks rows
		// (PostgreSQL; SQLite has one writer): of two instances saving one
		// figure, the second waits, then reads what the first wrote, and its
		// check of the version it saw refuses a stale edit rather than
		// writing over it.
		lock := 0
		if _, ok := q.(*db.Tx); ok && d == db.Postgres {
			lock = 1
		}
		query := statement(stmtKey{"figures_of", d, size, lock}, func() string {
			q := "SELECT " + figureColumns + " FROM figures WHERE period_id = " + param(d, 1) +
				" AND assignment_id IN (" + idParams(d, size, 2) + ")"
			if lock == 1 {
				// In one order, whatever the order of the ids asked for:
				// two saves of overlapping cells then wait for each other
				// instead of each holding a row the other needs.
				q += " ORDER BY assignment_id" + d.ForUpdate()
			}
			return q
		})
		if err := readFigures(ctx, q, query, args, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readFigures(ctx context.Context, q db.Querier, query string, args []any, out map[int64]Figure) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFigure(rows)
		if err != nil {
			return err
		}
		out[f.AssignmentID] = f
	}
	return rows.Err()
}

// YearValue is one counted figure of a year, for progress computation.
type YearValue struct {
	AssignmentID int64
	Month        int
	Value        float64
}

// CountedValues returns every figure of a year that counts (submitted,
// confirmed or approved) and has a value.
func (s *Store) CountedValues(ctx context.Context, year int) ([]YearValue, error) {
	rows, err := s.db.Query(ctx, `SELECT f.assignment_id, p.month, f.value FROM figures f JOIN periods p ON p.id = f.period_id
		WHERE p.year = $1 AND f.value IS NOT NULL AND f.status IN ('submitted', 'confirmed', 'approved')`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []YearValue
	for rows.Next() {
		var v YearValue
		if err := rows.Scan(&v.AssignmentID, &v.Month, &v.Value); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Version is one earlier (or the current) state of a figure.
type Version struct {
	Version     int
	Value       *float64
	Explanation string
	Status      Status
	Action      string
	Reason      string
	At          time.Time
	By          string
}

// Versions lists every state of a figure, oldest first.
func (s *Store) Versions(ctx context.Context, figureID int64) ([]Version, error) {
	rows, err := s.db.Query(ctx, `SELECT v.version, v.value, v.explanation, v.status, v.action, v.reason, v.at, COALESCE(u.display_name, '')
		FROM figure_versions v LEFT JOIN users u ON u.id = v.by_user WHERE v.figure_id = $1 ORDER BY v.version`, figureID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Version
	for rows.Next() {
		var v Version
		var status string
		if err := rows.Scan(&v.Version, &v.Value, &v.Explanation, &status, &v.Action, &v.Reason, &v.At, &v.By); err != nil {
			return nil, err
		}
		v.Status = Status(status)
		list = append(list, v)
	}
	return list, rows.Err()
}

// figureView is a figure as the audit trail records it. Its fields are in
// the order of their names, so that it encodes exactly as the map it
// replaced did, and faster: encoding a map sorts its keys every time.
type figureView struct {
	AssignmentID int64    `json:"assignment_id"`
	Explanation  string   `json:"explanation"`
	Late         bool     `json:"late"`
	PeriodID     int64    `json:"period_id"`
	Reason       string   `json:"reason"`
	Status       Status   `json:"status"`
	Value        *float64 `json:"value"`
}

func auditView(f Figure) figureView {
	return figureView{AssignmentID: f.AssignmentID, PeriodID: f.PeriodID, Value: f.Value,
		Explanation: f.Explanation, Status: f.Status, Reason: f.Reason, Late: f.Late}
}

func nullUser(who audit.Actor) any {
	if who.UserID == 0 {
		return nil
	}
	return who.UserID
}

// Statuses returns the status of every figure of a year, by assignment and month.
func (s *Store) Statuses(ctx context.Context, year int) (map[[2]int64]Status, error) {
	out := map[[2]int64]Status{}
	err := readStatuses(ctx, s.db, `SELECT f.assignment_id, p.month, f.status FROM figures f JOIN periods p ON p.id = f.period_id
		WHERE p.year = $1`, []any{year}, out)
	return out, err
}

// StatusesOf is Statuses for the given assignments only, read through the
// figures' index by assignment: a unit's own work is a few hundred
// figures, where the year of a province is a million.
func (s *Store) StatusesOf(ctx context.Context, year int, assignmentIDs []int64) (map[[2]int64]Status, error) {
	out := map[[2]int64]Status{}
	d := s.db.Dialect()
	for len(assignmentIDs) > 0 {
		ids := assignmentIDs[:min(len(assignmentIDs), maxChunk)]
		assignmentIDs = assignmentIDs[len(ids):]
		args := make([]any, 0, 1+len(ids))
		args = append(args, year)
		for _, id := range ids {
			args = append(args, id)
		}
		q := "SELECT f.assignment_id, p.month, f.status FROM figures f JOIN periods p ON p.id = f.period_id WHERE p.year = " +
			param(d, 1) + " AND f.assignment_id IN (" + idParams(d, len(ids), 2) + ")"
		if err := readStatuses(ctx, s.db, q, args, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readStatuses(ctx context.Context, q db.Querier, query string, args []any, out map[[2]int64]Status) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, m int64
		var st string
		if err := rows.Scan(&a, &m, &st); err != nil {
			return err
		}
		out[[2]int64{a, m}] = Status(st)
	}
	return rows.Err()
}

// Now is the store's notion of the present (the demo may pin a date).
func (s *Store) Now() time.Time { return s.now() }
