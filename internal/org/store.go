package org

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Store reads and writes units.
type Store struct{ db *db.DB }

// NewStore gives a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

const unitColumns = `id, code, name, kind, class, COALESCE(parent_id, 0), path, sort_order, active, created_at, updated_at`

type scanner interface{ Scan(...any) error }

func scanUnit(r scanner) (Unit, error) {
	var u Unit
	var kind string
	err := r.Scan(&u.ID, &u.Code, &u.Name, &kind, &u.Class, &u.ParentID, &u.Path, &u.Order, &u.Active, &u.CreatedAt, &u.UpdatedAt)
	u.Kind = Kind(kind)
	return u, err
}

// Get returns the unit with id, or db.ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (Unit, error) { return get(ctx, s.db, id) }

// ByCode returns the unit with code, or db.ErrNotFound.
func (s *Store) ByCode(ctx context.Context, code string) (Unit, error) {
	return scanUnit(s.db.QueryRow(ctx, "SELECT "+unitColumns+" FROM units WHERE code = $1", code))
}

func get(ctx context.Context, q db.Querier, id int64) (Unit, error) {
	return scanUnit(q.QueryRow(ctx, "SELECT "+unitColumns+" FROM units WHERE id = $1", id))
}

// All returns every unit, active or not, in tree order.
func (s *Store) All(ctx context.Context) ([]Unit, error) { return all(ctx, s.db) }

// ByID is every unit by its id, for pages and lists that name units and
// test scope row by row.
func (s *Store) ByID(ctx context.Context) (map[int64]Unit, error) {
	list, err := all(ctx, s.db)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Unit, len(list))
	for _, u := range list {
		out[u.ID] = u
	}
	return out, nil
}

func all(ctx context.Context, q db.Querier) ([]Unit, error) {
	return list(ctx, q, "SELECT "+unitColumns+" FROM units")
}

// Subtree returns root and everything beneath it, in tree order.
func (s *Store) Subtree(ctx context.Context, root Unit) ([]Unit, error) {
	return list(ctx, s.db, "SELECT "+unitColumns+" FROM units WHERE path LIKE $1", root.Path+"%")
}

func list(ctx context.Context, q db.Querier, sql string, args ...any) ([]Unit, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var units []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return TreeOrder(units), nil
}

// TreeOrder sorts units depth first, siblings by order then code, the way
// the tree is shown. Units whose parent is not in the list count as roots.
func TreeOrder(units []Unit) []Unit {
	present := make(map[int64]bool, len(units))
	for _, u := range units {
		present[u.ID] = true
	}
	children := make(map[int64][]Unit)
	for _, u := range units {
		parent := u.ParentID
		if !present[parent] {
			parent = 0
		}
		children[parent] = append(children[parent], u)
	}
	for _, c := range children {
		sort.Slice(c, func(i, j int) bool {
			if c[i].Order != c[j].Order {
				return c[i].Order < c[j].Order
			}
			return c[i].Code < c[j].Code
		})
	}
	out := make([]Unit, 0, len(units))
	var walk func(id int64)
	walk = func(id int64) {
		for _, c := range children[id] {
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk(0)
	return out
}

// writeUnit runs one change of a unit in its own transaction.
func (s *Store) writeUnit(ctx context.Context, change func(*db.Tx) (Unit, error)) (Unit, error) {
	var u Unit
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		u, err = change(tx)
		return err
	})
	return u, err
}

// Create adds a unit under parentID (0 for a root).
func (s *Store) Create(ctx context.Context, who audit.Actor, f Fields, parentID int64) (Unit, error) {
	return s.writeUnit(ctx, func(tx *db.Tx) (Unit, error) { return create(ctx, tx, who, f, parentID) })
}

