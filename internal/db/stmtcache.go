package db

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the writer's prepared statements of SQLite, whose parser
// would otherwise compile the same INSERT anew for every figure of every
// grid. PostgreSQL needs none: pgx caches its prepared statements itself.
//
// The writer has a single connection, which a transaction holds, so a
// statement cannot be prepared while it runs: a statement first met inside
// a transaction runs unprepared and is noted, and is prepared once the
// transaction has let the connection go. A bound keeps statements of
// varying text from growing the cache without end.
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
}

const maxCachedStmts = 512

func newStmtCache(d *sql.DB) *stmtCache {
	return &stmtCache{db: d, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement for q, or nil after noting q to be
// prepared when the connection is free.
func (c *stmtCache) get(q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[q]; ok {
		return st
	}
	if len(c.stmts)+len(c.pending) < maxCachedStmts {
		c.pending[q] = true
	}
	return nil
}

// prepare prepares the noted statements; it runs between transactions.
// The lock is not held while preparing: preparing waits for the writer's
// connection, and a transaction holding it may be asking the cache.
func (c *stmtCache) prepare(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	var todo []string
	for q := range c.pending {
		todo = append(todo, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range todo {
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, dup := c.stmts[q]; dup || c.stmts == nil {
			st.Close()
		} else {
			c.stmts[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}
