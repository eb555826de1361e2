package attract

import (
	"context"
	"slices"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

func (e Event) created() time.Time {
	if e.Move != nil {
		return e.Move.CreatedAt
	}
	return e.Activity.CreatedAt
}

// Tx writes several leads in one transaction (an import, the demo); the
// bound figures the writes change are produced once, at the end.
type Tx struct {
	s   *Store
	ctx context.Context
	tx  *db.Tx
	who audit.Actor
}

// Write runs fn in one transaction; nothing fn wrote stays if it fails.
// The transaction may be run again when the database is busy, so fn must
// not have effects outside it.
func (s *Store) Write(ctx context.Context, who audit.Actor, fn func(*Tx) error) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		b := *s
		b.pending = map[int]bool{}
		if err := fn(&Tx{s: &b, ctx: ctx, tx: tx, who: who}); err != nil {
			return err
		}
		years := make([]int, 0, len(b.pending))
		for y := range b.pending {
			years = append(years, y)
		}
		slices.Sort(years)
		for _, y := range years {
			if err := s.refreshYear(ctx, tx, who, y); err != nil {
				return err
			}
		}
		return nil
	})
}

// touch notes that the figures of day's year may have moved.
func (s *Store) touch(day string) {
	if s.pending != nil && len(day) >= 4 {
		var y int
		for _, c := range day[:4] {
			y = y*10 + int(c-'0')
		}
		s.pending[y] = true
	}
}

// Create is Store.Create inside the transaction.
func (t *Tx) Create(l Lead) (Lead, error) { return t.s.create(t.ctx, t.tx, t.who, l) }

// Update is Store.Update inside the transaction.
func (t *Tx) Update(l Lead) (Lead, error) { return t.s.update(t.ctx, t.tx, t.who, l) }

// MoveTo is Store.MoveTo inside the transaction.
func (t *Tx) MoveTo(leadID int64, to Stage, on, reason string) error {
	return t.s.moveTo(t.ctx, t.tx, t.who, leadID, to, on, reason)
}

// Log is Store.Log inside the transaction.
func (t *Tx) Log(a Activity) (Activity, error) { return t.s.log(t.ctx, t.tx, t.who, a) }
