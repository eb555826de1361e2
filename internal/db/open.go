package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the SQL engine behind a DB.
type Dialect int

const (
	SQLite Dialect = iota + 1
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// DB is an open gaoxin database. Reads go to a pool of readers; every write
// goes through Write, which runs one transaction on the writer.
type DB struct {
	dialect Dialect
	writer  *sql.DB
	reader  *sql.DB
	path    string // the SQLite file, for backups
	uri     string // the SQLite database as a URI, for copies
	stmts   *stmtCache
}

// Dialect reports which engine this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close releases both pools.
func (db *DB) Close() error {
	if db.stmts != nil {
		db.stmts.close()
	}
	err := db.writer.Close()
	if db.reader != db.writer {
		err = errors.Join(err, db.reader.Close())
	}
	return err
}

// Target says what kind of database a DSN names and where, as a user wrote it.
type Target struct {
	Dialect Dialect
	Path    string // SQLite: file path, or ":memory:"
	URL     string // PostgreSQL: the connection URL
}

// ParseDSN reads a database address: a file path or sqlite:PATH for the
// embedded database, postgres://… or postgresql://… for PostgreSQL.
func ParseDSN(dsn string) (Target, error) {
	dsn = strings.TrimSpace(dsn)
	switch {
	case dsn == "":
		return Target{Dialect: SQLite, Path: "gaoxin.db"}, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := pgx.ParseConfig(dsn); err != nil {
			return Target{}, fmt.Errorf("malformed PostgreSQL address: %s", redactErr(err, dsn))
		}
		return Target{Dialect: Postgres, URL: dsn}, nil
	case strings.HasPrefix(dsn, "sqlite:"):
		p := strings.TrimPrefix(dsn, "sqlite:")
		p = strings.TrimPrefix(p, "//")
		if p == "" {
			return Target{}, errors.New("malformed database address: sqlite: needs a file path, e.g. sqlite:gaoxin.db")
		}
		return Target{Dialect: SQLite, Path: p}, nil
	case strings.Contains(dsn, "://"):
		scheme, _, _ := strings.Cut(dsn, "://")
		return Target{}, fmt.Errorf("unsupported database address %q: use a file path, sqlite:PATH or postgres://…", scheme+"://")
	}
	return Target{Dialect: SQLite, Path: dsn}, nil
}

// redactErr keeps a password in a DSN out of messages and logs.
func redactErr(err error, dsn string) string {
	msg := err.Error()
	if u, perr := url.Parse(dsn); perr == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
	}
	return msg
}

// oneLine folds pgx's multi-line connection errors, one line per address
// tried, into a single line without repeats, for a command-line message.
func oneLine(msg string) string {
	var parts []string
	seen := map[string]bool{}
	for _, p := range strings.Split(msg, "\n") {
		p = strings.TrimSpace(p)
		if p != "" && !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// Open connects to the database a DSN names, checks that it is what it
// claims to be, and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	t, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := OpenTarget(ctx, t)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenTarget connects without migrating.
func OpenTarget(ctx context.Context, t Target) (*DB, error) {
	if t.Dialect == Postgres {
		return openPostgres(ctx, t.URL)
	}
	return openSQLite(ctx, t.Path)
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("malformed PostgreSQL address: %s", redactErr(err, dsn))
	}
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.PingContext(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s:%d: %s", cfg.Host, cfg.Port, oneLine(redactErr(err, dsn)))
	}
	return &DB{dialect: Postgres, writer: pool, reader: pool}, nil
}

var memorySeq atomic.Int64

func openSQLite(ctx context.Context, path string) (*DB, error) {
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)"
	var name string
	if path == ":memory:" {
		// Each in-memory database gets its own name in the memdb VFS, which
		// lets several connections share it with SQLite's ordinary locking.
		name = fmt.Sprintf("file:/gaoxin-mem-%d?vfs=memdb&", memorySeq.Add(1))
	} else {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not a SQLite database file", path)
		}
		name = "file:" + path + "?" + "_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&"
	}
	writer, err := sql.Open("sqlite", name+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	// One writer connection: SQLite allows one writer at a time anyway, and
	// queueing in Go is kinder than spinning on SQLITE_BUSY.
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxLifetime(0)
	reader, err := sql.Open("sqlite", name+pragmas+"&_pragma=query_only(ON)")
	if err != nil {
		writer.Close()
		return nil, err
	}
	reader.SetMaxOpenConns(8)
	reader.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{dialect: SQLite, writer: writer, reader: reader, path: path, uri: strings.TrimSuffix(name, "&"), stmts: newStmtCache(writer)}
	// Touch the file through the writer so that a file that is not a SQLite
	// database is caught now, with a message that names it.
	var mode string
	if err := writer.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		db.Close()
		var se *sqlite.Error
		if errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_NOTADB || se.Code() == sqlite3.SQLITE_CORRUPT) {
			return nil, fmt.Errorf("%s is not a SQLite database", path)
		}
		return nil, fmt.Errorf("cannot open %s: %v", path, err)
	}
	if path != ":memory:" {
		// Without statistics SQLite guesses that every index narrows to a
		// few rows, and reads a filtered portfolio through the index of
		// the year's periods, all the year's reports, instead of through
		// the index of its own projects. SQLite's advice for a connection
		// that lives long: let optimize analyse, on a sample, the tables
		// whose statistics are missing or stale.
		if _, err := writer.ExecContext(ctx, "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002"); err != nil {
			db.Close()
			return nil, fmt.Errorf("cannot open %s: %v", path, err)
		}
	}
	return db, nil
}

// Backup writes a consistent copy of a SQLite database to path while it
// stays in use, with VACUUM INTO.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return errors.New("backup copies only the embedded database; use pg_dump for PostgreSQL")
	}
	_, err := db.writer.ExecContext(ctx, "VACUUM INTO $1", path)
	return translate(err)
}

// Pools reports the state of the connection pools by name ("writer",
// "readers"; on PostgreSQL one pool serves both, named "pool"), for the
// metrics an operator watches.
func (db *DB) Pools() map[string]sql.DBStats {
	if db.reader == db.writer {
		return map[string]sql.DBStats{"pool": db.writer.Stats()}
	}
	return map[string]sql.DBStats{"writer": db.writer.Stats(), "readers": db.reader.Stats()}
}

// IntegrityCheck runs SQLite's own check of the file's structure and
// reports what it found ("" when the database is sound); PostgreSQL has
// no such check and reports "".
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	if db.dialect != SQLite {
		return "", nil
	}
	rows, err := db.reader.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", translate(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	return strings.Join(problems, "; "), rows.Err()
}
