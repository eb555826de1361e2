package project

import (
	"context"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// Tx writes several records in one transaction: a 项目办 entering a
// year's list, or a loader writing hundreds of projects, commits once
// instead of once per record. Its methods check what the Store's do.
type Tx struct {
	s   *Store
	ctx context.Context
	tx  *db.Tx
	who audit.Actor
}

// Write runs fn in one transaction; nothing fn wrote stays if it fails.
// The transaction may be run again when the database is busy, so fn must
// not have effects outside it.
// The bound figures the writes change are refreshed once, at the end.
func (s *Store) Write(ctx context.Context, who audit.Actor, fn func(*Tx) error) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		b := s.batched()
		if err := fn(&Tx{s: b, ctx: ctx, tx: tx, who: who}); err != nil {
			return err
		}
		return b.flush(ctx, tx, who)
	})
}

// Create is Store.Create inside the transaction.
func (t *Tx) Create(p Project) (Project, error) { return t.s.create(t.ctx, t.tx, t.who, p) }

// SetYear is Store.SetYear inside the transaction.
func (t *Tx) SetYear(y Year) error { return t.s.setYear(t.ctx, t.tx, t.who, y) }

// SetNode is Store.SetNode inside the transaction.
func (t *Tx) SetNode(n Node) error { return t.s.setNode(t.ctx, t.tx, t.who, n) }

// AddProblem is Store.AddProblem inside the transaction.
func (t *Tx) AddProblem(p Problem) (Problem, error) { return t.s.addProblem(t.ctx, t.tx, t.who, p) }

// CloseProblem is Store.CloseProblem inside the transaction.
func (t *Tx) CloseProblem(id int64, resolution string) error {
	return t.s.closeProblem(t.ctx, t.tx, t.who, id, resolution)
}

// CreateProgramme is Store.CreateProgramme inside the transaction.
func (t *Tx) CreateProgramme(g Programme) (Programme, error) {
	return createProgramme(t.ctx, t.tx, t.who, g)
}

// AddItem is Store.AddItem inside the transaction.
func (t *Tx) AddItem(it Item) (Item, error) { return addItem(t.ctx, t.tx, t.who, it) }

// DB is the transaction itself, for a module that writes its own rows
// beside the projects it creates (a signed investment lead becoming a
// key project keeps the project's id in the same commit).
func (t *Tx) DB() *db.Tx { return t.tx }
