package org

import (
	"context"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// unitView is a unit as the trail states it: every change of a unit
// records it whole. Its fields are in the order of their names, so that
// it encodes exactly as the map it replaced did and older entries read
// the same. The path is left out: it follows from the parents, and a move
// rewrites the paths of a whole subtree under one entry.
type unitView struct {
	Active   bool   `json:"active"`
	Class    string `json:"class"`
	Code     string `json:"code"`
	Kind     Kind   `json:"kind"`
	Name     string `json:"name"`
	Order    int    `json:"order"`
	ParentID int64  `json:"parent_id"` // 0 for a root
}

// UnitKind holds the units table against the trail, so that a unit
// renamed, moved, reactivated or added in the database is named.
func UnitKind() audit.Kind {
	return audit.Kind{
		Entity: "unit",
		State:  audit.StateOf[unitView](),
		Live:   liveUnits,
		Names:  unitNames,
	}
}

func liveUnits(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
	return audit.EachRow(ctx, q, `SELECT id, active, class, code, kind, name, sort_order, COALESCE(parent_id, 0) FROM units ORDER BY id`,
		func(r audit.Scanner) (int64, []byte, error) {
			var id int64
			var v unitView
			var kind string
			err := r.Scan(&id, &v.Active, &v.Class, &v.Code, &kind, &v.Name, &v.Order, &v.ParentID)
			v.Kind = Kind(kind)
			return id, audit.Encode(v), err
		}, each)
}

// unitNames names units by their names.
func unitNames(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	return audit.NamesByID(ctx, q, ids, "SELECT id, name FROM units WHERE id IN (%s)", audit.ScanName)
}
