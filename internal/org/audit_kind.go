package org

import (
	"context"
	"fmt"
	"strconv"
	"strings"

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
	rows, err := q.Query(ctx, `SELECT id, active, class, code, kind, name, sort_order, COALESCE(parent_id, 0) FROM units ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v unitView
		var kind string
		if err := rows.Scan(&id, &v.Active, &v.Class, &v.Code, &kind, &v.Name, &v.Order, &v.ParentID); err != nil {
			return err
		}
		v.Kind = Kind(kind)
		if err := each(strconv.FormatInt(id, 10), audit.Encode(v)); err != nil {
			return err
		}
	}
	return rows.Err()
}

// unitNames names units by their names. Only numbers reach the query's
// text; other ids name nothing.
func unitNames(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	var list []string
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			list = append(list, strconv.FormatInt(n, 10))
		}
	}
	out := map[string]string{}
	if len(list) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, fmt.Sprintf("SELECT id, name FROM units WHERE id IN (%s)", strings.Join(list, ",")))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[strconv.FormatInt(id, 10)] = name
	}
	return out, rows.Err()
}
