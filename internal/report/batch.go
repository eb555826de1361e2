package report

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// figureBatch gathers what one grid action does to figures — or a save and
// a submit made in one go — and writes it all at flush: each figure row
// once, in its final state; every version; one audit entry per action
// naming every figure it changed; and each assignment's row of the year
// (assignment_year), which is what the dashboard reads.
//
// A grid of twenty new figures saved and submitted is then some fifteen
// statements rather than a hundred: the rows go in multi-row statements
// whose text holds placeholders only and whose sizes are powers of two
// (see chunks), so that every grid, whatever its size, runs statements the
// writer has prepared before.
type figureBatch struct {
	ctx     context.Context
	tx      *db.Tx
	who     audit.Actor
	now     time.Time
	figures map[[2]int64]*batchFigure // by period and assignment
	order   []*batchFigure
	steps   []batchStep
}

// batchFigure is one figure the batch changes: as the database holds it
// (nil for a new one) and as it stands after the changes queued so far.
type batchFigure struct {
	stored *Figure
	now    Figure
}

// batchStep is one action of the batch, with its changes in order; each
// change is one version and one line of the action's audit entry.
type batchStep struct {
	action  string
	changes []batchChange
}

type batchChange struct {
	figure        *batchFigure
	before, after Figure
	created       bool // there was no figure before this change
}

func (s *Store) batch(ctx context.Context, tx *db.Tx, who audit.Actor) *figureBatch {
	return &figureBatch{ctx: ctx, tx: tx, who: who, now: s.now(), figures: map[[2]int64]*batchFigure{}}
}

// write stores one figure's new state, as a batch of one.
func (s *Store) write(ctx context.Context, tx *db.Tx, who audit.Actor, before *Figure, after Figure, action string) (Figure, error) {
	b := s.batch(ctx, tx, who)
	after = b.put(action, before, after)
	return after, b.flush()
}

// put queues a figure's new state under action and returns it with its
// version. before is the figure as it stands — read from the database, or
// returned by an earlier put of the same batch — nil when there is none.
func (b *figureBatch) put(action string, before *Figure, after Figure) Figure {
	key := [2]int64{after.PeriodID, after.AssignmentID}
	f := b.figures[key]
	if f == nil {
		f = &batchFigure{}
		if before != nil {
			stored := *before
			f.stored = &stored
		}
		b.figures[key] = f
		b.order = append(b.order, f)
	}
	after.UpdatedAt = b.now
	after.Version = 1
	if before != nil {
		after.ID, after.Version = before.ID, before.Version+1
	}
	change := batchChange{figure: f, after: after, created: before == nil}
	if before != nil {
		change.before = *before
	}
	f.now = after
	if n := len(b.steps); n == 0 || b.steps[n-1].action != action {
		b.steps = append(b.steps, batchStep{action: action})
	}
	step := &b.steps[len(b.steps)-1]
	step.changes = append(step.changes, change)
	return after
}

// flush writes what was queued.
func (b *figureBatch) flush() error {
	if len(b.steps) == 0 {
		return nil
	}
	if err := b.insertNew(); err != nil {
		if errors.Is(err, db.ErrConflict) {
			// Another instance created one of these figures since they were
			// read: the transaction runs again and reads it.
			return fmt.Errorf("%w: %w", db.ErrBusy, err)
		}
		return err
	}
	if err := b.updateStored(); err != nil {
		return err
	}
	if err := b.insertVersions(); err != nil {
		return err
	}
	if err := b.writeYear(); err != nil {
		return err
	}
	for _, st := range b.steps {
		if err := b.record(st); err != nil {
			return err
		}
	}
	return nil
}

const figureInsertColumns = "assignment_id, period_id, value, explanation, status, reason, late, version, submitted_at, updated_at, updated_by"

// insertNew writes the new figures, each in its final state, and gives
// every change of theirs the id the database chose.
func (b *figureBatch) insertNew() error {
	var fresh []*batchFigure
	for _, f := range b.order {
		if f.stored == nil {
			fresh = append(fresh, f)
		}
	}
	by := nullUser(b.who)
	ids := map[[2]int64]int64{}
	for _, part := range chunksOf(len(fresh), figureRowsPerStatement) {
		rows := fresh[:part]
		fresh = fresh[part:]
		args := make([]any, 0, 11*len(rows))
		for _, f := range rows {
			n := f.now
			args = append(args, n.AssignmentID, n.PeriodID, n.Value, n.Explanation, string(n.Status), n.Reason, n.Late,
				n.Version, n.SubmittedAt, b.now, by)
		}
		d := b.tx.Dialect()
		q := statement(stmtKey{"figures", d, len(rows), 0}, func() string {
			return "INSERT INTO figures (" + figureInsertColumns + ") VALUES " + placeholders(d, len(rows), 11, 1) +
				" RETURNING id, period_id, assignment_id"
		})
		if err := b.readIDs(q, args, ids); err != nil {
			return err
		}
	}
	for key, id := range ids {
		b.figures[key].now.ID = id
	}
	for i := range b.steps {
		for j := range b.steps[i].changes {
			c := &b.steps[i].changes[j]
			c.after.ID = c.figure.now.ID
			if !c.created {
				c.before.ID = c.figure.now.ID
			}
		}
	}
	return nil
}

func (b *figureBatch) readIDs(q string, args []any, ids map[[2]int64]int64) error {
	rows, err := b.tx.Query(b.ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, period, assignment int64
		if err := rows.Scan(&id, &period, &assignment); err != nil {
			return err
		}
		ids[[2]int64{period, assignment}] = id
	}
	return rows.Err()
}

