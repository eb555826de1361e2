package db

import (
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors returned by this package and by every store built on it.
var (
	// ErrNotFound means the row asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique key (a code, a name) is already taken.
	ErrConflict = errors.New("already exists")
	// ErrConstraint means another integrity rule (a reference, a check) refused the write.
	ErrConstraint = errors.New("violates a database constraint")
	// ErrBusy means the database stayed locked by another writer for too long.
	ErrBusy = errors.New("database is busy")
)

// translate turns a driver error into one of ours, wrapping the original so
// that logs keep the detail.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return wrap(ErrConflict, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_BUSY_SNAPSHOT:
			return wrap(ErrBusy, err)
		}
		if se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT {
			return wrap(ErrConstraint, err)
		}
		if se.Code()&0xff == sqlite3.SQLITE_BUSY {
			return wrap(ErrBusy, err)
		}
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505":
			return wrap(ErrConflict, err)
		case len(pe.Code) == 5 && pe.Code[:2] == "23":
			return wrap(ErrConstraint, err)
		case pe.Code == "40001" || pe.Code == "40P01":
			return wrap(ErrBusy, err)
		}
	}
	return err
}

type wrapped struct {
	kind  error
	cause error
}

func wrap(kind, cause error) error { return &wrapped{kind: kind, cause: cause} }

func (w *wrapped) Error() string { return w.kind.Error() + ": " + w.cause.Error() }

// Is lets errors.Is match the sentinel while Unwrap is not offered, so that
// callers cannot reach the driver type through errors.As.
func (w *wrapped) Is(target error) bool { return target == w.kind }