func create(ctx context.Context, tx *db.Tx, who audit.Actor, f Fields, parentID int64) (Unit, error) {
	if verr := f.Validate(); verr != nil {
		return Unit{}, verr
	}
	parentPath := "/"
	var parentArg any
	if parentID != 0 {
		parent, err := get(ctx, tx, parentID)
		if errors.Is(err, db.ErrNotFound) {
			return Unit{}, i18n.Invalid("parent", "unit.err.parent_missing")
		} else if err != nil {
			return Unit{}, err
		}
		if !parent.Active {
			return Unit{}, i18n.Invalid("parent", "unit.err.parent_inactive", parent.Name)
		}
		parentPath, parentArg = parent.Path, parentID
	}
	now := db.Now()
	id, err := tx.Insert(ctx, `INSERT INTO units (code, name, kind, class, parent_id, sort_order, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $7)`, f.Code, f.Name, string(f.Kind), f.Class, parentArg, f.Order, now)
	if errors.Is(err, db.ErrConflict) {
		return Unit{}, i18n.Invalid("code", "unit.err.code_taken", f.Code)
	} else if err != nil {
		return Unit{}, err
	}
	path := fmt.Sprintf("%s%d/", parentPath, id)
	if _, err := tx.Exec(ctx, "UPDATE units SET path = $1 WHERE id = $2", path, id); err != nil {
		return Unit{}, err
	}
	u := Unit{ID: id, Code: f.Code, Name: f.Name, Kind: f.Kind, Class: f.Class, ParentID: parentID, Path: path,
		Order: f.Order, Active: true, CreatedAt: now, UpdatedAt: now}
	return u, record(ctx, tx, who, "unit.create", nil, u, now)
}

// Update changes a unit's code, name, kind, class and order.
func (s *Store) Update(ctx context.Context, who audit.Actor, id int64, f Fields) (Unit, error) {
	return s.writeUnit(ctx, func(tx *db.Tx) (Unit, error) { return update(ctx, tx, who, id, f) })
}

func update(ctx context.Context, tx *db.Tx, who audit.Actor, id int64, f Fields) (Unit, error) {
	if verr := f.Validate(); verr != nil {
		return Unit{}, verr
	}
	before, err := get(ctx, tx, id)
	if err != nil {
		return Unit{}, err
	}
	after := before
	after.Code, after.Name, after.Kind, after.Class, after.Order = f.Code, f.Name, f.Kind, f.Class, f.Order
	if after == before {
		return before, nil
	}
	after.UpdatedAt = db.Now()
	_, err = tx.Exec(ctx, `UPDATE units SET code = $1, name = $2, kind = $3, class = $4, sort_order = $5, updated_at = $6 WHERE id = $7`,
		f.Code, f.Name, string(f.Kind), f.Class, f.Order, after.UpdatedAt, id)
	if errors.Is(err, db.ErrConflict) {
		return Unit{}, i18n.Invalid("code", "unit.err.code_taken", f.Code)
	} else if err != nil {
		return Unit{}, err
	}
	return after, record(ctx, tx, who, "unit.update", &before, after, after.UpdatedAt)
}

// Move puts a unit and its whole subtree under a new parent (0 for a root).
func (s *Store) Move(ctx context.Context, who audit.Actor, id, parentID int64) (Unit, error) {
	return s.writeUnit(ctx, func(tx *db.Tx) (Unit, error) { return move(ctx, tx, who, id, parentID) })
}

