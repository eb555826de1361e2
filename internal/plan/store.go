package plan

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Store reads and writes plans.
type Store struct{ db *db.DB }

// NewStore gives a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// Tx is a write transaction on plans; every change is audited as who.
// Several changes in one Tx land together or not at all.
type Tx struct {
	ctx context.Context
	tx  *db.Tx
	who audit.Actor
}

// Write runs fn in one transaction.
func (s *Store) Write(ctx context.Context, who audit.Actor, fn func(*Tx) error) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return fn(&Tx{ctx: ctx, tx: tx, who: who}) })
}

func (t *Tx) record(action, entity string, id int64, before, after any) error {
	return audit.Record(t.ctx, t.tx, t.who, action, entity, id, before, after)
}

// CreatePlan starts an empty plan for a year.
func (t *Tx) CreatePlan(year int, name string) (Plan, error) {
	if year < 2000 || year > 2100 {
		return Plan{}, i18n.Invalid("year", "plan.err.year")
	}
	p := Plan{Year: year, Name: name, CreatedAt: db.Now()}
	if p.Name == "" {
		p.Name = fmt.Sprintf("%d年度目标", year)
	}
	var err error
	p.ID, err = t.tx.Insert(t.ctx, "INSERT INTO plans (year, name, created_at) VALUES ($1, $2, $3)", year, p.Name, p.CreatedAt)
	if errors.Is(err, db.ErrConflict) {
		return Plan{}, i18n.Invalid("year", "plan.err.year_taken", year)
	} else if err != nil {
		return Plan{}, err
	}
	return p, t.record("plan.create", "plan", p.ID, nil, map[string]any{"year": year, "name": p.Name})
}

// PlanByYear returns the plan of a year, or db.ErrNotFound.
func (s *Store) PlanByYear(ctx context.Context, year int) (Plan, error) {
	var p Plan
	var from *int64
	err := s.db.QueryRow(ctx, "SELECT id, year, name, copied_from, created_at FROM plans WHERE year = $1", year).
		Scan(&p.ID, &p.Year, &p.Name, &from, &p.CreatedAt)
	if from != nil {
		p.CopiedFrom = *from
	}
	return p, err
}

// Years lists the years that have a plan, newest first.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	rows, err := s.db.Query(ctx, "SELECT year FROM plans ORDER BY year DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		years = append(years, y)
	}
	return years, rows.Err()
}

