package db

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Querier is what read functions take, so that they run the same on the
// reader pool and inside a write transaction.
type Querier interface {
	Query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, q string, args ...any) *Row
	Dialect() Dialect
}

// Row is one result row whose Scan reports our errors, not the driver's.
type Row struct{ row *sql.Row }

// Scan copies the columns into dest; a missing row is ErrNotFound.
func (r *Row) Scan(dest ...any) error { return translate(r.row.Scan(dest...)) }

// Query runs a read on the reader pool. Placeholders are $1, $2, … on both engines.
func (db *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := db.reader.QueryContext(ctx, q, args...)
	return rows, translate(err)
}

// QueryRow runs a single-row read on the reader pool.
func (db *DB) QueryRow(ctx context.Context, q string, args ...any) *Row {
	return &Row{db.reader.QueryRowContext(ctx, q, args...)}
}

// Tx is a write transaction.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	stmts   *stmtCache
}

// prepared is q's cached statement bound to this transaction, or nil.
func (tx *Tx) prepared(ctx context.Context, q string) *sql.Stmt {
	if st := tx.stmts.get(q); st != nil {
		return tx.tx.StmtContext(ctx, st)
	}
	return nil
}

// Dialect reports the engine.
func (tx *Tx) Dialect() Dialect { return tx.dialect }

// Exec runs a statement and returns the number of rows it touched.
func (tx *Tx) Exec(ctx context.Context, q string, args ...any) (int64, error) {
	var res sql.Result
	var err error
	if st := tx.prepared(ctx, q); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = tx.tx.ExecContext(ctx, q, args...)
	}
	if err != nil {
		return 0, translate(err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// Query runs a read — or a write that returns rows — inside the
// transaction, on the writer's prepared statement when it has one.
func (tx *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	var rows *sql.Rows
	var err error
	if st := tx.prepared(ctx, q); st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = tx.tx.QueryContext(ctx, q, args...)
	}
	return rows, translate(err)
}

// QueryRow runs a single-row read inside the transaction.
func (tx *Tx) QueryRow(ctx context.Context, q string, args ...any) *Row {
	if st := tx.prepared(ctx, q); st != nil {
		return &Row{st.QueryRowContext(ctx, args...)}
	}
	return &Row{tx.tx.QueryRowContext(ctx, q, args...)}
}

// Insert runs an INSERT … RETURNING id and gives back the new id.
func (tx *Tx) Insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Write runs fn in one transaction on the writer and commits it if fn
// returns nil. When the database stays busy the whole transaction is tried
// again a few times, so fn must not have effects outside the transaction.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = db.writeOnce(ctx, fn)
		db.stmts.prepare(ctx)
		if !errors.Is(err, ErrBusy) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(20*(attempt+1)) * time.Millisecond):
		}
	}
	return err
}

func (db *DB) writeOnce(ctx context.Context, fn func(*Tx) error) (err error) {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{tx: sqlTx, dialect: db.dialect, stmts: db.stmts}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return translate(sqlTx.Commit())
}

// Now is the time stamp every store writes: UTC, to the microsecond, which
// is what PostgreSQL keeps, so a value reads back exactly as written.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ForUpdate is the row-lock clause for a SELECT that precedes an update of
// the same row. SQLite needs none: its writer holds the whole database.
func (d Dialect) ForUpdate() string {
	if d == Postgres {
		return " FOR UPDATE"
	}
	return ""
}