func move(ctx context.Context, tx *db.Tx, who audit.Actor, id, parentID int64) (Unit, error) {
	before, err := get(ctx, tx, id)
	if err != nil {
		return Unit{}, err
	}
	if before.ParentID == parentID {
		return before, nil
	}
	parentPath := "/"
	var parentArg any
	if parentID != 0 {
		parent, err := get(ctx, tx, parentID)
		if errors.Is(err, db.ErrNotFound) {
			return Unit{}, i18n.Invalid("parent", "unit.err.parent_missing")
		} else if err != nil {
			return Unit{}, err
		}
		if parent.Within(before) {
			return Unit{}, i18n.Invalid("parent", "unit.err.move_cycle", before.Name, parent.Name)
		}
		if !parent.Active && before.Active {
			return Unit{}, i18n.Invalid("parent", "unit.err.parent_inactive", parent.Name)
		}
		parentPath, parentArg = parent.Path, parentID
	}
	after := before
	after.ParentID, after.Path, after.UpdatedAt = parentID, fmt.Sprintf("%s%d/", parentPath, id), db.Now()
	if _, err := tx.Exec(ctx, "UPDATE units SET parent_id = $1, updated_at = $2 WHERE id = $3", parentArg, after.UpdatedAt, id); err != nil {
		return Unit{}, err
	}
	// Rewrite the path of the unit and of everything beneath it in one statement.
	if _, err := tx.Exec(ctx, "UPDATE units SET path = $1 || SUBSTR(path, $2) WHERE path LIKE $3",
		after.Path, len(before.Path)+1, before.Path+"%"); err != nil {
		return Unit{}, err
	}
	return after, record(ctx, tx, who, "unit.move", &before, after, after.UpdatedAt)
}

// SetActive deactivates or reactivates a unit. An active unit never sits
// beneath an inactive one: a unit with active units beneath it cannot be
// deactivated, nor one reactivated under an inactive parent.
func (s *Store) SetActive(ctx context.Context, who audit.Actor, id int64, active bool) (Unit, error) {
	return s.writeUnit(ctx, func(tx *db.Tx) (Unit, error) { return setActive(ctx, tx, who, id, active) })
}

func setActive(ctx context.Context, tx *db.Tx, who audit.Actor, id int64, active bool) (Unit, error) {
	before, err := get(ctx, tx, id)
	if err != nil || before.Active == active {
		return before, err
	}
	if !active {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE path LIKE $1 AND id <> $2 AND active",
			before.Path+"%", id).Scan(&n); err != nil {
			return Unit{}, err
		}
		if n > 0 {
			return Unit{}, i18n.Invalid("active", "unit.err.active_children", n)
		}
	} else if before.ParentID != 0 {
		parent, err := get(ctx, tx, before.ParentID)
		if err != nil {
			return Unit{}, err
		}
		if !parent.Active {
			return Unit{}, i18n.Invalid("active", "unit.err.parent_inactive", parent.Name)
		}
	}
	after := before
	after.Active, after.UpdatedAt = active, db.Now()
	if _, err := tx.Exec(ctx, "UPDATE units SET active = $1, updated_at = $2 WHERE id = $3", active, after.UpdatedAt, id); err != nil {
		return Unit{}, err
	}
	action := "unit.deactivate"
	if active {
		action = "unit.reactivate"
	}
	return after, record(ctx, tx, who, action, &before, after, after.UpdatedAt)
}

// record writes the audit entry and the history row for one change.
func record(ctx context.Context, tx *db.Tx, who audit.Actor, action string, before *Unit, after Unit, at time.Time) error {
	var b any
	if before != nil {
		b = auditView(*before)
	}
	if err := audit.Record(ctx, tx, who, action, "unit", after.ID, b, auditView(after)); err != nil {
		return err
	}
	var by any
	if who.UserID != 0 {
		by = who.UserID
	}
	var parent any
	if after.ParentID != 0 {
		parent = after.ParentID
	}
	_, err := tx.Exec(ctx, `INSERT INTO unit_history (unit_id, changed_at, changed_by, change, code, name, kind, class, parent_id, sort_order, active)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		after.ID, at, by, action, after.Code, after.Name, string(after.Kind), after.Class, parent, after.Order, after.Active)
	return err
}

// auditView is the part of a unit worth keeping in the trail.
func auditView(u Unit) unitView {
	return unitView{Code: u.Code, Name: u.Name, Kind: u.Kind, Class: u.Class, ParentID: u.ParentID, Order: u.Order, Active: u.Active}
}