// updateStored writes the final state of every figure that was already
// stored.
func (b *figureBatch) updateStored() error {
	by := nullUser(b.who)
	for _, f := range b.order {
		if f.stored == nil {
			continue
		}
		n := f.now
		_, err := b.tx.Exec(b.ctx, `UPDATE figures SET value = $1, explanation = $2, status = $3, reason = $4, late = $5, version = $6,
			submitted_at = $7, updated_at = $8, updated_by = $9 WHERE id = $10`, n.Value, n.Explanation, string(n.Status),
			n.Reason, n.Late, n.Version, n.SubmittedAt, b.now, by, n.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

// insertVersions writes a version for every change, in the order made.
func (b *figureBatch) insertVersions() error {
	type version struct {
		change *batchChange
		action string
	}
	var all []version
	for i := range b.steps {
		for j := range b.steps[i].changes {
			all = append(all, version{&b.steps[i].changes[j], b.steps[i].action})
		}
	}
	by := nullUser(b.who)
	d := b.tx.Dialect()
	for _, part := range chunks(len(all)) {
		list := all[:part]
		all = all[part:]
		args := make([]any, 0, 9*len(list))
		for _, v := range list {
			f := &v.change.after
			args = append(args, f.ID, f.Version, f.Value, f.Explanation, string(f.Status), v.action, f.Reason, b.now, by)
		}
		q := statement(stmtKey{"versions", d, len(list), 0}, func() string {
			return "INSERT INTO figure_versions (figure_id, version, value, explanation, status, action, reason, at, by_user) VALUES " +
				placeholders(d, len(list), 9, 1)
		})
		if _, err := b.tx.Exec(b.ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// record writes an action's audit entry: the figures it changed, before
// and after; a single figure as itself rather than as a list of one.
func (b *figureBatch) record(st batchStep) error {
	ids := make([]string, len(st.changes))
	before, after := make([]any, len(st.changes)), make([]any, len(st.changes))
	for i, c := range st.changes {
		ids[i] = strconv.FormatInt(c.after.ID, 10)
		if !c.created {
			before[i] = auditView(c.before)
		}
		after[i] = auditView(c.after)
	}
	var bv, av any = before, after
	if len(st.changes) == 1 {
		bv, av = before[0], after[0]
	}
	return audit.Record(b.ctx, b.tx, b.who, "figure."+st.action, "figure", strings.Join(ids, ","), bv, av)
}

// countedValue is the value a figure adds to progress: its value once it
// counts, nothing while it is a draft or returned, or has no value.
func countedValue(f *Figure) *float64 {
	if f == nil || !f.Status.Counts() || f.Value == nil {
		return nil
	}
	return f.Value
}

// maxChunk is the most rows one statement carries: 128 versions of 9
// values each make 1,152 bound parameters, well inside every engine's
// limit.
const maxChunk = 128

// chunks splits n rows into statements of 128, 64, 32, … 1 rows. A
// statement's text then takes one of eight shapes per kind whatever the
// size of a grid — twenty rows are a statement of 16 and one of 4 — so
// the writer prepares each shape once and keeps it, where a shape per
// size would be prepared anew for every size met and crowd the cache.
func chunks(n int) []int { return chunksOf(n, maxChunk) }

// figureRowsPerStatement is fewer for new figures. Each new row lands on a
// page of its own in the index by assignment and period (a unit's
// assignments are far apart), and SQLite copies every page a many-row
// statement changes into a statement journal, which it moves from memory
// to a temporary file past 16 pages; at four rows a statement it never
// does. Four measured faster than sixteen while figures had a second index
// led by the assignment (before migration 0008), and no slower since.
const figureRowsPerStatement = 4

// chunksOf is chunks with at most most rows a statement (a power of two).
func chunksOf(n, most int) []int {
	var out []int
	for size := most; n > 0; size /= 2 {
		for n >= size {
			out = append(out, size)
			n -= size
		}
	}
	return out
}

// placeholders writes rows of cols parameters: "($1, $2), ($3, $4)",
// numbered from first, for PostgreSQL; "(?, ?), (?, ?)" for SQLite, which
// finds a named parameter such as $7 by a linear search of the statement's
// names each time it binds one — for a statement's 220 parameters an
// eighth of the time the whole grid took — and an anonymous one by its
// position.
func placeholders(d db.Dialect, rows, cols, first int) string {
	var q strings.Builder
	q.Grow(rows * cols * 5)
	n := first
	for r := 0; r < rows; r++ {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for c := 0; c < cols; c++ {
			if c > 0 {
				q.WriteString(", ")
			}
			if d == db.SQLite {
				q.WriteByte('?')
			} else {
				q.WriteByte('$')
				q.WriteString(strconv.Itoa(n))
			}
			n++
		}
		q.WriteByte(')')
	}
	return q.String()
}

// param is the parameter mark number n, as placeholders writes it.
func param(d db.Dialect, n int) string {
	if d == db.SQLite {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}

// idParams is the parameters of an IN list of n ids, numbered from first.
func idParams(d db.Dialect, n, first int) string {
	p := placeholders(d, 1, n, first)
	return p[1 : len(p)-1]
}

// stmtKey names a statement text built for a dialect and a number of rows
// (and, for the year's rows, a month).
type stmtKey struct {
	kind    string
	dialect db.Dialect
	rows    int
	month   int
}

// statements holds the texts built so far: a grid's statements are the
// same few every time, and building their text anew for each grid is
// waste.
var statements sync.Map // stmtKey → string

func statement(k stmtKey, build func() string) string {
	if q, ok := statements.Load(k); ok {
		return q.(string)
	}
	q := build()
	statements.Store(k, q)
	return q
}
