package web

import (
	"context"
	"html/template"
	"slices"
	"sync"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// boardCache keeps the boards the plan pages were built from until
// something changes, and with each board the dashboard tables written
// from it.
//
// dashboard.Load reads and evaluates a whole year — for a province more
// than 100,000 assignments and most of a second of work — and every plan
// page needs it. Every change gaoxin makes to what a board shows (the plan,
// targets, units, figures, periods, settings) is recorded in the audit
// trail in the same transaction, so a board built while the trail ended at
// entry n is still right while it ends there; and still right after later
// entries that only record things a board does not read — a sign-in, a new
// account, an assessment record (see leavesBoards). Finding the trail's
// end is one read of one row; with several instances on one PostgreSQL
// each sees the others' changes the same way. A change made behind
// gaoxin's back, in SQL, shows after the next recorded change to what
// boards read, or a restart.
//
// Boards and tables are shared between requests, so pages must only read
// them.
type boardCache struct {
	mu      sync.Mutex
	seq     int64 // the trail's entry the boards are known to be right at
	boards  map[boardKey]*dashboard.Board
	order   []boardKey // oldest first
	tables  map[*dashboard.Board]map[tableKey]template.HTML
	loading sync.Mutex // one load at a time; a request for the same board waits, then finds it
}

// boardKey names a board. Month 0 means the default month, which follows
// the date, so the date is part of the key.
type boardKey struct {
	year, month int
	day         string
}

// tableKey names one rendering of a board's table: what it shows depends
// on the board, the language and the node drilled into (0: the whole
// tree), and on nothing about the user or the request.
type tableKey struct {
	lang i18n.Lang
	node int64
}

// maxBoards bounds the memory held: a province's board takes about 66 MB.
const maxBoards = 4

// maxTables bounds the tables kept per board. A province's whole table is
// about 775 kB in each language; a node's is a part of it.
const maxTables = 16

// maxSkipped is how many trail entries since a board was built are looked
// at to tell that none of them changed it; after more, it is built again.
const maxSkipped = 64

// load returns the board of year at month (0: the default month).
func (c *boardCache) load(ctx context.Context, d *db.DB, year, month int) (*dashboard.Board, error) {
	key := boardKey{year: year, month: month, day: time.Now().In(chinaTime).Format("2006-01-02")}
	seq, err := trailEnd(ctx, d)
	if err != nil {
		return nil, err
	}
	if b := c.get(ctx, d, seq, key); b != nil {
		return b, nil
	}
	c.loading.Lock()
	defer c.loading.Unlock()
	// Read again: another load may have finished, or the trail moved on.
	if seq, err = trailEnd(ctx, d); err != nil {
		return nil, err
	}
	if b := c.get(ctx, d, seq, key); b != nil {
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
// board and the next request looks at it.
func trailEnd(ctx context.Context, d *db.DB) (int64, error) {
	last, err := audit.List(ctx, d, audit.Filter{Limit: 1})
	if err != nil || len(last) == 0 {
		return 0, err
	}
	return last[0].Seq, nil
}

// get returns the cached board for key if the boards are right at the
// trail's entry seq.
func (c *boardCache) get(ctx context.Context, d *db.DB, seq int64, key boardKey) *dashboard.Board {
	if !c.catchUp(ctx, d, seq) {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq != c.seq {
		return nil
	}
	return c.boards[key]
}

// catchUp reports whether the cached boards are right at the trail's entry
// seq, and if they are right because nothing since they were built changed
// them, notes that they are right at seq.
func (c *boardCache) catchUp(ctx context.Context, d *db.DB, seq int64) bool {
	c.mu.Lock()
	built, cached := c.seq, c.boards != nil
	c.mu.Unlock()
	switch {
	case !cached || seq < built:
		return false
	case seq == built:
		return true
	}
	if ok, err := leftAlone(ctx, d, built, seq); err != nil || !ok {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq == built { // nobody replaced the boards meanwhile
		c.seq = seq
	}
	return c.seq == seq
}

// leftAlone reports whether every trail entry after from, up to and with
// to, records a change boards do not read.
func leftAlone(ctx context.Context, d *db.DB, from, to int64) (bool, error) {
	if to-from > maxSkipped {
		return false, nil
	}
	entries, err := audit.List(ctx, d, audit.Filter{Before: to + 1, Limit: int(to - from)})
	if err != nil {
		return false, err
	}
	seen := 0
	for _, e := range entries {
		if e.Seq <= from {
			break
		}
		if !leavesBoards(e.Entity) {
			return false, nil
		}
		seen++
	}
	// The trail numbers its entries without gaps; one missing here means
	// the trail is not what it should be, and nothing is assumed.
	return int64(seen) == to-from, nil
}

// leavesBoards reports whether a change to this kind of record leaves
// every board as it was: accounts, sessions and tokens, the assessment's
// own records, briefings, notifications and their settings, none of which
// a board reads; and supervised tasks and requests, whose bound figures,
// when a change moves them, are written and recorded as figures of their
// own. Any other kind —
// and any kind added later — counts as a change, so that a board is built
// again rather than shown out of date.
func leavesBoards(entity string) bool {
	switch entity {
	case "user", "api_token",
		"scheme", "assessment_record", "assessment_result", "rating_round", "rating_form",
		"peer_group", "peer_member", "peer_indicator", "peer_value",
		"briefing", "notify", "notify_outbox", "webhook", "task", "request":
		return true
	}
	return false
}

func (c *boardCache) put(seq int64, key boardKey, b *dashboard.Board) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq != c.seq || c.boards == nil {
		c.seq, c.boards, c.order, c.tables = seq, map[boardKey]*dashboard.Board{}, nil, nil
	}
	if _, ok := c.boards[key]; !ok {
		c.order = append(c.order, key)
	}
	c.boards[key] = b
	for len(c.order) > maxBoards {
		delete(c.boards, c.order[0])
		c.order = slices.Delete(c.order, 0, 1)
	}
	for kept := range c.tables {
		if !c.holds(kept) {
			delete(c.tables, kept)
		}
	}
}

// holds reports whether b is one of the cached boards; c.mu is held.
func (c *boardCache) holds(b *dashboard.Board) bool {
	for _, cached := range c.boards {
		if cached == b {
			return true
		}
	}
	return false
}

// table returns the table of board b written for key, rendering it with
// render the first time. The HTML comes out of html/template, escaped for
// where it goes, and is kept only while b is.
func (c *boardCache) table(b *dashboard.Board, key tableKey, render func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	t, ok := c.tables[b][key]
	c.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := render()
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.holds(b) {
		if c.tables == nil {
			c.tables = map[*dashboard.Board]map[tableKey]template.HTML{}
		}
		if c.tables[b] == nil {
			c.tables[b] = map[tableKey]template.HTML{}
		}
		if len(c.tables[b]) < maxTables {
			c.tables[b][key] = t
		}
	}
	return t, nil
}
