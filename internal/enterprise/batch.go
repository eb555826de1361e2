package enterprise

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"gaoxin/internal/db"
)

// maxBatchParams is the most parameters one statement carries: SQLite's
// limit is 32,766 in every build since 3.32, PostgreSQL's 65,535.
const maxBatchParams = 32766

// maxBatchRows bounds the rows of one INSERT: past a couple of thousand
// a longer statement saves no more time (internal/demo measured the same).
const maxBatchRows = 2000

// inserter writes rows into one table with multi-row INSERTs, as the scale
// generator in internal/demo does. Its row pattern marks each value '?';
// on PostgreSQL they are numbered $1, $2, … through the statement, while
// SQLite keeps them anonymous, since it finds a numbered one by a linear
// search of the statement's names, which makes thousands of them slow.
type inserter struct {
	ctx      context.Context
	tx       *db.Tx
	head     string   // INSERT INTO t (…) VALUES
	parts    []string // the row pattern, split at its '?'
	tail     string   // " RETURNING …", or nothing
	per      int      // rows a statement
	args     []any
	rows     int
	full     string // the statement of a full batch, written once
	returned func(*sql.Rows) error
}

func newInserter(ctx context.Context, tx *db.Tx, head, row string) *inserter {
	parts := strings.Split(row, "?")
	return &inserter{ctx: ctx, tx: tx, head: head, parts: parts, per: min(maxBatchRows, maxBatchParams/(len(parts)-1))}
}

// returning makes every statement give back cols, each row read by scan.
func (ins *inserter) returning(cols string, scan func(*sql.Rows) error) *inserter {
	ins.tail, ins.returned = " RETURNING "+cols, scan
	return ins
}

// add queues one row's values, in the order of the pattern's '?'.
func (ins *inserter) add(values ...any) error {
	ins.args = append(ins.args, values...)
	if ins.rows++; ins.rows == ins.per {
		return ins.flush()
	}
	return nil
}

// flush writes the rows queued so far.
func (ins *inserter) flush() error {
	if ins.rows == 0 {
		return nil
	}
	q := ins.full
	if ins.rows != ins.per || q == "" {
		q = ins.statement(ins.rows)
		if ins.rows == ins.per {
			ins.full = q
		}
	}
	err := ins.run(q)
	ins.args, ins.rows = ins.args[:0], 0
	return err
}

func (ins *inserter) run(q string) error {
	if ins.returned == nil {
		_, err := ins.tx.Exec(ins.ctx, q, ins.args...)
		return err
	}
	rows, err := ins.tx.Query(ins.ctx, q, ins.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := ins.returned(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// statement writes the INSERT of n rows.
func (ins *inserter) statement(n int) string {
	var b strings.Builder
	b.WriteString(ins.head)
	next := 1
	for r := 0; r < n; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		for i, p := range ins.parts {
			b.WriteString(p)
			if i < len(ins.parts)-1 {
				next = mark(&b, ins.tx.Dialect(), next)
			}
		}
	}
	b.WriteString(ins.tail)
	return b.String()
}

// mark writes the placeholder numbered next and gives the number after it.
func mark(b *strings.Builder, d db.Dialect, next int) int {
	if d == db.Postgres {
		b.WriteString("$" + strconv.Itoa(next))
	} else {
		b.WriteByte('?')
	}
	return next + 1
}

// marks is n placeholders for an IN list, numbered from next.
func marks(d db.Dialect, n, next int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		next = mark(&b, d, next)
	}
	return b.String()
}
