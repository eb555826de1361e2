package db

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// bindLimit is the most parameters one statement may carry on both
// engines: SQLite's SQLITE_MAX_VARIABLE_NUMBER is 32,766 in every build
// since 3.32; PostgreSQL's protocol allows 65,535.
const bindLimit = 32766

// maxRowsPerStatement: generating the province with 500 rows a statement
// took half as long again as with 2,000, and 8,000 gained nothing more.
const maxRowsPerStatement = 2000

// Inserter writes rows into one table with multi-row INSERTs, in the
// caller's transaction: the scale generator's millions of rows and an
// import's hundreds of thousands. Its row pattern marks each value with
// '?'. Add queues a row and writes a full statement; Flush writes the rest.
//
// On SQLite the placeholders stay anonymous '?': SQLite finds a named
// parameter such as $7 by a linear search of the statement's names, which
// makes a statement with thousands of them quadratic to prepare and to
// bind. PostgreSQL knows only $n, numbered through the statement.
type Inserter struct {
	ctx      context.Context
	tx       *Tx
	head     string   // INSERT INTO t (…) VALUES
	parts    []string // the row pattern, split at its '?'
	tail     string   // " RETURNING …", or nothing
	numbered bool     // $1, $2, … rather than ?
	per      int      // rows per statement
	args     []any
	rows     int
	full     string                // the statement of a full batch, built once
	scan     func(*sql.Rows) error // reads what RETURNING gives back
}

// NewInserter starts the rows of head ("INSERT INTO t (a, b) VALUES ") with
// the row pattern row ("(?, ?)").
func NewInserter(ctx context.Context, tx *Tx, head, row string) *Inserter {
	parts := strings.Split(row, "?")
	perRow := len(parts) - 1
	ins := &Inserter{ctx: ctx, tx: tx, head: head, parts: parts, numbered: tx.Dialect() == Postgres,
		per: min(maxRowsPerStatement, bindLimit/perRow)}
	ins.args = make([]any, 0, ins.per*perRow)
	return ins
}

// Returning makes every statement give back columns, read by scan.
func (ins *Inserter) Returning(cols string, scan func(*sql.Rows) error) *Inserter {
	ins.tail, ins.scan = " RETURNING "+cols, scan
	return ins
}

// Add queues one row's values, in the order of the pattern's '?'.
func (ins *Inserter) Add(values ...any) error {
	ins.args = append(ins.args, values...)
	ins.rows++
	if ins.rows == ins.per {
		return ins.Flush()
	}
	return nil
}

// Flush writes the rows queued so far.
func (ins *Inserter) Flush() error {
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

func (ins *Inserter) run(q string) error {
	if ins.scan == nil {
		_, err := ins.tx.Exec(ins.ctx, q, ins.args...)
		return err
	}
	rows, err := ins.tx.Query(ins.ctx, q, ins.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := ins.scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// statement writes the INSERT for n rows.
func (ins *Inserter) statement(n int) string {
	var b strings.Builder
	b.WriteString(ins.head)
	next := 1
	for r := 0; r < n; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		for i, p := range ins.parts {
			b.WriteString(p)
			switch {
			case i == len(ins.parts)-1:
			case ins.numbered:
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(next))
				next++
			default:
				b.WriteByte('?')
			}
		}
	}
	b.WriteString(ins.tail)
	return b.String()
}
