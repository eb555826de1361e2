package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gaoxin/internal/db"
)

// written holds the ids the database gave the model's records, by index.
type written struct {
	units, nodes, indicators, assignments []int64
	plan                                  int64
	periods                               [13]int64 // by month
	created                               time.Time
}

// writePlanned writes everything but the figures, and the one audit entry
// of the whole load.
func writePlanned(ctx context.Context, tx *db.Tx, m *model) (*written, error) {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM units").Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, ErrNotEmpty
	}
	// Made mid-December of the year before, as a plan is.
	w := &written{created: at(ScaleYear-1, time.December, 15, 9)}
	steps := []func(context.Context, *db.Tx, *model) error{
		w.writeUnits, w.writePlan, w.writeNodes, w.writeCooperators, w.writeIndicators,
		w.writeAssignments, w.writeTargets, w.writePeriods, w.record,
	}
	for _, step := range steps {
		if err := step(ctx, tx, m); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// ref is the id of record i for a nullable reference, NULL for -1.
func ref(ids []int64, i int) any {
	if i < 0 {
		return nil
	}
	return ids[i]
}

// byCode reads "id, code" rows that RETURNING gives back, in whatever order
// the engine chooses, into ids by the index the code has in the model.
func byCode(ids []int64, index map[string]int) func(*sql.Rows) error {
	return func(r *sql.Rows) error {
		var id int64
		var code string
		if err := r.Scan(&id, &code); err != nil {
			return err
		}
		ids[index[code]] = id
		return nil
	}
}

// Paths are filled a level at a time from the parent's, as org and plan
// do it one row at a time.
const (
	unitRootPaths  = "UPDATE units SET path = '/' || CAST(id AS TEXT) || '/' WHERE parent_id IS NULL"
	unitChildPaths = "UPDATE units SET path = (SELECT p.path FROM units p WHERE p.id = units.parent_id) || CAST(id AS TEXT) || '/' WHERE path = ''"
	nodeRootPaths  = "UPDATE plan_nodes SET path = '/' || CAST(id AS TEXT) || '/' WHERE plan_id = $1 AND parent_id IS NULL"
	nodeChildPaths = "UPDATE plan_nodes SET path = (SELECT p.path FROM plan_nodes p WHERE p.id = plan_nodes.parent_id) || CAST(id AS TEXT) || '/' WHERE plan_id = $1 AND path = ''"
)

func (w *written) writeUnits(ctx context.Context, tx *db.Tx, m *model) error {
	w.units = make([]int64, len(m.units))
	index := make(map[string]int, len(m.units))
	for i, u := range m.units {
		index[u.code] = i
	}
	for depth, paths := range []string{unitRootPaths, unitChildPaths, unitChildPaths} {
		ins := db.NewInserter(ctx, tx, "INSERT INTO units (code, name, kind, class, parent_id, sort_order, active, created_at, updated_at) VALUES ",
			"(?, ?, ?, ?, ?, ?, TRUE, ?, ?)").Returning("id, code", byCode(w.units, index))
		for _, u := range m.units {
			if u.depth != depth {
				continue
			}
			if err := ins.Add(u.code, u.name, string(u.kind), u.class, ref(w.units, u.parent), u.order, w.created, w.created); err != nil {
				return err
			}
		}
		if err := ins.Flush(); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, paths); err != nil {
			return err
		}
	}
	// Each unit's history starts with its creation, as org.Store writes it.
	_, err := tx.Exec(ctx, `INSERT INTO unit_history (unit_id, changed_at, changed_by, change, code, name, kind, class, parent_id, sort_order, active)
		SELECT id, created_at, NULL, 'unit.create', code, name, kind, class, parent_id, sort_order, active FROM units`)
	return err
}

func (w *written) writePlan(ctx context.Context, tx *db.Tx, _ *model) error {
	var err error
	w.plan, err = tx.Insert(ctx, "INSERT INTO plans (year, name, created_at) VALUES ($1, $2, $3)",
		ScaleYear, fmt.Sprintf("全省高新区%d年度目标（生成数据）", ScaleYear), w.created)
	return err
}

func (w *written) writeNodes(ctx context.Context, tx *db.Tx, m *model) error {
	w.nodes = make([]int64, len(m.nodes))
	index := make(map[string]int, len(m.nodes))
	for i, n := range m.nodes {
		index[n.code] = i
	}
	for depth := 0; depth <= 4; depth++ {
		ins := db.NewInserter(ctx, tx, "INSERT INTO plan_nodes (plan_id, parent_id, code, name, description, lead_unit_id, sort_order, weight) VALUES ",
			"(?, ?, ?, ?, '', ?, ?, 1)").Returning("id, code", byCode(w.nodes, index))
		for i, n := range m.nodes {
			if n.depth != depth {
				continue
			}
			if err := ins.Add(w.plan, ref(w.nodes, n.parent), n.code, n.name, w.units[n.lead], i); err != nil {
				return err
			}
		}
		if err := ins.Flush(); err != nil {
			return err
		}
		paths := nodeChildPaths
		if depth == 0 {
			paths = nodeRootPaths
		}
		if _, err := tx.Exec(ctx, paths, w.plan); err != nil {
			return err
		}
	}
	return nil
}

func (w *written) writeCooperators(ctx context.Context, tx *db.Tx, m *model) error {
	ins := db.NewInserter(ctx, tx, "INSERT INTO plan_node_units (node_id, unit_id) VALUES ", "(?, ?)")
	for i, n := range m.nodes {
		seen := map[int]bool{}
		for _, u := range n.cooperators {
			if seen[u] {
				continue
			}
			seen[u] = true
			if err := ins.Add(w.nodes[i], w.units[u]); err != nil {
				return err
			}
		}
	}
	return ins.Flush()
}
