package report

import (
	"context"
	"fmt"
	"strconv"

	"gaoxin/internal/db"
)

// AssignmentYear is one assignment's year: for each month, the value that
// counts in progress (a figure submitted, confirmed or approved, with a
// value), and whether there is one.
type AssignmentYear struct {
	AssignmentID int64
	Value        [12]float64 // by month, January first
	Has          [12]bool
}

// EachCountedYear calls fn with the year of every assignment that has a
// counted value in it. It says what CountedValues says, one row per
// assignment instead of one per figure: it reads the rows of
// assignment_year, which every figure write keeps in step, so that a
// dashboard of a province reads 100,000 rows rather than a million. The
// rows are handed over one by one, not gathered into a slice first: a
// slice of 100,000 grown by appending costs more than reading them.
func (s *Store) EachCountedYear(ctx context.Context, year int, fn func(AssignmentYear)) error {
	rows, err := s.db.Query(ctx, `SELECT assignment_id, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12
		FROM assignment_year WHERE year = $1`, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	// The columns are scanned as the driver gives them, which costs a
	// third less than converting each into a sql.NullFloat64.
	var cols [13]any
	dest := make([]any, len(cols))
	for i := range cols {
		dest[i] = &cols[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		ay := AssignmentYear{}
		var ok bool
		if ay.AssignmentID, ok = cols[0].(int64); !ok {
			return fmt.Errorf("assignment_year: assignment id %T", cols[0])
		}
		counts := false
		for m, c := range cols[1:] {
			switch v := c.(type) {
			case nil:
				continue
			case float64:
				ay.Value[m] = v
			case int64:
				ay.Value[m] = float64(v)
			default:
				return fmt.Errorf("assignment_year: value %T", c)
			}
			ay.Has[m], counts = true, true
		}
		// A row whose values have all stopped counting (every figure
		// returned) stays in the table but is no year to report.
		if counts {
			fn(ay)
		}
	}
	return rows.Err()
}

// writeYear brings the rows of assignment_year in step with the figures the
// batch changed whose counted value is not what it was: per period, the
// month's column of each, adding the row when the assignment has none yet.
func (b *figureBatch) writeYear() error {
	var periods []int64
	byPeriod := map[int64][]*batchFigure{}
	for _, f := range b.order {
		if sameValue(countedValue(f.stored), countedValue(&f.now)) {
			continue
		}
		p := f.now.PeriodID
		if byPeriod[p] == nil {
			periods = append(periods, p)
		}
		byPeriod[p] = append(byPeriod[p], f)
	}
	for _, pid := range periods {
		// The period is read rather than taken from the caller, so that
		// the row of the year cannot be told a wrong month.
		var year, month int
		if err := b.tx.QueryRow(b.ctx, "SELECT year, month FROM periods WHERE id = $1", pid).Scan(&year, &month); err != nil {
			return err
		}
		if month < 1 || month > 12 {
			return fmt.Errorf("period %d has month %d", pid, month)
		}
		list := byPeriod[pid]
		for _, part := range chunks(len(list)) {
			rows := list[:part]
			list = list[part:]
			args := make([]any, 0, 3*len(rows))
			for _, f := range rows {
				var v any
				if c := countedValue(&f.now); c != nil {
					v = *c
				}
				args = append(args, f.now.AssignmentID, year, v)
			}
			d, n := b.tx.Dialect(), len(rows)
			q := statement(stmtKey{"year", d, n, month}, func() string { return yearStatement(d, month, n) })
			if _, err := b.tx.Exec(b.ctx, q, args...); err != nil {
				return err
			}
		}
	}
	return nil
}

// yearStatement sets month's column for n assignments: rows of
// (assignment, year, value).
func yearStatement(d db.Dialect, month, n int) string {
	col := "m" + strconv.Itoa(month)
	return "INSERT INTO assignment_year (assignment_id, year, " + col + ") VALUES " + placeholders(d, n, 3, 1) +
		" ON CONFLICT (assignment_id, year) DO UPDATE SET " + col + " = excluded." + col
}