// AddNode adds a node under parentID (0 for a top node).
func (t *Tx) AddNode(planID, parentID int64, f NodeFields) (Node, error) {
	if verr := f.validate(); verr != nil {
		return Node{}, verr
	}
	parentPath := "/"
	var parentArg any
	if parentID != 0 {
		var parentPlan int64
		if err := t.tx.QueryRow(t.ctx, "SELECT plan_id, path FROM plan_nodes WHERE id = $1", parentID).Scan(&parentPlan, &parentPath); err != nil || parentPlan != planID {
			return Node{}, i18n.Invalid("parent", "plan.err.parent")
		}
		parentArg = parentID
	}
	n := Node{PlanID: planID, ParentID: parentID, Code: f.Code, Name: f.Name, Description: f.Description,
		LeadUnitID: f.LeadUnitID, Cooperators: f.Cooperators, Order: f.Order, Weight: f.Weight}
	var err error
	n.ID, err = t.tx.Insert(t.ctx, `INSERT INTO plan_nodes (plan_id, parent_id, code, name, description, lead_unit_id, sort_order, weight)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, planID, parentArg, f.Code, f.Name, f.Description, nullID(f.LeadUnitID), f.Order, f.Weight)
	if errors.Is(err, db.ErrConflict) {
		return Node{}, i18n.Invalid("code", "plan.err.code_taken", f.Code)
	} else if errors.Is(err, db.ErrConstraint) {
		return Node{}, i18n.Invalid("lead_unit", "plan.err.unit")
	} else if err != nil {
		return Node{}, err
	}
	n.Path = fmt.Sprintf("%s%d/", parentPath, n.ID)
	if _, err := t.tx.Exec(t.ctx, "UPDATE plan_nodes SET path = $1 WHERE id = $2", n.Path, n.ID); err != nil {
		return Node{}, err
	}
	if err := t.setCooperators(n.ID, f.Cooperators); err != nil {
		return Node{}, err
	}
	return n, t.record("plan.node_create", "plan_node", n.ID, nil, f)
}

// UpdateNode changes a node's fields; its place in the tree stays.
func (t *Tx) UpdateNode(id int64, f NodeFields) (Node, error) {
	if verr := f.validate(); verr != nil {
		return Node{}, verr
	}
	before, err := node(t.ctx, t.tx, id)
	if err != nil {
		return Node{}, err
	}
	_, err = t.tx.Exec(t.ctx, `UPDATE plan_nodes SET code = $1, name = $2, description = $3, lead_unit_id = $4, sort_order = $5, weight = $6 WHERE id = $7`,
		f.Code, f.Name, f.Description, nullID(f.LeadUnitID), f.Order, f.Weight, id)
	if errors.Is(err, db.ErrConflict) {
		return Node{}, i18n.Invalid("code", "plan.err.code_taken", f.Code)
	} else if err != nil {
		return Node{}, err
	}
	if _, err := t.tx.Exec(t.ctx, "DELETE FROM plan_node_units WHERE node_id = $1", id); err != nil {
		return Node{}, err
	}
	if err := t.setCooperators(id, f.Cooperators); err != nil {
		return Node{}, err
	}
	after := before
	after.Code, after.Name, after.Description, after.LeadUnitID, after.Cooperators, after.Order, after.Weight =
		f.Code, f.Name, f.Description, f.LeadUnitID, f.Cooperators, f.Order, f.Weight
	return after, t.record("plan.node_update", "plan_node", id, before, after)
}

func (t *Tx) setCooperators(nodeID int64, units []int64) error {
	seen := map[int64]bool{}
	for _, u := range units {
		if u == 0 || seen[u] {
			continue
		}
		seen[u] = true
		if _, err := t.tx.Exec(t.ctx, "INSERT INTO plan_node_units (node_id, unit_id) VALUES ($1, $2)", nodeID, u); err != nil {
			if errors.Is(err, db.ErrConstraint) {
				return i18n.Invalid("cooperators", "plan.err.unit")
			}
			return err
		}
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const nodeColumns = "id, plan_id, COALESCE(parent_id, 0), code, name, description, COALESCE(lead_unit_id, 0), sort_order, weight, path"

func scanNode(r interface{ Scan(...any) error }) (Node, error) {
	var n Node
	err := r.Scan(&n.ID, &n.PlanID, &n.ParentID, &n.Code, &n.Name, &n.Description, &n.LeadUnitID, &n.Order, &n.Weight, &n.Path)
	return n, err
}

func node(ctx context.Context, q db.Querier, id int64) (Node, error) {
	return scanNode(q.QueryRow(ctx, "SELECT "+nodeColumns+" FROM plan_nodes WHERE id = $1", id))
}

// Nodes returns a plan's nodes in tree order, each with its cooperators.
func (s *Store) Nodes(ctx context.Context, planID int64) ([]Node, error) {
	rows, err := s.db.Query(ctx, "SELECT "+nodeColumns+" FROM plan_nodes WHERE plan_id = $1", planID)
	if err != nil {
		return nil, err
	}
	var nodes []Node
	for rows.Next() {
		n, err := scanNode(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		nodes = append(nodes, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	coops, err := s.cooperators(ctx, planID)
	if err != nil {
		return nil, err
	}
	for i := range nodes {
		nodes[i].Cooperators = coops[nodes[i].ID]
	}
	return treeOrder(nodes), nil
}

func (s *Store) cooperators(ctx context.Context, planID int64) (map[int64][]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT u.node_id, u.unit_id FROM plan_node_units u
		JOIN plan_nodes n ON n.id = u.node_id WHERE n.plan_id = $1 ORDER BY u.node_id, u.unit_id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64][]int64{}
	for rows.Next() {
		var n, u int64
		if err := rows.Scan(&n, &u); err != nil {
			return nil, err
		}
		m[n] = append(m[n], u)
	}
	return m, rows.Err()
}

// treeOrder sorts nodes depth first, siblings by order then code.
func treeOrder(nodes []Node) []Node {
	children := map[int64][]Node{}
	for _, n := range nodes {
		children[n.ParentID] = append(children[n.ParentID], n)
	}
	for _, c := range children {
		sort.Slice(c, func(i, j int) bool {
			if c[i].Order != c[j].Order {
				return c[i].Order < c[j].Order
			}
			return c[i].Code < c[j].Code
		})
	}
	out := make([]Node, 0, len(nodes))
	var walk func(int64)
	walk = func(id int64) {
		for _, c := range children[id] {
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk(0)
	return out
}
