package db

import (
	"context"
	"errors"
	"fmt"

	"modernc.org/sqlite"
)

// CopyTo replaces everything dst holds with what db holds. Both must be of
// the same engine and schema version, and on PostgreSQL in the same
// database (each in its schema). Tests use it to start from a loaded demo
// in a fraction of a second instead of loading it again.
//
// On PostgreSQL the copy turns off foreign keys and triggers for its
// transaction (session_replication_role), which takes a superuser: a test
// server's, not an application's.
func (db *DB) CopyTo(ctx context.Context, dst *DB) error {
	if db.dialect != dst.dialect {
		return errors.New("db: copy between engines")
	}
	if db.dialect == SQLite {
		return db.copySQLite(ctx, dst)
	}
	return db.copyPostgres(ctx, dst)
}

// copySQLite restores dst from db with SQLite's backup API, page by page.
func (db *DB) copySQLite(ctx context.Context, dst *DB) error {
	conn, err := dst.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("db: the SQLite driver cannot restore (%T)", dc)
		}
		b, err := r.NewRestore(db.uri)
		if err != nil {
			return err
		}
		for more := true; more && err == nil; {
			more, err = b.Step(-1)
		}
		if ferr := b.Finish(); err == nil {
			err = ferr
		}
		return err
	})
	return translate(err)
}

// copyPostgres copies every table and sequence of db's schema into dst's.
func (db *DB) copyPostgres(ctx context.Context, dst *DB) error {
	var from, to string
	if err := db.QueryRow(ctx, "SELECT current_schema()").Scan(&from); err != nil {
		return err
	}
	if err := dst.QueryRow(ctx, "SELECT current_schema()").Scan(&to); err != nil {
		return err
	}
	tables, err := names(ctx, db, "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", from)
	if err != nil {
		return err
	}
	type sequence struct {
		name string
		last int64
	}
	var seqs []sequence
	rows, err := db.Query(ctx, "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = $1 AND last_value IS NOT NULL", from)
	if err != nil {
		return err
	}
	for rows.Next() {
		var s sequence
		if err := rows.Scan(&s.name, &s.last); err != nil {
			rows.Close()
			return err
		}
		seqs = append(seqs, s)
	}
	rows.Close()
	return dst.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
			return err
		}
		for _, t := range tables {
			if _, err := tx.Exec(ctx, "DELETE FROM "+quoted(to, t)); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO "+quoted(to, t)+" SELECT * FROM "+quoted(from, t)); err != nil {
				return fmt.Errorf("copy %s: %w", t, err)
			}
		}
		for _, s := range seqs {
			if _, err := tx.Exec(ctx, "SELECT setval($1, $2)", quoted(to, s.name), s.last); err != nil {
				return err
			}
		}
		return nil
	})
}

func names(ctx context.Context, db *DB, q string, args ...any) ([]string, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// quoted names a table or sequence of a schema for SQL.
func quoted(schema, name string) string { return `"` + schema + `"."` + name + `"` }
