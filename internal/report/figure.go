package report

import (
	"context"
	"fmt"
	"sort"
	"strconv"
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
	if len(assignmentIDs) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, "SELECT "+figureColumns+" FROM figures WHERE period_id = $1 AND assignment_id IN ("+idList(assignmentIDs)+")", periodID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFigure(rows)
		if err != nil {
			return nil, err
		}
		out[f.AssignmentID] = f
	}
	return out, rows.Err()
}

// idList writes ids for an IN clause. They are integers we produced, never
// user text, so they cannot inject anything.
func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ",")
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

// write stores one figure's new state, as a batch of one.
func (s *Store) write(ctx context.Context, tx *db.Tx, who audit.Actor, before *Figure, after Figure, action string) (Figure, error) {
	b := s.batch(ctx, tx, who, action)
	after, err := b.put(before, after)
	if err != nil {
		return after, err
	}
	return after, b.flush()
}

// figureBatch writes the figures one grid action changes: each figure row
// at once, then every new version in one statement and one audit entry
// naming them all, so that a grid of twenty costs a few statements more
// than a grid of one, not twenty times as many.
type figureBatch struct {
	ctx      context.Context
	tx       *db.Tx
	who      audit.Actor
	action   string
	now      time.Time
	ids      []string
	before   []any
	after    []any
	versions []Figure
}

func (s *Store) batch(ctx context.Context, tx *db.Tx, who audit.Actor, action string) *figureBatch {
	return &figureBatch{ctx: ctx, tx: tx, who: who, action: action, now: s.now()}
}

// put stores a figure's new state and queues its version and audit lines.
func (b *figureBatch) put(before *Figure, after Figure) (Figure, error) {
	after.UpdatedAt = b.now
	by := nullUser(b.who)
	var err error
	if before == nil {
		after.Version = 1
		after.ID, err = b.tx.Insert(b.ctx, `INSERT INTO figures (assignment_id, period_id, value, explanation, status, reason, late, version, submitted_at, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, after.AssignmentID, after.PeriodID, after.Value, after.Explanation,
			string(after.Status), after.Reason, after.Late, after.Version, after.SubmittedAt, b.now, by)
	} else {
		after.Version = before.Version + 1
		_, err = b.tx.Exec(b.ctx, `UPDATE figures SET value = $1, explanation = $2, status = $3, reason = $4, late = $5, version = $6,
			submitted_at = $7, updated_at = $8, updated_by = $9 WHERE id = $10`, after.Value, after.Explanation, string(after.Status),
			after.Reason, after.Late, after.Version, after.SubmittedAt, b.now, by, after.ID)
	}
	if err != nil {
		return after, err
	}
	var bv any
	if before != nil {
		bv = auditView(*before)
	}
	b.ids = append(b.ids, strconv.FormatInt(after.ID, 10))
	b.before, b.after = append(b.before, bv), append(b.after, auditView(after))
	b.versions = append(b.versions, after)
	return after, nil
}

// versionsPerStatement keeps one INSERT well inside every engine's limit
// of bound parameters.
const versionsPerStatement = 200

// flush writes the queued versions and the audit entry.
func (b *figureBatch) flush() error {
	for start := 0; start < len(b.versions); start += versionsPerStatement {
		if err := b.insertVersions(b.versions[start:min(start+versionsPerStatement, len(b.versions))]); err != nil {
			return err
		}
	}
	if len(b.versions) == 0 {
		return nil
	}
	var before, after any = b.before, b.after
	if len(b.versions) == 1 {
		before, after = b.before[0], b.after[0]
	}
	return audit.Record(b.ctx, b.tx, b.who, "figure."+b.action, "figure", strings.Join(b.ids, ","), before, after)
}

func (b *figureBatch) insertVersions(list []Figure) error {
	var q strings.Builder
	q.WriteString("INSERT INTO figure_versions (figure_id, version, value, explanation, status, action, reason, at, by_user) VALUES ")
	args := make([]any, 0, len(list)*9)
	for i, f := range list {
		if i > 0 {
			q.WriteString(", ")
		}
		n := len(args)
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9)
		args = append(args, f.ID, f.Version, f.Value, f.Explanation, string(f.Status), b.action, f.Reason, b.now, nullUser(b.who))
	}
	_, err := b.tx.Exec(b.ctx, q.String(), args...)
	return err
}

func auditView(f Figure) map[string]any {
	return map[string]any{"assignment_id": f.AssignmentID, "period_id": f.PeriodID, "value": f.Value,
		"explanation": f.Explanation, "status": f.Status, "reason": f.Reason, "late": f.Late}
}

func nullUser(who audit.Actor) any {
	if who.UserID == 0 {
		return nil
	}
	return who.UserID
}

// Statuses returns the status of every figure of a year, by assignment and month.
func (s *Store) Statuses(ctx context.Context, year int) (map[[2]int64]Status, error) {
	rows, err := s.db.Query(ctx, `SELECT f.assignment_id, p.month, f.status FROM figures f JOIN periods p ON p.id = f.period_id
		WHERE p.year = $1`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]int64]Status{}
	for rows.Next() {
		var a, m int64
		var st string
		if err := rows.Scan(&a, &m, &st); err != nil {
			return nil, err
		}
		out[[2]int64{a, m}] = Status(st)
	}
	return out, rows.Err()
}

// Now is the store's notion of the present (the demo may pin a date).
func (s *Store) Now() time.Time { return s.now() }
