package org

import (
	"context"
	"time"
)

// Change is one earlier state of a unit, as it was right after a change.
type Change struct {
	At       time.Time
	By       string // login of who made it, "" for the system
	Action   string // unit.create, unit.update, unit.move, unit.deactivate, unit.reactivate
	Code     string
	Name     string
	Kind     Kind
	Class    string
	ParentID int64
	Parent   string // the parent's current name
	Order    int
	Active   bool
}

// History lists a unit's changes, oldest first.
func (s *Store) History(ctx context.Context, id int64) ([]Change, error) {
	rows, err := s.db.Query(ctx, `SELECT h.changed_at, COALESCE(u.login, ''), h.change, h.code, h.name, h.kind, h.class,
		COALESCE(h.parent_id, 0), COALESCE(p.name, ''), h.sort_order, h.active
		FROM unit_history h
		LEFT JOIN users u ON u.id = h.changed_by
		LEFT JOIN units p ON p.id = h.parent_id
		WHERE h.unit_id = $1 ORDER BY h.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Change
	for rows.Next() {
		var c Change
		var kind string
		if err := rows.Scan(&c.At, &c.By, &c.Action, &c.Code, &c.Name, &kind, &c.Class, &c.ParentID, &c.Parent, &c.Order, &c.Active); err != nil {
			return nil, err
		}
		c.Kind = Kind(kind)
		list = append(list, c)
	}
	return list, rows.Err()
}
