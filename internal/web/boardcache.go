package web

import (
	"context"
	"slices"
	"sync"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
)

// boardCache keeps the boards the plan pages were built from until
// something changes.
//
// dashboard.Load reads and evaluates a whole year — for a province a
// million figures and more than a second of work — and every plan page
// needs it. Every change gaoxin makes to what a board shows (the plan,
// targets, units, figures, settings) is recorded in the audit trail in the
// same transaction, so the trail's last entry moves with each of them: a
// board built while the trail ended at entry n is still right while it
// ends there. Finding that entry is one read of one row; with several
// instances on one PostgreSQL each sees the others' changes the same way.
// A change made behind gaoxin's back, in SQL, shows after the next
// recorded change or a restart.
//
// Boards are shared between requests, so pages must only read them.
type boardCache struct {
	mu      sync.Mutex
	seq     int64 // the trail's last entry when the boards were built
	boards  map[boardKey]*dashboard.Board
	order   []boardKey // oldest first
	loading sync.Mutex // one load at a time; a request for the same board waits, then finds it
}

// boardKey names a board. Month 0 means the default month, which follows
// the date, so the date is part of the key.
type boardKey struct {
	year, month int
	day         string
}

// maxBoards bounds the memory held: a province's board takes about 180 MB.
const maxBoards = 4

// load returns the board of year at month (0: the default month).
func (c *boardCache) load(ctx context.Context, d *db.DB, year, month int) (*dashboard.Board, error) {
	key := boardKey{year: year, month: month, day: time.Now().In(chinaTime).Format("2006-01-02")}
	seq, err := trailEnd(ctx, d)
	if err != nil {
		return nil, err
	}
	if b := c.get(seq, key); b != nil {
		return b, nil
	}
	c.loading.Lock()
	defer c.loading.Unlock()
	// Read again: another load may have finished, or the trail moved on.
	if seq, err = trailEnd(ctx, d); err != nil {
		return nil, err
	}
	if b := c.get(seq, key); b != nil {
		return b, nil
	}
	b, err := dashboard.Load(ctx, d, year, month)
	if err != nil {
		return nil, err
	}
	c.put(seq, key, b)
	if month == 0 { // the same board answers for the month it chose
		c.put(seq, boardKey{year: year, month: b.Month, day: key.day}, b)
	}
	return b, nil
}

// trailEnd is the sequence number of the audit trail's last entry. It is
// read before the board, so that a change made meanwhile moves it past the
// board and the next request builds the board again.
func trailEnd(ctx context.Context, d *db.DB) (int64, error) {
	last, err := audit.List(ctx, d, audit.Filter{Limit: 1})
	if err != nil || len(last) == 0 {
		return 0, err
	}
	return last[0].Seq, nil
}

func (c *boardCache) get(seq int64, key boardKey) *dashboard.Board {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq != c.seq {
		return nil
	}
	return c.boards[key]
}

func (c *boardCache) put(seq int64, key boardKey, b *dashboard.Board) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq != c.seq || c.boards == nil {
		c.seq, c.boards, c.order = seq, map[boardKey]*dashboard.Board{}, nil
	}
	if _, ok := c.boards[key]; !ok {
		c.order = append(c.order, key)
	}
	c.boards[key] = b
	for len(c.order) > maxBoards {
		delete(c.boards, c.order[0])
		c.order = slices.Delete(c.order, 0, 1)
	}
}
