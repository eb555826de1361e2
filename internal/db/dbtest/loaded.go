package dbtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/db"
)

// Loaded fills d, a fresh database from this package, with what load
// writes. load runs once per process, engine and key, on a database of its
// own that stays open, and every call copies that database into d: the
// demo, which takes seconds to load through its stores, is in a test's
// database in a fraction of one. load must write the same whatever the
// test, as a demo does.
func Loaded(t testing.TB, d *db.DB, key string, load func(context.Context, *db.DB) error) {
	t.Helper()
	src, err := source(d.Dialect(), key, load)
	if err != nil {
		t.Fatalf("load %s: %v", key, err)
	}
	if err := src.CopyTo(context.Background(), d); err != nil {
		t.Fatalf("copy %s: %v", key, err)
	}
}

type loadedKey struct {
	dialect db.Dialect
	key     string
}

type loadedDB struct {
	once sync.Once
	d    *db.DB
	err  error
}

var (
	loadedMu sync.Mutex
	loadedBy = map[loadedKey]*loadedDB{}
)

// source is the loaded database of an engine and key, loading it the
// first time.
func source(dialect db.Dialect, key string, load func(context.Context, *db.DB) error) (*db.DB, error) {
	loadedMu.Lock()
	l := loadedBy[loadedKey{dialect, key}]
	if l == nil {
		l = &loadedDB{}
		loadedBy[loadedKey{dialect, key}] = l
	}
	loadedMu.Unlock()
	l.once.Do(func() {
		ctx := context.Background()
		if dialect == db.SQLite {
			l.d, l.err = db.Open(ctx, "sqlite::memory:")
		} else {
			l.d, l.err = templateSchema(ctx)
		}
		if l.err == nil {
			l.err = load(ctx, l.d)
		}
	})
	return l.d, l.err
}

// templateSchema opens a schema of its own on the test server that lives
// as long as the process: nothing in a test binary runs when it ends, so
// each new one first drops the schemas that earlier processes left more
// than a day ago.
func templateSchema(ctx context.Context) (*db.DB, error) {
	base := os.Getenv(EnvPostgres)
	admin, err := db.OpenTarget(ctx, db.Target{Dialect: db.Postgres, URL: base})
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	rows, err := admin.Query(ctx, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'gx_loaded_%'")
	if err != nil {
		return nil, err
	}
	var stale []string
	dayAgo := time.Now().Add(-24 * time.Hour).Unix()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		parts := strings.Split(name, "_")
		if len(parts) == 4 {
			if at, err := strconv.ParseInt(parts[2], 10, 64); err == nil && at < dayAgo {
				stale = append(stale, name)
			}
		}
	}
	rows.Close()
	schema := fmt.Sprintf("gx_loaded_%d_%s", time.Now().Unix(), randomHex(4))
	err = admin.Write(ctx, func(tx *db.Tx) error {
		for _, s := range stale {
			if _, err := tx.Exec(ctx, "DROP SCHEMA IF EXISTS "+s+" CASCADE"); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, "CREATE SCHEMA "+schema)
		return err
	})
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return db.Open(ctx, u.String())
}
